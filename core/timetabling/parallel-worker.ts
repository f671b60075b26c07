/**
 * One search of `solveParallel` (parallel.ts), run inside a worker thread: compiles the problem
 * document it is given, solves with its own seed and budget, and posts back its best solution.
 * Plain data only crosses the thread boundary (the document, typed arrays, numbers).
 */
import { parentPort, workerData } from "node:worker_threads";
import { compileProblem, solverFor } from "../index";
import type { WorkerRequest, WorkerResult } from "./parallel";
import { runTimed } from "./solver/timed";

export function runSearch(req: WorkerRequest): WorkerResult {
  const { kind, problem } = compileProblem(req.doc);
  const { solver } = solverFor(kind, req.algorithm, problem);
  const byEvaluations = req.evaluations !== undefined;
  const state = solver.init(problem, solver.parameters(req.params, problem), req.seed, {
    maxEvaluations: byEvaluations ? req.evaluations! : Number.POSITIVE_INFINITY,
  });
  if (byEvaluations) {
    while (!solver.progress(state).done) solver.step(state, { millis: 1000 });
  } else {
    // The seconds become an evaluation budget after a short calibration (solver/timed.ts).
    runTimed(solver, state, req.seconds, () => performance.now() / 1000);
  }
  const best = solver.best(state);
  return { index: req.index, seed: req.seed, value: best.value, hard: best.hard, soft: best.soft, solution: best.solution, evaluations: solver.progress(state).evaluations };
}

if (parentPort && workerData?.evolveParallelSearch) {
  parentPort.postMessage(runSearch(workerData.request as WorkerRequest));
}
