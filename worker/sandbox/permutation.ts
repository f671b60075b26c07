/**
 * Tenant objectives over orderings (core/permutation): the sandboxed batch objective, validation
 * on a sample ordering, and the compiled problem the job runtime runs. `fitness(p)` receives a
 * fresh plain Array holding a permutation of 0..size-1 per call; like continuous objectives it
 * must be pure (Math.random and Date.now throw), so a sandbox re-created on restore continues a
 * run exactly.
 */
import { defineCustomPermutation, type PermutationSpec } from "@core/permutation/document";
import { identityPermutation, type PermutationObjective, type PermutationProblem } from "@core/permutation/problem";
import { VALIDATION_LIMITS, type SandboxLimits } from "./limits";
import { loadQuickJS } from "./quickjs";
import { createSandbox, type FailurePolicy, type QuickJSLoader } from "./sandbox";

/** A PermutationObjective backed by a sandbox: call `dispose()` when the job (or chunk) is done. */
export interface SandboxedPermutationObjective extends PermutationObjective {
  /** Reset the per-chunk time budget; the runtime calls it at the start of every chunk. */
  startChunk(): void;
  dispose(): void;
}

/** Compile `code` in a fresh sandbox. Throws ObjectiveError (syntax, module, missing-export, ...). */
export async function createSandboxedPermutationObjective(
  code: string,
  limits: Partial<SandboxLimits> = {},
  policy: FailurePolicy = { onError: "fail" },
  load: QuickJSLoader = loadQuickJS,
): Promise<SandboxedPermutationObjective> {
  const sandbox = await createSandbox(load, code, policy, limits);
  return {
    evaluateBatch: (perms, count, n, out) => sandbox.evaluateBatch(perms, count, n, out),
    startChunk: () => sandbox.startChunk(),
    dispose: () => sandbox.dispose(),
  };
}

/**
 * Check code before any job: it compiles, exports `fitness`, and returns a finite number for the
 * identity ordering [0, 1, …, size-1] within the limits. Returns that sample and its value; throws
 * ObjectiveError otherwise (objective.ts turns it into the 422 at problem.objective.code).
 */
export async function runPermutationSample(
  code: string,
  size: number,
  limits: Partial<SandboxLimits> = VALIDATION_LIMITS,
  load: QuickJSLoader = loadQuickJS,
): Promise<{ sample: number[]; value: number }> {
  const objective = await createSandboxedPermutationObjective(code, limits, { onError: "fail" }, load);
  try {
    const p = identityPermutation(size);
    const out = new Float64Array(1);
    objective.evaluateBatch(p, 1, size, out);
    return { sample: Array.from(p), value: out[0] };
  } finally {
    objective.dispose();
  }
}

/** The permutation problem around a sandboxed objective (ObjectiveError if the code fails to load). */
export async function sandboxedPermutationProblem(
  spec: PermutationSpec,
  limits: Partial<SandboxLimits> = {},
  load: QuickJSLoader = loadQuickJS,
): Promise<{ problem: PermutationProblem; objective: SandboxedPermutationObjective }> {
  const objective = await createSandboxedPermutationObjective(spec.objective.code, limits, spec.objective, load);
  return { problem: defineCustomPermutation(spec, objective), objective };
}
