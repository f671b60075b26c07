/**
 * The permutation problem document: the tenant supplies the objective as JavaScript over an
 * ordering of `size` items (scheduling, sequencing, assignment, routing variants):
 *
 *   {"kind":"permutation","size":20,"direction"?:"minimize"|"maximize","name"?:"...",
 *    "objective":{"language":"javascript","code":"export function fitness(p) { ... }",
 *                 "onError"?:"fail"|"penalty","penalty"?:number}}
 *
 * `p` is an Array holding a permutation of 0..size-1. Core never runs the code (it has no
 * sandbox): `readPermutationDocument` checks the shape, and the platform builds the problem with
 * `defineCustomPermutation(spec, objective)` once its sandbox has compiled `spec.objective.code`.
 */
import { customContinuousSchema, readObjective, type CustomObjectiveSpec } from "../continuous/custom";
import { checkLimit, ProblemError, type InputIssue } from "../engine/errors";
import { definePermutationProblem, MAX_PERMUTATION_SIZE, MIN_PERMUTATION_SIZE, type Direction, type PermutationObjective, type PermutationProblem } from "./problem";

export interface PermutationSpec {
  name: string;
  size: number;
  direction: Direction;
  objective: CustomObjectiveSpec;
}

/** JSON Schema (2020-12) of the document. */
export const permutationSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://evolve.dev/schemas/problem/permutation.json",
  title: "Ordering problem with a JavaScript objective over a permutation",
  type: "object",
  required: ["kind", "size", "objective"],
  additionalProperties: false,
  properties: {
    kind: { const: "permutation" },
    size: { type: "integer", minimum: MIN_PERMUTATION_SIZE, maximum: MAX_PERMUTATION_SIZE, description: "Number of items n; solutions are orderings of 0..n-1." },
    direction: { enum: ["minimize", "maximize"], default: "minimize" },
    name: { type: "string", maxLength: 200 },
    objective: {
      ...customContinuousSchema.properties.objective,
      properties: {
        ...customContinuousSchema.properties.objective.properties,
        code: {
          ...customContinuousSchema.properties.objective.properties.code,
          description: "ES module text: export function fitness(p) { return <number> } where p is an Array holding a permutation of 0..size-1",
        },
      },
    },
  },
} as const;

/**
 * Validate the document's shape without running the code; every issue is reported at once.
 * `prefix` is prepended to issue paths (the API reports "problem.objective.code").
 */
export function readPermutationDocument(doc: unknown, prefix: (string | number)[] = []): PermutationSpec {
  const at = (...p: (string | number)[]) => [...prefix, ...p];
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new ProblemError({ path: at(), message: "problem must be a JSON object" });
  }
  const o = doc as Record<string, unknown>;
  checkSize(o.size, at("size"));
  const issues: InputIssue[] = [];
  if (o.kind !== "permutation") issues.push({ path: at("kind"), message: 'must be "permutation"' });
  for (const key of Object.keys(o)) {
    if (!(key in permutationSchema.properties)) issues.push({ path: at(key), message: "unknown field" });
  }
  const n = o.size;
  const sizeOk = typeof n === "number" && Number.isInteger(n) && n >= MIN_PERMUTATION_SIZE && n <= MAX_PERMUTATION_SIZE;
  if (!sizeOk) issues.push({ path: at("size"), message: `must be an integer from ${MIN_PERMUTATION_SIZE} to ${MAX_PERMUTATION_SIZE} (the number of items to order)` });
  let direction: Direction = "minimize";
  if (o.direction !== undefined) {
    if (o.direction === "minimize" || o.direction === "maximize") direction = o.direction;
    else issues.push({ path: at("direction"), message: 'must be "minimize" or "maximize"' });
  }
  if (o.name !== undefined && (typeof o.name !== "string" || o.name.length > 200)) issues.push({ path: at("name"), message: "must be a string of at most 200 characters" });
  const objective =
    o.objective === undefined
      ? (issues.push({ path: at("objective"), message: 'is required: {"language":"javascript","code":"export function fitness(p) {...}"}' }), undefined)
      : readObjective(o.objective, at("objective"), issues);
  if (issues.length || !objective || !sizeOk) throw new ProblemError(issues);
  return { name: typeof o.name === "string" ? o.name : "permutation", size: n, direction, objective };
}

/** A whole-number size above MAX_PERMUTATION_SIZE is refused as too large (422) before anything else. */
function checkSize(n: unknown, path: (string | number)[]): void {
  if (typeof n === "number" && Number.isInteger(n)) checkLimit("MAX_PERMUTATION_SIZE", MAX_PERMUTATION_SIZE, n, "elements", { path }, "size");
}

/** The kind's size figures ({ elements }) from the document's `size` field alone; 422 above MAX_PERMUTATION_SIZE. */
export function measurePermutation(doc: unknown): { elements: number } {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new ProblemError({ path: [], message: "problem must be a JSON object" });
  const n = (doc as Record<string, unknown>).size;
  checkSize(n, ["size"]);
  if (typeof n !== "number" || !Number.isInteger(n) || n < MIN_PERMUTATION_SIZE) {
    throw new ProblemError({ path: ["size"], message: `must be an integer from ${MIN_PERMUTATION_SIZE} to ${MAX_PERMUTATION_SIZE} (the number of items to order)` });
  }
  return { elements: n };
}

/** Core's `compile` for the kind: checks the shape, then refuses, since only the platform runs tenant code. */
export function compilePermutation(doc: unknown): PermutationProblem {
  readPermutationDocument(doc);
  throw new ProblemError({ path: ["objective"], message: "JavaScript objectives compile only on the platform, which runs them in its sandbox" });
}

/** The problem around a platform-built objective (e.g. the sandboxed `spec.objective.code`). */
export function defineCustomPermutation(spec: PermutationSpec, objective: PermutationObjective): PermutationProblem {
  return definePermutationProblem({ name: spec.name, n: spec.size, direction: spec.direction, objective });
}
