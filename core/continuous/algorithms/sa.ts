/**
 * Simulated annealing with self-adapting Gaussian steps.
 *
 * Each iteration draws `batch` neighbours of the current point (each changes `moveDims`
 * coordinates), evaluates them in one batch call, and applies the Metropolis rule to the best of
 * them. The temperature falls geometrically from T0 to T0·finalRatio over the run's evaluation
 * budget (runs without a budget cool by `coolingRate` per iteration). T0 = 0 estimates it from
 * the spread of the first batch. Step sizes grow after acceptances and shrink after rejections,
 * aiming at the classic ~1/3 acceptance ratio.
 */
import { defineSolver, allowance, type Run } from "../../engine/machine";
import type { ParamSpec } from "../../engine/params";
import { copyRow, uniformRows } from "../operators/rows";
import { evaluateCosts, type ContinuousProblem } from "../problem";
import { continuousSolution, continuousStart, trackBest, type ContinuousData } from "../run";
import { directionSign } from "../problem";

export const saParams: readonly ParamSpec[] = [
  { name: "batch", type: "integer", default: 4, min: 1, max: 1000, help: "Neighbours drawn and evaluated per iteration (1 = textbook SA; more suits batch objectives)." },
  { name: "moveDims", type: "integer", default: 1, min: 1, max: 1000, help: "Coordinates changed per neighbour (1–3)." },
  { name: "t0", type: "number", default: 0, min: 0, help: "Initial temperature; 0 = estimate from the first batch." },
  { name: "finalRatio", type: "number", default: 1e-9, min: 1e-20, max: 1, help: "Final temperature as a fraction of T0 (1e-12–1e-3)." },
  { name: "coolingRate", type: "number", default: 0.999, min: 0.5, max: 1, help: "Per-iteration cooling when the run has no evaluation budget." },
  { name: "step", type: "number", default: 0.1, min: 1e-9, max: 1, help: "Initial step standard deviation as a fraction of the box width." },
];

type SaParamValues = { batch: number; moveDims: number; t0: number; finalRatio: number; coolingRate: number; step: number };

interface SaData extends ContinuousData {
  x: Float64Array;
  cost: number;
  sigma: Float64Array;
  t0: number;
  temperature: number;
}

interface SaWork {
  cand: Float64Array;
  candCost: Float64Array;
  /** One deviate, written by rng.normalInto/doubleInto (a returned double may be boxed). */
  deviate: Float64Array;
}

export const sa = defineSolver<ContinuousProblem, SaData, SaWork, number[], SaParamValues>({
  id: "sa",
  specs: saParams,
  create(problem, p) {
    const dim = problem.dimension;
    const sigma = new Float64Array(dim);
    for (let j = 0; j < dim; j++) sigma[j] = p.step * (problem.upper[j] - problem.lower[j]);
    return { ...continuousStart(problem), x: new Float64Array(dim), cost: Number.POSITIVE_INFINITY, sigma, t0: p.t0, temperature: p.t0 };
  },
  workspace(problem, data) {
    const b = Math.max(1, data.params.batch as number);
    return { cand: new Float64Array(b * problem.dimension), candCost: new Float64Array(b), deviate: new Float64Array(1) };
  },
  iterate(run) {
    const { data: s, problem, rng, work } = run;
    const p = s.params as unknown as SaParamValues;
    const dim = problem.dimension;
    if (s.generation === 0) {
      const m = allowance(s, p.batch);
      uniformRows(rng, problem, work.cand, 0, m);
      evaluateCosts(problem, work.cand, m, work.candCost);
      trackBest(problem, s, work.cand, work.candCost, m);
      let b = 0;
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < m; i++) {
        if (work.candCost[i] < work.candCost[b]) b = i;
        if (Number.isFinite(work.candCost[i])) {
          lo = Math.min(lo, work.candCost[i]);
          hi = Math.max(hi, work.candCost[i]);
        }
      }
      copyRow(work.cand, b, s.x, 0, dim);
      s.cost = work.candCost[b];
      if (!(s.t0 > 0)) s.t0 = hi > lo ? hi - lo : Math.max(1, Math.abs(s.cost));
      s.temperature = s.t0;
      s.mean = directionSign(problem) * s.cost;
      return m;
    }
    const m = allowance(s, p.batch);
    for (let c = 0; c < m; c++) {
      copyRow(s.x, 0, work.cand, c, dim);
      for (let k = 0; k < p.moveDims; k++) {
        const j = rng.int(dim);
        rng.normalInto(work.deviate, 0);
        let v = work.cand[c * dim + j] + s.sigma[j] * work.deviate[0];
        if (v < problem.lower[j] || v > problem.upper[j]) {
          rng.doubleInto(work.deviate, 0);
          v = problem.lower[j] + (problem.upper[j] - problem.lower[j]) * work.deviate[0];
        }
        work.cand[c * dim + j] = v;
      }
    }
    evaluateCosts(problem, work.cand, m, work.candCost);
    trackBest(problem, s, work.cand, work.candCost, m);
    let b = 0;
    for (let i = 1; i < m; i++) if (work.candCost[i] < work.candCost[b]) b = i;
    const delta = work.candCost[b] - s.cost;
    const accept = delta <= 0 || rng.chance(Math.exp(-delta / s.temperature));
    // Grow the steps of the changed coordinates after a success, shrink them all slowly otherwise.
    for (let j = 0; j < dim; j++) {
      if (work.cand[b * dim + j] !== s.x[j]) s.sigma[j] *= accept ? 1.2 : 0.9;
      const width = problem.upper[j] - problem.lower[j];
      s.sigma[j] = Math.min(0.5 * width, Math.max(1e-15 * width, s.sigma[j]));
    }
    if (accept) {
      copyRow(work.cand, b, s.x, 0, dim);
      s.cost = work.candCost[b];
    }
    cool(s, p, m);
    s.mean = directionSign(problem) * s.cost;
    return m;
  },
  solution: continuousSolution,
});

/** Lower s.temperature after an iteration (sets the field: a returned double may be boxed). */
function cool(s: SaData, p: SaParamValues, used: number): void {
  if (!Number.isFinite(s.maxEvaluations)) {
    s.temperature *= p.coolingRate;
    return;
  }
  const t = Math.min(1, (s.evaluations + used) / s.maxEvaluations);
  s.temperature = s.t0 * p.finalRatio ** t;
}

export type SaRun = Run<ContinuousProblem, SaData, SaWork>;
