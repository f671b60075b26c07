/**
 * Simulated annealing over orderings: each iteration draws `batch` neighbours of the current
 * ordering (one swap, insert or inversion move each), evaluates them in one batch call, and
 * applies the Metropolis rule to the best of them. The temperature falls geometrically from T0
 * to T0·finalRatio over the run's evaluation budget (runs without a budget cool by `coolingRate`
 * per iteration). T0 = 0 estimates it from the first batch: the mean |Δ| of the start's neighbours,
 * so an average uphill move is first accepted with probability ~1/e.
 */
import { allowance, defineSolver } from "../../engine/machine";
import type { ParamSpec } from "../../engine/params";
import { applyMove, MOVE_CHOICES, randomPermutation, type MoveChoice } from "../operators";
import { directionSign, evaluateCosts, type PermutationProblem } from "../problem";
import { permutationSolution, permutationStart, trackBest, type PermutationData } from "../run";

export const permutationSaParams: readonly ParamSpec[] = [
  { name: "batch", type: "integer", default: 16, min: 1, max: 1000, help: "Neighbours drawn and evaluated per iteration (1 = textbook SA; 8–64 suit sandboxed objectives)." },
  { name: "move", type: "enum", default: "mixed", values: MOVE_CHOICES, help: "Neighbourhood: swap two items, insert one item elsewhere, invert a segment, or mixed." },
  { name: "t0", type: "number", default: 0, min: 0, help: "Initial temperature; 0 = estimate from the first batch." },
  { name: "finalRatio", type: "number", default: 1e-3, min: 1e-20, max: 1, help: "Final temperature as a fraction of T0 (1e-6–1e-2)." },
  { name: "coolingRate", type: "number", default: 0.999, min: 0.5, max: 1, help: "Per-iteration cooling when the run has no evaluation budget." },
];

type SaParamValues = { batch: number; move: MoveChoice; t0: number; finalRatio: number; coolingRate: number };

interface SaData extends PermutationData {
  /** Current ordering and its cost (minimisation form). */
  cur: Int32Array;
  cost: number;
  t0: number;
  temperature: number;
}

interface SaWork {
  cand: Int32Array;
  candCost: Float64Array;
}

export const permutationSa = defineSolver<PermutationProblem, SaData, SaWork, number[], SaParamValues>({
  id: "sa",
  specs: permutationSaParams,
  create(problem, p) {
    return { ...permutationStart(problem), cur: new Int32Array(problem.n), cost: Number.POSITIVE_INFINITY, t0: p.t0, temperature: p.t0 };
  },
  workspace(problem, data) {
    const b = Math.max(1, data.params.batch as number);
    return { cand: new Int32Array(b * problem.n), candCost: new Float64Array(b) };
  },
  iterate(run) {
    const { data: s, problem, rng, work } = run;
    const p = s.params as unknown as SaParamValues;
    const n = problem.n;
    const m = allowance(s, p.batch);
    if (s.generation === 0) {
      // A random start and m − 1 of its neighbours: the start's cost and the size of typical moves.
      randomPermutation(rng, s.cur);
      neighbours(rng, s.cur, work.cand, 1, m, n, p.move);
      work.cand.set(s.cur);
      evaluateCosts(problem, work.cand, m, work.candCost);
      trackBest(problem, s, work.cand, work.candCost, m);
      const start = work.candCost[0];
      let sum = 0;
      let k = 0;
      for (let i = 1; i < m; i++) {
        const d = Math.abs(work.candCost[i] - start);
        if (Number.isFinite(d)) {
          sum += d;
          k++;
        }
      }
      if (!(s.t0 > 0)) s.t0 = sum > 0 ? sum / k : Math.max(1e-9, 0.01 * (Number.isFinite(start) ? Math.abs(start) : 1));
      s.temperature = s.t0;
      moveToBest(s, work, m, n);
    } else {
      neighbours(rng, s.cur, work.cand, 0, m, n, p.move);
      evaluateCosts(problem, work.cand, m, work.candCost);
      trackBest(problem, s, work.cand, work.candCost, m);
      let b = 0;
      for (let i = 1; i < m; i++) if (work.candCost[i] < work.candCost[b]) b = i;
      const c = work.candCost[b];
      // Not worse (also: any move away from an unscored current) is taken; worse ones by Metropolis.
      const accept = !(c > s.cost) || rng.double() < Math.exp(-(c - s.cost) / s.temperature);
      if (accept) {
        s.cur.set(work.cand.subarray(b * n, b * n + n));
        s.cost = c;
      }
      s.temperature = cool(s, p, m);
    }
    s.mean = directionSign(problem) * s.cost;
    return m;
  },
  solution: permutationSolution,
});

/** Rows from..count-1 of `cand` become `cur` changed by one move each. */
function neighbours(rng: Parameters<typeof applyMove>[0], cur: Int32Array, cand: Int32Array, from: number, count: number, n: number, move: MoveChoice): void {
  for (let i = from; i < count; i++) {
    const row = cand.subarray(i * n, i * n + n);
    row.set(cur);
    applyMove(rng, row, move);
  }
}

function moveToBest(s: SaData, work: SaWork, m: number, n: number): void {
  let b = 0;
  for (let i = 1; i < m; i++) if (work.candCost[i] < work.candCost[b]) b = i;
  s.cur.set(work.cand.subarray(b * n, b * n + n));
  s.cost = work.candCost[b];
}

function cool(s: SaData, p: SaParamValues, used: number): number {
  if (!Number.isFinite(s.maxEvaluations)) return s.temperature * p.coolingRate;
  const t = Math.min(1, (s.evaluations + used) / s.maxEvaluations);
  return s.t0 * p.finalRatio ** t;
}
