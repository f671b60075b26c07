/**
 * One search of `solveParallel` (parallel.ts), run inside a worker thread: compiles the problem
 * document it is given, solves with its own seed and budget, and posts back its best solution.
 * Plain data only crosses the thread boundary (the document, typed arrays, numbers). With an
 * exchange channel the search stops every `every` evaluations for a round (parallel.ts
 * `exchangeRound`) and adopts a better timetable from another search (solver/engine.ts `adoptBest`).
 */
import { parentPort, workerData } from "node:worker_threads";
import { compileProblem, solverFor } from "../index";
import type { TimetablingState } from "./index";
import { exchangeRound, markFinished, type WorkerRequest, type WorkerResult } from "./parallel";
import { adoptBest } from "./solver/engine";
import { runTimed } from "./solver/timed";

export function runSearch(req: WorkerRequest): WorkerResult {
  const { kind, problem } = compileProblem(req.doc);
  const { solver } = solverFor(kind, req.algorithm, problem);
  const byEvaluations = req.evaluations !== undefined;
  const state = solver.init(problem, solver.parameters(req.params, problem), req.seed, {
    maxEvaluations: byEvaluations ? req.evaluations! : Number.POSITIVE_INFINITY,
  });
  const ch = req.exchange;
  // Only the lecture timetabling solvers (solver/engine.ts) can adopt another search's best.
  const cooperating = ch !== undefined && ch.every > 0 && (state as Partial<TimetablingState>).popPeriod !== undefined;
  let round = 0;
  let adopted = 0;
  const exchange = () => {
    round++;
    const mine = solver.best(state);
    const t = mine.solution as { period: Int16Array; room: Int16Array };
    const got = exchangeRound(ch!, req.index, round, mine.value, t.period, t.room);
    if (got.from !== req.index && got.value < mine.value && adoptBest(state as TimetablingState, { period: got.period.slice(), room: got.room.slice() })) adopted++;
  };
  try {
    if (byEvaluations) {
      if (cooperating) {
        // Exchanges at fixed evaluation counts: every search stops at the same ones, so the run repeats.
        for (;;) {
          const next = (round + 1) * ch!.every;
          if (next >= req.evaluations!) break;
          solver.step(state, { evaluations: next - solver.progress(state).evaluations });
          exchange();
        }
      }
      while (!solver.progress(state).done) solver.step(state, { millis: 1000 });
    } else {
      // The seconds become an evaluation budget after a short calibration (solver/timed.ts).
      const onStep = cooperating ? () => solver.progress(state).evaluations >= (round + 1) * ch!.every && exchange() : undefined;
      runTimed(solver, state, req.seconds, () => performance.now() / 1000, onStep);
    }
  } finally {
    if (ch) markFinished(ch, req.index);
  }
  const best = solver.best(state);
  return { index: req.index, seed: req.seed, value: best.value, hard: best.hard, soft: best.soft, solution: best.solution, evaluations: solver.progress(state).evaluations, rounds: round, adopted };
}

if (parentPort && workerData?.evolveParallelSearch) {
  parentPort.postMessage(runSearch(workerData.request as WorkerRequest));
}
