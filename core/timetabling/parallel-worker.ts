/**
 * One search of `solveParallel` (parallel.ts), run inside a worker thread: compiles the problem
 * document it is given, solves with its own seed and budget, and posts back its best solution.
 * Plain data only crosses the thread boundary (the document, typed arrays, numbers).
 */
import { parentPort, workerData } from "node:worker_threads";
import { compileProblem, solverFor } from "../index";
import type { WorkerRequest, WorkerResult } from "./parallel";

export function runSearch(req: WorkerRequest): WorkerResult {
  const { kind, problem } = compileProblem(req.doc);
  const { solver } = solverFor(kind, req.algorithm, problem);
  const byEvaluations = req.evaluations !== undefined;
  const state = solver.init(problem, solver.parameters(req.params, problem), req.seed, {
    maxEvaluations: byEvaluations ? req.evaluations! : Number.POSITIVE_INFINITY,
  });
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  while (!solver.progress(state).done && (byEvaluations || elapsed() < req.seconds)) {
    solver.step(state, { millis: byEvaluations ? 1000 : Math.max(1, Math.min(1000, (req.seconds - elapsed()) * 1000)) });
  }
  const best = solver.best(state);
  return { index: req.index, seed: req.seed, value: best.value, hard: best.hard, soft: best.soft, solution: best.solution, evaluations: solver.progress(state).evaluations };
}

if (parentPort && workerData?.evolveParallelSearch) {
  parentPort.postMessage(runSearch(workerData.request as WorkerRequest));
}
