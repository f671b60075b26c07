/**
 * Soft-constraint weights as documents carry them: `"weights": { "<constraint>": number ≥ 0 }`,
 * any subset, the rest at their defaults (ITC_WEIGHTS). Both document formats accept the field,
 * and a fork may override it (worker: POST /v1/jobs/:id/fork with `weights`).
 */
import type { InputIssue } from "../engine/errors";
import { ITC_WEIGHTS, type Weights } from "./problem";

export const WEIGHT_NAMES = Object.keys(ITC_WEIGHTS) as (keyof Weights)[];

/** Largest accepted weight: keeps soft costs far below the solver's hard-violation weight. */
export const MAX_WEIGHT = 1e6;

/** JSON Schema of the `weights` object. */
export const weightsSchema = {
  type: "object",
  description: "Cost per unit of violation of each soft constraint; omitted ones keep their defaults.",
  additionalProperties: false,
  properties: Object.fromEntries(WEIGHT_NAMES.map((k) => [k, { type: "number", minimum: 0, maximum: MAX_WEIGHT, default: ITC_WEIGHTS[k] }])),
} as const;

/** Read a `weights` value; problems go to `issues` with paths under `path`. */
export function readWeights(value: unknown, path: (string | number)[], issues: InputIssue[]): Partial<Weights> {
  const out: Partial<Weights> = {};
  if (value === undefined) return out;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    issues.push({ path, message: "must be an object of soft-constraint weights" });
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    if (!(WEIGHT_NAMES as string[]).includes(k)) issues.push({ path: [...path, k], message: `unknown soft constraint (one of ${WEIGHT_NAMES.join(", ")})` });
    else if (typeof v !== "number" || !(v >= 0 && v <= MAX_WEIGHT)) issues.push({ path: [...path, k], message: `must be a number from 0 to ${MAX_WEIGHT}` });
    else out[k as keyof Weights] = v;
  }
  return out;
}
