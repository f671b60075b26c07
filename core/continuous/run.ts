/**
 * Bookkeeping shared by the continuous algorithms: run data fields, best-so-far tracking and the
 * solution view. Algorithms minimise `cost = sign·f` internally (see problem.ts); figures shown to
 * people are converted back to the problem's direction here.
 */
import type { BestSolution } from "../engine/contract";
import type { Run, RunData } from "../engine/machine";
import { directionSign, type ContinuousProblem } from "./problem";

export interface ContinuousData extends RunData {
  /** Best point so far and its cost (minimisation form). */
  bestX: Float64Array;
  bestCost: number;
}

export type ContinuousRun<D extends ContinuousData, W> = Run<ContinuousProblem, D, W>;

/** Initial values of the shared fields. */
export function continuousStart(problem: ContinuousProblem): Pick<ContinuousData, "bestX" | "bestCost"> {
  return { bestX: new Float64Array(problem.dimension), bestCost: Number.POSITIVE_INFINITY };
}

/** Update best-so-far from `count` freshly evaluated rows of `xs` with costs `cost`. */
export function trackBest(problem: ContinuousProblem, data: ContinuousData, xs: Float64Array, cost: Float64Array, count: number): void {
  const d = problem.dimension;
  let at = -1;
  let c = data.bestCost;
  for (let i = 0; i < count; i++) {
    if (cost[i] < c) {
      c = cost[i];
      at = i;
    }
  }
  if (at >= 0) {
    data.bestCost = c;
    for (let j = 0; j < d; j++) data.bestX[j] = xs[at * d + j];
    data.best = directionSign(problem) * c;
  }
}

/** Set the mean figure from the costs of the current population (finite ones only). */
export function setMean(problem: ContinuousProblem, data: ContinuousData, cost: Float64Array, n: number): void {
  let s = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (cost[i] < Number.POSITIVE_INFINITY) {
      s += cost[i];
      k++;
    }
  }
  data.mean = k ? (directionSign(problem) * s) / k : Number.NaN;
}

export function continuousSolution(run: ContinuousRun<ContinuousData, unknown>): BestSolution<number[]> {
  return { value: run.data.best, solution: Array.from(run.data.bestX) };
}
