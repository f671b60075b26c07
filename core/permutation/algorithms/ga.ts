/**
 * Permutation GA for black-box ordering objectives: tournament selection, order (OX) or
 * partially mapped (PMX) crossover, swap / insert / inversion mutation, and elitism.
 *
 * Generational: every iteration breeds popSize − elites children and evaluates all of them with
 * one `evaluateBatch` call (one sandbox crossing per generation). One evaluation = one child.
 */
import { ParameterError } from "../../engine/errors";
import { allowance, defineSolver } from "../../engine/machine";
import type { ParamSpec } from "../../engine/params";
import { applyMove, createScratch, crossover, MOVE_CHOICES, randomPermutation, tournament, type CrossoverScratch, type MoveChoice } from "../operators";
import { evaluateCosts, type PermutationProblem } from "../problem";
import { meanFigure, permutationSolution, permutationStart, trackBest, type PermutationData } from "../run";

export const permutationGaParams: readonly ParamSpec[] = [
  { name: "popSize", type: "integer", default: 100, min: 4, max: 2000, help: "Population size (50–300); also the batch evaluated per generation." },
  {
    name: "crossover",
    type: "enum",
    default: "pmx",
    values: ["pmx", "ox"],
    help: "pmx: partially mapped (keeps positions; better on scheduling objectives); ox: order crossover (keeps relative order).",
  },
  { name: "crossoverRate", type: "number", default: 0.9, min: 0, max: 1, help: "Probability that a child is bred by crossover (otherwise it copies its first parent)." },
  { name: "mutation", type: "enum", default: "mixed", values: MOVE_CHOICES, help: "swap two items, insert one item elsewhere, invert a segment, or mixed (one of the three at random)." },
  { name: "mutationRate", type: "number", default: 0.4, min: 0, max: 1, help: "Probability that a child gets one mutation move." },
  { name: "tournamentSize", type: "integer", default: 3, min: 1, max: 20, help: "Tournament size (2–5): larger means stronger selection pressure." },
  { name: "elites", type: "integer", default: 2, min: 0, max: 100, help: "Best orderings copied unchanged into the next generation." },
];

type GaParamValues = {
  popSize: number;
  crossover: "ox" | "pmx";
  crossoverRate: number;
  mutation: MoveChoice;
  mutationRate: number;
  tournamentSize: number;
  elites: number;
};

interface GaData extends PermutationData {
  /** popSize rows of n items; `cost` holds their minimisation costs. */
  pop: Int32Array;
  cost: Float64Array;
}

interface GaWork {
  next: Int32Array;
  nextCost: Float64Array;
  order: Int32Array;
  cross: CrossoverScratch;
}

export const permutationGa = defineSolver<PermutationProblem, GaData, GaWork, number[], GaParamValues>({
  id: "ga",
  specs: permutationGaParams,
  check(p) {
    if (p.elites >= p.popSize) throw new ParameterError({ path: ["parameters", "elites"], message: "must be smaller than popSize" });
  },
  create(problem, p) {
    return { ...permutationStart(problem), pop: new Int32Array(p.popSize * problem.n), cost: new Float64Array(p.popSize).fill(Number.POSITIVE_INFINITY) };
  },
  workspace(problem, data) {
    const size = data.cost.length;
    return { next: new Int32Array(size * problem.n), nextCost: new Float64Array(size), order: new Int32Array(size), cross: createScratch(problem.n) };
  },
  iterate(run) {
    const { data: s, work: w, problem, rng } = run;
    const p = s.params as unknown as GaParamValues;
    const n = problem.n;
    const size = p.popSize;
    if (s.generation === 0) {
      const m = allowance(s, size);
      for (let i = 0; i < size; i++) randomPermutation(rng, s.pop.subarray(i * n, i * n + n));
      evaluateCosts(problem, s.pop, m, s.cost);
      trackBest(problem, s, s.pop, s.cost, m);
      s.mean = meanFigure(problem, s.cost, m);
      return m;
    }
    const m = allowance(s, size - p.elites);
    for (let i = 0; i < size; i++) w.order[i] = i;
    w.order.sort((a, b) => s.cost[a] - s.cost[b] || a - b);
    let k = 0;
    for (; k < p.elites; k++) copyRow(s.pop, w.order[k], w.next, k, n, s.cost, w.nextCost);
    const first = k;
    for (let c = 0; c < m; c++, k++) {
      const child = w.next.subarray(k * n, k * n + n);
      const a = tournament(rng, s.cost, size, p.tournamentSize) * n;
      if (rng.float() < p.crossoverRate) {
        const b = tournament(rng, s.cost, size, p.tournamentSize) * n;
        crossover(p.crossover, rng, s.pop, a, b, child, w.cross);
      } else child.set(s.pop.subarray(a, a + n));
      if (rng.float() < p.mutationRate) applyMove(rng, child, p.mutation);
    }
    // The whole brood in one batch: one sandbox crossing per generation.
    evaluateCosts(problem, w.next.subarray(first * n, k * n), m, w.nextCost.subarray(first, k));
    trackBest(problem, s, w.next.subarray(first * n, k * n), w.nextCost.subarray(first, k), m);
    // A run cut short by its cap keeps the best old orderings in the remaining places.
    for (let r = p.elites; k < size; r++, k++) copyRow(s.pop, w.order[r], w.next, k, n, s.cost, w.nextCost);
    s.pop.set(w.next);
    s.cost.set(w.nextCost);
    s.mean = meanFigure(problem, s.cost, size);
    return m;
  },
  solution: permutationSolution,
});

function copyRow(src: Int32Array, from: number, dst: Int32Array, to: number, n: number, srcCost: Float64Array, dstCost: Float64Array): void {
  dst.set(src.subarray(from * n, from * n + n), to * n);
  dstCost[to] = srcCost[from];
}
