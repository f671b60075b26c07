/** Bookkeeping shared by the TSP algorithms: best tour so far and the solution view. */
import type { BestSolution } from "../engine/contract";
import type { Run, RunData } from "../engine/machine";
import type { TspProblem } from "./problem";

export interface TspData extends RunData {
  bestTour: Int32Array;
  bestLen: number;
}

export type TspRun<D extends TspData, W> = Run<TspProblem, D, W>;

export function tspStart(problem: TspProblem): Pick<TspData, "bestTour" | "bestLen"> {
  return { bestTour: new Int32Array(problem.n), bestLen: Number.POSITIVE_INFINITY };
}

/** Record `tour` as the best so far if it is shorter. */
export function offerBest(data: TspData, tour: Int32Array, len: number): void {
  if (len < data.bestLen) {
    data.bestLen = len;
    data.bestTour.set(tour);
    data.best = len;
  }
}

export function meanOf(values: Float64Array, count: number): number {
  let s = 0;
  for (let i = 0; i < count; i++) s += values[i];
  return count ? s / count : Number.NaN;
}

/** The best tour as 0-based city indices, and its length. */
export function tspSolution(run: TspRun<TspData, unknown>): BestSolution<number[]> {
  return { value: run.data.bestLen, solution: Array.from(run.data.bestTour) };
}
