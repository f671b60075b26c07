/**
 * Custom-objective documents compiled for their shape only (no sandbox, no code run): what the
 * platform's synchronous paths need — size figures for admission, bounds and direction for
 * exports. Evaluating this problem throws; jobs evaluate through `compileProblemWithSandbox`.
 */
import { defineCustomContinuous, isCustomContinuous, readCustomContinuous } from "../../core/continuous/custom";
import type { ContinuousProblem } from "../../core/continuous/problem";

/** True for problem documents that carry tenant code (they need the sandbox to run). */
export function hasCustomObjective(doc: unknown): boolean {
  return (doc as { kind?: unknown } | null)?.kind === "continuous" && isCustomContinuous(doc);
}

/** Shape-checked problem (ProblemError paths under "problem."); its objective refuses to run. */
export function compileCustomShape(doc: unknown): { kind: string; problem: ContinuousProblem; size: Record<string, number> } {
  const spec = readCustomContinuous(doc, ["problem"]);
  const problem = defineCustomContinuous(spec, {
    evaluateBatch() {
      throw new Error("a custom objective runs only in its sandbox: compile the job with compileProblemWithSandbox");
    },
  });
  return { kind: "continuous", problem, size: { dimensions: spec.dimension } };
}
