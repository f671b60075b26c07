/**
 * Documents with tenant code compiled for their shape only (no sandbox, no code run): what the
 * platform's synchronous paths need — size figures for admission, bounds/size and direction for
 * exports. Evaluating these problems throws; jobs evaluate through `compileProblemWithSandbox`.
 * Two kinds carry tenant code: continuous documents with an `objective`, and every permutation
 * document (its objective is always the tenant's).
 */
import { defineCustomContinuous, isCustomContinuous, readCustomContinuous } from "@core/continuous/custom";
import type { ContinuousProblem } from "@core/continuous/problem";
import { defineCustomPermutation, readPermutationDocument } from "@core/permutation/document";
import type { PermutationProblem } from "@core/permutation/problem";

/** True for problem documents that carry tenant code (they need the sandbox to run). */
export function hasCustomObjective(doc: unknown): boolean {
  const kind = (doc as { kind?: unknown } | null)?.kind;
  return (kind === "continuous" && isCustomContinuous(doc)) || kind === "permutation";
}

const refuse = () => {
  throw new Error("a custom objective runs only in its sandbox: compile the job with compileProblemWithSandbox");
};

/** Shape-checked problem (ProblemError paths under "problem."); its objective refuses to run. */
export function compileCustomShape(doc: unknown): { kind: string; problem: ContinuousProblem | PermutationProblem; size: Record<string, number> } {
  if ((doc as { kind?: unknown }).kind === "permutation") {
    const spec = readPermutationDocument(doc, ["problem"]);
    return { kind: "permutation", problem: defineCustomPermutation(spec, { evaluateBatch: refuse }), size: { elements: spec.size } };
  }
  const spec = readCustomContinuous(doc, ["problem"]);
  const problem = defineCustomContinuous(spec, { evaluateBatch: refuse });
  return { kind: "continuous", problem, size: { dimensions: spec.dimension } };
}
