/**
 * Test helper: run a document with a tenant objective the way the runtime does — straight, or in
 * chunks with checkpoint → bytes → a fresh sandbox → restore between them (what a resume does).
 */
import { solverFor } from "@core/index";
import { compileProblemWithSandbox } from "./objective";

export async function runSandboxed(doc: unknown, kind: string, algorithm: string, seed: number, evaluations: number, chunk?: number) {
  const { solver } = solverFor(kind, algorithm);
  let compiled = await compileProblemWithSandbox(doc);
  let state = solver.init(compiled.problem as never, solver.parameters({}, compiled.problem as never), seed, { maxEvaluations: evaluations });
  while (!solver.progress(state).done) {
    compiled.startChunk();
    state = solver.step(state, { evaluations: chunk ?? evaluations });
    if (chunk) {
      const bytes = solver.checkpoint(state);
      compiled.dispose();
      compiled = await compileProblemWithSandbox(doc);
      state = solver.restore(compiled.problem as never, bytes);
    }
  }
  compiled.dispose();
  return { best: solver.best(state), progress: solver.progress(state) };
}
