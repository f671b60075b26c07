/**
 * Memetic algorithm for the TSP (the default): a small population of local optima under
 * 2-opt + Or-opt + 3-opt + Lin–Kernighan chains (neighbour lists, don't-look bits), improved by
 *   - iterated local search: a segment-local double-bridge kick followed by local search that only
 *     re-examines the touched cities; kept if not longer (so plateaus are crossed), and
 *   - crossover (edge recombination by default) of two members followed by local search,
 *     replacing the worst member when the child is better and not a length duplicate.
 * One evaluation = one tour produced (initial member, kick or child).
 */
import { defineSolver, type Run } from "../../engine/machine";
import type { ParamSpec } from "../../engine/params";
import type { Rng } from "../../engine/random";
import { createScratch, edgeRecombination, orderCrossover, type CrossoverScratch } from "../crossover";
import { doubleBridgeKick } from "../kick";
import { activate, activateAll, createLocalSearch, improve, loadTour, type LocalSearch } from "../local-search";
import type { TspProblem } from "../problem";
import { meanOf, offerBest, tspSolution, tspStart, type TspData } from "../run";
import { nearestNeighbourTour, tourLength } from "../tour";

export const memeticParams: readonly ParamSpec[] = [
  { name: "popSize", type: "integer", default: 8, min: 1, max: 200, help: "Members of the population, each a local optimum (4–20)." },
  { name: "crossover", type: "enum", default: "erx", values: ["erx", "ox"], help: "erx: edge recombination (keeps parents' edges); ox: order crossover." },
  { name: "crossoverRate", type: "number", default: 0.05, min: 0, max: 1, help: "Share of iterations that recombine two members instead of kicking one (0–0.3)." },
  { name: "kickLength", type: "integer", default: 30, min: 1, max: 1000, help: "Longest segment moved by the double-bridge kick (10–100)." },
];

type MemeticParamValues = { popSize: number; crossover: "erx" | "ox"; crossoverRate: number; kickLength: number };

interface MemeticData extends TspData {
  pop: Int32Array;
  len: Float64Array;
  /** Members built so far (the first popSize iterations build one each). */
  built: number;
}

interface MemeticWork {
  ls: LocalSearch;
  scratch: Int32Array;
  visited: Uint8Array;
  cross: CrossoverScratch;
  child: Int32Array;
  posA: Int32Array;
  posB: Int32Array;
}

type MemeticRun = Run<TspProblem, MemeticData, MemeticWork>;

export const memetic = defineSolver<TspProblem, MemeticData, MemeticWork, number[], MemeticParamValues>({
  id: "memetic",
  specs: memeticParams,
  create(problem, p) {
    return { ...tspStart(problem), pop: new Int32Array(p.popSize * problem.n), len: new Float64Array(p.popSize), built: 0 };
  },
  workspace(problem) {
    const n = problem.n;
    return {
      ls: createLocalSearch(problem),
      scratch: new Int32Array(n),
      visited: new Uint8Array(n),
      cross: createScratch(n),
      child: new Int32Array(n),
      posA: new Int32Array(n),
      posB: new Int32Array(n),
    };
  },
  iterate(run) {
    const { data: s, work: w, problem, rng } = run;
    const p = s.params as unknown as MemeticParamValues;
    const n = problem.n;
    if (s.built < p.popSize) {
      nearestNeighbourTour(problem, rng, w.child, w.visited);
      loadTour(w.ls, w.child);
      activateAll(w.ls);
      improve(w.ls, problem);
      const at = s.built++;
      s.pop.set(w.ls.tour, at * n);
      s.len[at] = tourLength(problem, w.ls.tour);
      offerBest(s, w.ls.tour, s.len[at]);
    } else if (p.popSize > 1 && rng.float() < p.crossoverRate) recombine(run, p);
    else kick(run, p);
    s.mean = meanOf(s.len, s.built);
    return 1;
  },
  solution: tspSolution,
});

/** Pick a member by binary tournament (biased towards short tours). */
function pick(rng: Rng, s: MemeticData): number {
  const a = rng.int(s.built);
  const b = rng.int(s.built);
  return s.len[a] <= s.len[b] ? a : b;
}

function kick(run: MemeticRun, p: MemeticParamValues): void {
  const { data: s, work: w, problem, rng } = run;
  const n = problem.n;
  const i = pick(rng, s);
  loadTour(w.ls, s.pop, i * n);
  const delta = doubleBridgeKick(w.ls, problem, rng, p.kickLength, w.scratch);
  const gain = improve(w.ls, problem);
  const estimate = s.len[i] + delta - gain;
  if (estimate <= s.len[i] + w.ls.eps) {
    s.pop.set(w.ls.tour, i * n);
    // Integer metrics are exact; float sums are recomputed so rounding never accumulates.
    s.len[i] = problem.integral ? estimate : tourLength(problem, w.ls.tour);
    offerBest(s, w.ls.tour, s.len[i]);
  }
}

function recombine(run: MemeticRun, p: MemeticParamValues): void {
  const { data: s, work: w, problem, rng } = run;
  const n = problem.n;
  const i = pick(rng, s);
  let j = rng.int(s.built - 1);
  if (j >= i) j++;
  const a = i * n;
  const b = j * n;
  if (p.crossover === "erx") edgeRecombination(rng, problem, s.pop, a, b, w.child, w.cross);
  else orderCrossover(rng, s.pop, a, b, w.child, w.cross);
  loadTour(w.ls, w.child);
  // Only cities on edges that neither parent has need a fresh look.
  for (let k = 0; k < n; k++) {
    w.posA[s.pop[a + k]] = k;
    w.posB[s.pop[b + k]] = k;
  }
  for (let k = 0; k < n; k++) {
    const x = w.child[k];
    const y = w.child[k + 1 === n ? 0 : k + 1];
    if (!adjacent(w.posA, x, y, n) && !adjacent(w.posB, x, y, n)) {
      activate(w.ls, x);
      activate(w.ls, y);
    }
  }
  improve(w.ls, problem);
  const len = tourLength(problem, w.ls.tour);
  let worst = 0;
  for (let k = 0; k < s.built; k++) {
    if (s.len[k] > s.len[worst]) worst = k;
    if (s.len[k] === len) return; // keep the population diverse
  }
  if (len < s.len[worst]) {
    s.pop.set(w.ls.tour, worst * n);
    s.len[worst] = len;
    offerBest(s, w.ls.tour, len);
  }
}

function adjacent(pos: Int32Array, x: number, y: number, n: number): boolean {
  const d = pos[x] - pos[y];
  return d === 1 || d === -1 || d === n - 1 || d === 1 - n;
}
