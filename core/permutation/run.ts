/**
 * Bookkeeping shared by the permutation algorithms: best ordering so far, figures in the
 * problem's direction, and the solution view. Algorithms minimise `cost = sign·f` internally.
 */
import type { BestSolution } from "../engine/contract";
import type { Run, RunData } from "../engine/machine";
import { directionSign, type PermutationProblem } from "./problem";

export interface PermutationData extends RunData {
  /** Best ordering so far and its cost (minimisation form). */
  bestPerm: Int32Array;
  bestCost: number;
}

export type PermutationRun<D extends PermutationData, W> = Run<PermutationProblem, D, W>;

export function permutationStart(problem: PermutationProblem): Pick<PermutationData, "bestPerm" | "bestCost"> {
  return { bestPerm: new Int32Array(problem.n), bestCost: Number.POSITIVE_INFINITY };
}

/** Update best-so-far from `count` freshly evaluated rows of `perms` (costs in `cost`). */
export function trackBest(problem: PermutationProblem, data: PermutationData, perms: Int32Array, cost: Float64Array, count: number): void {
  const n = problem.n;
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
    data.bestPerm.set(perms.subarray(at * n, at * n + n));
    data.best = directionSign(problem) * c;
  }
}

/** Mean of the finite costs among the first `count`, in the problem's direction (NaN if none). */
export function meanFigure(problem: PermutationProblem, cost: Float64Array, count: number): number {
  let s = 0;
  let k = 0;
  for (let i = 0; i < count; i++) {
    if (cost[i] < Number.POSITIVE_INFINITY) {
      s += cost[i];
      k++;
    }
  }
  return k ? (directionSign(problem) * s) / k : Number.NaN;
}

/** The best ordering (0-based item indices, position by position) and its objective value. */
export function permutationSolution(run: PermutationRun<PermutationData, unknown>): BestSolution<number[]> {
  return { value: run.data.best, solution: Array.from(run.data.bestPerm) };
}
