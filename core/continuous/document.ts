/**
 * The continuous problem document, shared by CLI, API and web app:
 *   {"kind":"continuous","function":"rastrigin","dimension":30,
 *    "bounds"?: [lo,hi] | [[lo,hi],...], "direction"?: "minimize"|"maximize"}
 */
import { checkLimit, ProblemError, type InputIssue } from "../engine/errors";
import { readBounds } from "./bounds";
import { isCustomContinuous, readCustomContinuous } from "./custom";
import { BUILTIN_NAMES, FUNCTIONS, isBuiltinName } from "./functions";
import { builtinProblem, MAX_DIMENSION, type ContinuousProblem, type Direction } from "./problem";

export interface ContinuousDocument {
  kind: "continuous";
  function: string;
  dimension: number;
  bounds?: [number, number] | [number, number][];
  direction?: Direction;
}

const pair = { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 };

/** JSON Schema (2020-12) of the document. */
export const continuousSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://evolve.dev/schemas/problem/continuous.json",
  title: "Continuous optimisation problem",
  type: "object",
  required: ["kind", "function", "dimension"],
  additionalProperties: false,
  properties: {
    kind: { const: "continuous" },
    function: { enum: [...BUILTIN_NAMES], description: "Benchmark function (FUNCTIONS.md)." },
    dimension: { type: "integer", minimum: 1, maximum: MAX_DIMENSION },
    bounds: {
      description: "One [lo, hi] box for every coordinate, or one [lo, hi] per coordinate. Default: the function's usual domain.",
      oneOf: [pair, { type: "array", items: pair, minItems: 1, maxItems: MAX_DIMENSION }],
    },
    direction: { enum: ["minimize", "maximize"], default: "minimize" },
  },
} as const;

/** A whole-number dimension above MAX_DIMENSION is refused as too large (422) before anything else. */
function checkDimension(d: unknown, path: (string | number)[]): void {
  if (typeof d === "number" && Number.isInteger(d)) checkLimit("MAX_DIMENSION", MAX_DIMENSION, d, "dimensions", { path }, "dimension");
}

/**
 * The kind's size figures ({ dimensions }) from the document's `dimension` field alone (built-in
 * and custom objectives alike), refusing one above MAX_DIMENSION (422).
 */
export function measureContinuous(doc: unknown): { dimensions: number } {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new ProblemError({ path: [], message: "problem must be a JSON object" });
  const d = (doc as Record<string, unknown>).dimension;
  checkDimension(d, ["dimension"]);
  if (typeof d !== "number" || !Number.isInteger(d) || d < 1) throw new ProblemError({ path: ["dimension"], message: `must be an integer from 1 to ${MAX_DIMENSION}` });
  return { dimensions: d };
}

/** Validate a document and build the problem; every issue found is reported at once. */
export function compileContinuous(doc: unknown): ContinuousProblem {
  const issues: InputIssue[] = [];
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new ProblemError({ path: [], message: "problem must be a JSON object" });
  }
  const o = doc as Record<string, unknown>;
  checkDimension(o.dimension, ["dimension"]);
  // Tenant code needs the platform's sandbox (worker/sandbox compileProblemWithSandbox); core never runs it.
  if (isCustomContinuous(doc)) {
    readCustomContinuous(doc);
    throw new ProblemError({ path: ["objective"], message: "custom JavaScript objectives compile only on the platform, which runs them in its sandbox" });
  }
  if (o.kind !== "continuous") issues.push({ path: ["kind"], message: 'must be "continuous"' });
  for (const key of Object.keys(o)) {
    if (!(key in continuousSchema.properties)) issues.push({ path: [key], message: "unknown field" });
  }
  const fn = o.function;
  if (!isBuiltinName(fn)) {
    issues.push({ path: ["function"], message: `unknown function (expected one of: ${BUILTIN_NAMES.join(", ")})` });
  }
  const d = o.dimension;
  const dimOk = typeof d === "number" && Number.isInteger(d) && d >= 1 && d <= MAX_DIMENSION;
  if (!dimOk) issues.push({ path: ["dimension"], message: `must be an integer from 1 to ${MAX_DIMENSION}` });
  let direction: Direction = "minimize";
  if (o.direction !== undefined) {
    if (o.direction === "minimize" || o.direction === "maximize") direction = o.direction;
    else issues.push({ path: ["direction"], message: 'must be "minimize" or "maximize"' });
  }
  let lower: Float64Array | undefined;
  let upper: Float64Array | undefined;
  if (dimOk && isBuiltinName(fn)) {
    lower = new Float64Array(d).fill(FUNCTIONS[fn].domain[0]);
    upper = new Float64Array(d).fill(FUNCTIONS[fn].domain[1]);
    if (o.bounds !== undefined) readBounds(o.bounds, d, lower, upper, ["bounds"], issues);
  }
  if (issues.length || !lower || !upper || !isBuiltinName(fn)) throw new ProblemError(issues);
  return builtinProblem(fn, lower, upper, direction);
}
