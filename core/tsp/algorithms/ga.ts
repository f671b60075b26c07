/**
 * Permutation GA for the TSP without local search (memetic adds it): tournament selection,
 * edge recombination (ERX) or order crossover (OX), inversion mutation (a random 2-opt move),
 * and elitism. Useful as a baseline and for tiny instances; use `memetic` for quality.
 * One evaluation = one child; a generation's children are produced then ranked.
 */
import { ParameterError } from "../../engine/errors";
import { allowance, defineSolver } from "../../engine/machine";
import type { ParamSpec } from "../../engine/params";
import type { Rng } from "../../engine/random";
import { createScratch, edgeRecombination, orderCrossover, type CrossoverScratch } from "../crossover";
import type { TspProblem } from "../problem";
import { meanOf, offerBest, tspSolution, tspStart, type TspData } from "../run";
import { nearestNeighbourTour, randomTour, tourLength } from "../tour";

export const tspGaParams: readonly ParamSpec[] = [
  { name: "popSize", type: "integer", default: 100, min: 4, max: 2000, help: "Population size (50–300)." },
  { name: "crossover", type: "enum", default: "erx", values: ["erx", "ox"], help: "erx: edge recombination; ox: order crossover." },
  { name: "mutationRate", type: "number", default: 0.2, min: 0, max: 1, help: "Probability that a child gets a random segment inversion." },
  { name: "tournamentSize", type: "integer", default: 3, min: 1, max: 20, help: "Tournament size (2–5)." },
  { name: "elites", type: "integer", default: 2, min: 0, max: 100, help: "Best tours copied unchanged into the next generation." },
  { name: "init", type: "enum", default: "nearest", values: ["nearest", "random"], help: "Initial tours: randomised nearest neighbour, or uniformly random." },
];

type TspGaParamValues = { popSize: number; crossover: "erx" | "ox"; mutationRate: number; tournamentSize: number; elites: number; init: "nearest" | "random" };

interface TspGaData extends TspData {
  pop: Int32Array;
  len: Float64Array;
}

interface TspGaWork {
  next: Int32Array;
  nextLen: Float64Array;
  child: Int32Array;
  order: Int32Array;
  visited: Uint8Array;
  cross: CrossoverScratch;
}

export const tspGa = defineSolver<TspProblem, TspGaData, TspGaWork, number[], TspGaParamValues>({
  id: "ga",
  specs: tspGaParams,
  check(p) {
    if (p.elites >= p.popSize) throw new ParameterError({ path: ["parameters", "elites"], message: "must be smaller than popSize" });
  },
  create(problem, p) {
    return { ...tspStart(problem), pop: new Int32Array(p.popSize * problem.n), len: new Float64Array(p.popSize).fill(Number.POSITIVE_INFINITY) };
  },
  workspace(problem, data) {
    const n = problem.n;
    const size = data.len.length;
    return {
      next: new Int32Array(size * n),
      nextLen: new Float64Array(size),
      child: new Int32Array(n),
      order: new Int32Array(size),
      visited: new Uint8Array(n),
      cross: createScratch(n),
    };
  },
  iterate(run) {
    const { data: s, work: w, problem, rng } = run;
    const p = s.params as unknown as TspGaParamValues;
    const n = problem.n;
    const size = p.popSize;
    if (s.generation === 0) {
      const m = allowance(s, size);
      for (let i = 0; i < m; i++) {
        if (p.init === "nearest") nearestNeighbourTour(problem, rng, w.child, w.visited);
        else randomTour(rng, w.child);
        s.pop.set(w.child, i * n);
        s.len[i] = tourLength(problem, w.child);
        offerBest(s, w.child, s.len[i]);
      }
      s.mean = meanOf(s.len, m);
      return m;
    }
    const m = allowance(s, size - p.elites);
    for (let i = 0; i < size; i++) w.order[i] = i;
    w.order.sort((a, b) => s.len[a] - s.len[b] || a - b);
    let k = 0;
    for (; k < p.elites; k++) {
      copyTour(s.pop, w.order[k] * n, w.next, k * n, n);
      w.nextLen[k] = s.len[w.order[k]];
    }
    for (let c = 0; c < m; c++, k++) {
      const a = tournament(rng, s.len, p.tournamentSize) * n;
      const b = tournament(rng, s.len, p.tournamentSize) * n;
      if (p.crossover === "erx") edgeRecombination(rng, problem, s.pop, a, b, w.child, w.cross);
      else orderCrossover(rng, s.pop, a, b, w.child, w.cross);
      if (rng.float() < p.mutationRate) invertSegment(rng, w.child);
      w.next.set(w.child, k * n);
      w.nextLen[k] = tourLength(problem, w.child);
      offerBest(s, w.child, w.nextLen[k]);
    }
    // A run cut short by its cap keeps the best old tours in the remaining places.
    for (let r = p.elites; k < size; r++, k++) {
      copyTour(s.pop, w.order[r] * n, w.next, k * n, n);
      w.nextLen[k] = s.len[w.order[r]];
    }
    s.pop.set(w.next);
    s.len.set(w.nextLen);
    s.mean = meanOf(s.len, size);
    return m;
  },
  solution: tspSolution,
});

function copyTour(src: Int32Array, from: number, dst: Int32Array, to: number, n: number): void {
  for (let i = 0; i < n; i++) dst[to + i] = src[from + i];
}

function tournament(rng: Rng, len: Float64Array, k: number): number {
  let best = rng.int(len.length);
  for (let i = 1; i < k; i++) {
    const c = rng.int(len.length);
    if (len[c] < len[best]) best = c;
  }
  return best;
}

/** Reverse a random slice (a random 2-opt move). */
function invertSegment(rng: Rng, t: Int32Array): void {
  let i = rng.int(t.length);
  let j = rng.int(t.length);
  if (i > j) {
    const x = i;
    i = j;
    j = x;
  }
  for (; i < j; i++, j--) {
    const x = t[i];
    t[i] = t[j];
    t[j] = x;
  }
}
