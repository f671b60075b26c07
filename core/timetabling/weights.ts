/**
 * Soft-constraint weights as documents carry them: `"weights": { "<constraint>": number ≥ 0 }`,
 * any subset, the rest at their defaults (ITC_WEIGHTS). Both document formats accept the field,
 * and a fork may override it (worker: POST /v1/jobs/:id/fork with `weights`).
 */
import type { InputIssue } from "../engine/errors";
import { ITC_WEIGHTS, type Weights } from "./problem";

export const WEIGHT_NAMES = Object.keys(ITC_WEIGHTS) as (keyof Weights)[];

/** What one unit of each soft constraint is, for forms and schema descriptions. */
export const WEIGHT_HELP: Record<keyof Weights, string> = {
  roomCapacity: "Per student above a room's capacity, per lecture.",
  minWorkingDays: "Per missing working day of a course.",
  curriculumCompactness: "Per isolated lecture of a curriculum (nothing next to it that day).",
  roomStability: "Per room a course uses beyond its first.",
  periodPreference: "Per unit of an instructor's period penalty.",
  instructorDailyLimit: "Per lecture above an instructor's daily maximum.",
  doubleLectures: "Per lecture of a double-lecture course with no same-course lecture adjacent.",
};

/** Largest accepted weight: keeps soft costs far below the solver's hard-violation weight. */
export const MAX_WEIGHT = 1e6;

/** JSON Schema of the `weights` object. */
export const weightsSchema = {
  type: "object",
  description: "Cost per unit of violation of each soft constraint; omitted ones keep their defaults.",
  additionalProperties: false,
  properties: Object.fromEntries(WEIGHT_NAMES.map((k) => [k, { type: "number", minimum: 0, maximum: MAX_WEIGHT, default: ITC_WEIGHTS[k], description: WEIGHT_HELP[k] }])),
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
