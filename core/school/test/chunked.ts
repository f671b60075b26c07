/** Test helper: a school solver run in chunks, as a Durable Object runs it. */
import { schoolSolver } from "../index";
import type { SchoolProblem } from "../problem";

type SchoolState = ReturnType<typeof schoolSolver.init>;

/**
 * Runs the school solver to its end `chunk` evaluations at a time, checkpointing and restoring the
 * state after every chunk; returns the final state (compare it with a straight run's).
 */
export function runInChunks(p: SchoolProblem, params: ReturnType<typeof schoolSolver.parameters>, seed: number, maxEvaluations: number, chunk: number): SchoolState {
  let s = schoolSolver.init(p, params, seed, { maxEvaluations });
  while (!schoolSolver.progress(s).done) s = schoolSolver.restore(p, schoolSolver.checkpoint(schoolSolver.step(s, { evaluations: chunk })));
  return s;
}
