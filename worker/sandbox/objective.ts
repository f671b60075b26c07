/**
 * Tenant JavaScript objectives on the platform side: the evaluator factory the job runtime uses,
 * and the validation `POST /v1/problems/validate` and the web upload run before any job.
 *
 * Core validates the document's shape (core/continuous/custom.ts, core/permutation/document.ts)
 * but never runs code; here the code meets the QuickJS sandbox (sandbox.ts; orderings in
 * permutation.ts). The objective is assumed pure (a function of its argument only; Math.random
 * and Date.now are removed): a checkpoint does not include the sandbox, the runtime re-creates it
 * on restore, so chunked runs equal straight runs.
 */
import type { BatchObjective, ContinuousProblem } from "@core/continuous/problem";
import { centreOf, defineCustomContinuous, readCustomContinuous, type CustomContinuousSpec } from "@core/continuous/custom";
import { ProblemError } from "@core/engine/errors";
import { readPermutationDocument } from "@core/permutation/document";
import { compileProblem } from "../runtime/solvers";
import { ObjectiveError, VALIDATION_LIMITS, type SandboxLimits } from "./limits";
import { loadQuickJS } from "./quickjs";
import { createSandbox, type FailurePolicy, type QuickJSLoader } from "./sandbox";
import { runPermutationSample, sandboxedPermutationProblem } from "./permutation";
import { takeSandboxSlot, withValidationSlot } from "./isolate-slots";
import { hasCustomObjective } from "./shape";

export { hasCustomObjective } from "./shape";
export { ObjectiveError, type ObjectiveFailure, type SandboxLimits } from "./limits";

/** Where validation errors point in an API request body. */
export const CODE_PATH = ["problem", "objective", "code"];

/** A BatchObjective backed by a sandbox: call `dispose()` when the job (or chunk) is done. */
export interface SandboxedObjective extends BatchObjective {
  /** Reset the per-chunk time budget; the runtime calls it at the start of every chunk. */
  startChunk(): void;
  dispose(): void;
}

/**
 * Compile `code` in a fresh sandbox. Throws ObjectiveError (syntax, module, missing-export, ...).
 * Example: `const f = await createSandboxedObjective("export function fitness(x) { return x[0] ** 2 }")`.
 */
export async function createSandboxedObjective(
  code: string,
  limits: Partial<SandboxLimits> = {},
  policy: FailurePolicy = { onError: "fail" },
  load: QuickJSLoader = loadQuickJS,
): Promise<SandboxedObjective> {
  const sandbox = await createSandbox(load, code, policy, limits);
  return {
    evaluateBatch: (xs, count, dim, out) => sandbox.evaluateBatch(xs, count, dim, out),
    startChunk: () => sandbox.startChunk(),
    dispose: () => sandbox.dispose(),
  };
}

/**
 * Check code before any job: it compiles, exports `fitness`, and returns a finite number for the
 * centre of the bounds within the limits. Returns that sample value; otherwise throws ProblemError
 * at problem.objective.code with the line, column and message.
 */
export async function validateObjective(
  code: string,
  dimension: number,
  bounds: { lower: ArrayLike<number>; upper: ArrayLike<number> },
  limits: Partial<SandboxLimits> = VALIDATION_LIMITS,
  load: QuickJSLoader = loadQuickJS,
): Promise<{ sample: number[]; value: number }> {
  let objective: SandboxedObjective | undefined;
  try {
    objective = await createSandboxedObjective(code, limits, { onError: "fail" }, load);
    const x = centreOf({ lower: Float64Array.from(bounds.lower), upper: Float64Array.from(bounds.upper) });
    const out = new Float64Array(1);
    objective.evaluateBatch(x, 1, dimension, out);
    return { sample: Array.from(x), value: out[0] };
  } catch (e) {
    if (e instanceof ObjectiveError) throw objectiveProblem(e);
    throw e;
  } finally {
    objective?.dispose();
  }
}

/** An ObjectiveError as the 422 the API answers: path problem.objective.code, line and column. */
export function objectiveProblem(e: ObjectiveError): ProblemError {
  const message = e.message.replace(/^point 0: /, "");
  return new ProblemError({
    path: CODE_PATH,
    message: `${message} [${e.reason}]`,
    ...(e.line !== undefined ? { line: e.line } : {}),
    ...(e.column !== undefined ? { column: e.column } : {}),
  });
}

/**
 * The whole check `POST /v1/problems/validate` needs for any problem document: custom objectives
 * are shape-checked by core and run once in the sandbox (continuous: at the centre of the bounds;
 * permutation: on the identity ordering); every other document compiles in core.
 * Throws ProblemError (paths under "problem."); returns the kind, the size figures and, for custom
 * objectives, the sample point and its value.
 */
export async function validateProblemDocument(doc: unknown): Promise<{ kind: string; size: Record<string, number>; sample?: { x: number[]; value: number } }> {
  if (!hasCustomObjective(doc)) {
    const { kind, size } = compileProblem(doc);
    return { kind, size };
  }
  // At most MAX_SANDBOXES_PER_ISOLATE sandboxes at once in this isolate, else 503 (./isolate-slots.ts).
  if (isPermutationDoc(doc)) {
    const spec = readPermutationDocument(doc, ["problem"]);
    const { sample, value } = await withValidationSlot(() => sandboxed(() => runPermutationSample(spec.objective.code, spec.size)));
    return { kind: "permutation", size: { elements: spec.size }, sample: { x: sample, value } };
  }
  const spec = readCustomContinuous(doc, ["problem"]);
  const { sample, value } = await withValidationSlot(() => validateObjective(spec.objective.code, spec.dimension, spec));
  return { kind: "continuous", size: { dimensions: spec.dimension }, sample: { x: sample, value } };
}

export interface CompiledWithSandbox {
  kind: string;
  problem: unknown;
  size: Record<string, number>;
  /** Start of a chunk: resets the sandbox's per-chunk time budget (no-op for built-ins). */
  startChunk(): void;
  /** Free the sandbox (no-op for built-ins). Call when the chunk or job ends. */
  dispose(): void;
}

/**
 * Compile any problem document for the job runtime; custom objectives get a fresh sandbox.
 * Same result shape as worker/runtime/solvers.ts `compileProblem`, plus startChunk/dispose.
 * Runtime failures surface from the solver's `step` as ObjectiveError (reason + message) → job.error.
 */
export async function compileProblemWithSandbox(doc: unknown, limits: Partial<SandboxLimits> = {}, load: QuickJSLoader = loadQuickJS): Promise<CompiledWithSandbox> {
  if (!hasCustomObjective(doc)) return { ...compileProblem(doc), startChunk() {}, dispose() {} };
  // A job's sandbox counts against the isolate's bound but is never refused (./isolate-slots.ts).
  const release = takeSandboxSlot({ refuseWhenFull: false });
  try {
    if (isPermutationDoc(doc)) {
      const spec = readPermutationDocument(doc, ["problem"]);
      const { problem, objective } = await sandboxed(() => sandboxedPermutationProblem(spec, limits, load));
      return { kind: "permutation", problem, size: { elements: spec.size }, startChunk: objective.startChunk, dispose: () => (objective.dispose(), release()) };
    }
    const spec = readCustomContinuous(doc, ["problem"]);
    const problem = await sandboxedProblem(spec, limits, load);
    return {
      kind: "continuous",
      problem: problem.problem,
      size: { dimensions: spec.dimension },
      startChunk: problem.objective.startChunk,
      dispose: () => (problem.objective.dispose(), release()),
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** The continuous problem around a sandboxed objective. */
export async function sandboxedProblem(
  spec: CustomContinuousSpec,
  limits: Partial<SandboxLimits> = {},
  load: QuickJSLoader = loadQuickJS,
): Promise<{ problem: ContinuousProblem; objective: SandboxedObjective }> {
  let objective: SandboxedObjective;
  try {
    objective = await createSandboxedObjective(spec.objective.code, limits, spec.objective, load);
  } catch (e) {
    // Code that validated once can still fail here if the limits differ; report it the same way.
    if (e instanceof ObjectiveError) throw objectiveProblem(e);
    throw e;
  }
  return { problem: defineCustomContinuous(spec, objective), objective };
}

function isPermutationDoc(doc: unknown): boolean {
  return (doc as { kind?: unknown }).kind === "permutation";
}

/** Run a sandbox step, reporting the tenant's code failing to load or to run as the API's 422. */
async function sandboxed<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ObjectiveError) throw objectiveProblem(e);
    throw e;
  }
}
