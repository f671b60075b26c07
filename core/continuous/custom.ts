/**
 * The custom-objective variant of the continuous problem document: the tenant supplies the
 * objective as JavaScript source instead of naming a built-in function.
 *
 *   {"kind":"continuous","dimension":30,"bounds":[-5,5],"direction"?:"minimize"|"maximize",
 *    "objective":{"language":"javascript","code":"export function fitness(x) { ... }",
 *                 "onError"?:"fail"|"penalty","penalty"?:number}}
 *
 * Core never runs the code (it has no sandbox): `readCustomContinuous` checks the document's
 * shape, and the platform turns the spec into a problem with `defineCustomContinuous(spec, objective)`
 * once its sandbox has built a BatchObjective from `spec.objective.code`.
 */
import { ProblemError, type InputIssue } from "../engine/errors";
import { readBounds } from "./bounds";
import { defineContinuousProblem, MAX_DIMENSION, type BatchObjective, type ContinuousProblem, type Direction } from "./problem";

/** Largest accepted objective source, in UTF-16 code units (a fitness function, not a library). */
export const MAX_OBJECTIVE_CODE = 256 * 1024;

export type ObjectiveErrorPolicy = "fail" | "penalty";

export interface CustomObjectiveSpec {
  language: "javascript";
  /** ES module text exporting `function fitness(x)`; x holds `dimension` numbers. */
  code: string;
  /** What a failing call (throws, non-number, NaN/±Infinity, per-call time limit) does. Default "fail". */
  onError: ObjectiveErrorPolicy;
  /** Value given to failing points under "penalty"; omitted → the worst possible value. */
  penalty?: number;
}

export interface CustomContinuousSpec {
  dimension: number;
  lower: Float64Array;
  upper: Float64Array;
  direction: Direction;
  objective: CustomObjectiveSpec;
}

const pair = { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 };

/** JSON Schema (2020-12) of the custom-objective document. */
export const customContinuousSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://evolve.dev/schemas/problem/continuous-custom.json",
  title: "Continuous optimisation problem with a JavaScript objective",
  type: "object",
  required: ["kind", "objective", "dimension", "bounds"],
  additionalProperties: false,
  properties: {
    kind: { const: "continuous" },
    objective: {
      type: "object",
      required: ["language", "code"],
      additionalProperties: false,
      properties: {
        language: { const: "javascript" },
        code: { type: "string", maxLength: MAX_OBJECTIVE_CODE, description: "ES module text: export function fitness(x) { return <number> }" },
        onError: { enum: ["fail", "penalty"], default: "fail" },
        penalty: { type: "number", description: "Objective value of a point whose evaluation failed (onError: penalty)." },
      },
    },
    dimension: { type: "integer", minimum: 1, maximum: MAX_DIMENSION },
    bounds: {
      description: "One [lo, hi] box for every coordinate, or one [lo, hi] per coordinate.",
      oneOf: [pair, { type: "array", items: pair, minItems: 1, maxItems: MAX_DIMENSION }],
    },
    direction: { enum: ["minimize", "maximize"], default: "minimize" },
  },
} as const;

/** True when a continuous document carries its own objective (the sandboxed variant). */
export function isCustomContinuous(doc: unknown): boolean {
  return typeof doc === "object" && doc !== null && !Array.isArray(doc) && "objective" in doc;
}

/**
 * Validate the document's shape without running the code; every issue is reported at once.
 * `prefix` is prepended to issue paths (the API reports "problem.objective.code").
 */
export function readCustomContinuous(doc: unknown, prefix: (string | number)[] = []): CustomContinuousSpec {
  const at = (...p: (string | number)[]) => [...prefix, ...p];
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new ProblemError({ path: at(), message: "problem must be a JSON object" });
  }
  const o = doc as Record<string, unknown>;
  const issues: InputIssue[] = [];
  if (o.kind !== "continuous") issues.push({ path: at("kind"), message: 'must be "continuous"' });
  for (const key of Object.keys(o)) {
    if (!(key in customContinuousSchema.properties)) {
      const hint = key === "function" ? " (give either a built-in `function` or your own `objective`, not both)" : "";
      issues.push({ path: at(key), message: `unknown field${hint}` });
    }
  }
  const objective = readObjective(o.objective, at("objective"), issues);
  const d = o.dimension;
  const dimOk = typeof d === "number" && Number.isInteger(d) && d >= 1 && d <= MAX_DIMENSION;
  if (!dimOk) issues.push({ path: at("dimension"), message: `must be an integer from 1 to ${MAX_DIMENSION}` });
  let direction: Direction = "minimize";
  if (o.direction !== undefined) {
    if (o.direction === "minimize" || o.direction === "maximize") direction = o.direction;
    else issues.push({ path: at("direction"), message: 'must be "minimize" or "maximize"' });
  }
  let lower: Float64Array | undefined;
  let upper: Float64Array | undefined;
  if (o.bounds === undefined) {
    issues.push({ path: at("bounds"), message: "is required for a custom objective ([lo, hi] or one [lo, hi] per coordinate)" });
  } else if (dimOk) {
    lower = new Float64Array(d);
    upper = new Float64Array(d);
    readBounds(o.bounds, d, lower, upper, at("bounds"), issues);
  }
  if (issues.length || !objective || !lower || !upper || !dimOk) throw new ProblemError(issues);
  return { dimension: d, lower, upper, direction, objective };
}

/** The problem around a platform-built objective (e.g. the sandboxed `spec.objective.code`). */
export function defineCustomContinuous(spec: CustomContinuousSpec, objective: BatchObjective): ContinuousProblem {
  return defineContinuousProblem({
    name: "custom",
    lower: spec.lower,
    upper: spec.upper,
    direction: spec.direction,
    objective,
  });
}

/** Centre of the box: the sample point validation evaluates. */
export function centreOf(spec: Pick<CustomContinuousSpec, "lower" | "upper">): Float64Array {
  const x = new Float64Array(spec.lower.length);
  for (let i = 0; i < x.length; i++) x[i] = (spec.lower[i] + spec.upper[i]) / 2;
  return x;
}

/** Read the `objective` field (shared with the permutation kind, whose objective has the same shape). */
export function readObjective(raw: unknown, path: (string | number)[], issues: InputIssue[]): CustomObjectiveSpec | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    issues.push({ path, message: 'must be an object {"language":"javascript","code":"export function fitness(x) {...}"}' });
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  const before = issues.length;
  for (const key of Object.keys(o)) {
    if (!(key in customContinuousSchema.properties.objective.properties)) issues.push({ path: [...path, key], message: "unknown field" });
  }
  if (o.language !== "javascript") issues.push({ path: [...path, "language"], message: 'must be "javascript"' });
  if (typeof o.code !== "string" || o.code.trim() === "") {
    issues.push({ path: [...path, "code"], message: "must be a non-empty string of JavaScript (export function fitness(x) { ... })" });
  } else if (o.code.length > MAX_OBJECTIVE_CODE) {
    issues.push({ path: [...path, "code"], message: `is longer than ${MAX_OBJECTIVE_CODE} characters` });
  }
  const onError = o.onError ?? "fail";
  if (onError !== "fail" && onError !== "penalty") issues.push({ path: [...path, "onError"], message: 'must be "fail" or "penalty"' });
  if (o.penalty !== undefined) {
    if (typeof o.penalty !== "number" || !Number.isFinite(o.penalty)) {
      issues.push({ path: [...path, "penalty"], message: "must be a finite number" });
    } else if (onError !== "penalty") {
      issues.push({ path: [...path, "penalty"], message: 'only applies with "onError": "penalty"' });
    }
  }
  if (issues.length > before) return undefined;
  return {
    language: "javascript",
    code: o.code as string,
    onError: onError as ObjectiveErrorPolicy,
    ...(o.penalty !== undefined ? { penalty: o.penalty as number } : {}),
  };
}
