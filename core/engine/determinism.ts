/**
 * The determinism property of the engine contract, as reusable test helpers: a run of K
 * evaluations done in one go must equal the same run cut into chunks with
 * checkpoint → bytes → restore between them. Used by every kind's property tests.
 */
import type { BestSolution, Progress, Solver } from "./contract";

export interface RunOutcome {
  best: BestSolution<unknown>;
  progress: Progress;
  /** Size of the last checkpoint taken, in bytes. */
  checkpointBytes: number;
}

/** Run to the cap in a single step call. */
export function runStraight<P>(solver: Solver<P, any, any, any>, problem: P, params: unknown, seed: number, evaluations: number): RunOutcome {
  const s = solver.init(problem, solver.parameters(params as never, problem), seed, { maxEvaluations: evaluations });
  while (!solver.progress(s).done) solver.step(s, { evaluations: Number.POSITIVE_INFINITY });
  return { best: solver.best(s), progress: solver.progress(s), checkpointBytes: solver.checkpoint(s).byteLength };
}

/**
 * Run to the cap in chunks of the given evaluation budgets (cycled), restoring from a fresh
 * copy of the checkpoint bytes after every chunk, as a crashed and resumed job would.
 */
export function runChunked<P>(solver: Solver<P, any, any, any>, problem: P, params: unknown, seed: number, evaluations: number, chunks: readonly number[]): RunOutcome {
  let s = solver.init(problem, solver.parameters(params as never, problem), seed, { maxEvaluations: evaluations });
  let bytes = 0;
  for (let i = 0; !solver.progress(s).done; i++) {
    s = solver.step(s, { evaluations: chunks[i % chunks.length] });
    const cp = solver.checkpoint(s);
    bytes = cp.byteLength;
    s = solver.restore(problem, Uint8Array.from(cp));
  }
  return { best: solver.best(s), progress: solver.progress(s), checkpointBytes: bytes };
}
