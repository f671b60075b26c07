/**
 * Ant colony system (Dorigo & Gambardella 1997) with candidate lists, plus 2-opt + Or-opt on
 * every ant's tour (the "ACS-3opt" idea with our local search).
 *
 * Pheromone lives only on candidate edges (each city's k nearest neighbours), an n × k array,
 * so memory is O(n) and checkpoints stay small; other edges keep τ0. An ant moves with
 * probability q0 to the best candidate by τ·η^β, otherwise by roulette over unvisited
 * candidates; when every candidate is visited it takes the nearest unvisited city. Local update
 * τ ← (1−ξ)τ + ξτ0 on each step; global update on the best-so-far tour τ ← (1−ρ)τ + ρ/L.
 * One evaluation = one ant's tour.
 */
import { allowance, defineSolver, type Run } from "../../engine/machine";
import type { ParamSpec } from "../../engine/params";
import { activateAll, createLocalSearch, improve, loadTour, type LocalSearch } from "../local-search";
import type { TspProblem } from "../problem";
import { meanOf, offerBest, tspSolution, tspStart, type TspData } from "../run";
import { nearestNeighbourTour, tourLength } from "../tour";

export const acoParams: readonly ParamSpec[] = [
  { name: "ants", type: "integer", default: 10, min: 1, max: 500, help: "Ants per iteration (ACS: 10)." },
  { name: "beta", type: "number", default: 2, min: 0, max: 10, help: "Weight of the heuristic 1/distance (2–5)." },
  { name: "q0", type: "number", default: 0.9, min: 0, max: 1, help: "Probability of the greedy choice (0.9; lower explores more)." },
  { name: "rho", type: "number", default: 0.1, min: 0, max: 1, help: "Global evaporation ρ." },
  { name: "xi", type: "number", default: 0.1, min: 0, max: 1, help: "Local evaporation ξ." },
  { name: "localSearch", type: "boolean", default: true, help: "Improve every ant's tour with 2-opt + Or-opt (much better tours)." },
];

type AcoParamValues = { ants: number; beta: number; q0: number; rho: number; xi: number; localSearch: boolean };

interface AcoData extends TspData {
  tau: Float64Array;
  tau0: number;
}

interface AcoWork {
  ls: LocalSearch;
  tour: Int32Array;
  visited: Uint8Array;
  weight: Float64Array;
  lens: Float64Array;
  eta: Float64Array;
}

type AcoRun = Run<TspProblem, AcoData, AcoWork>;

export const aco = defineSolver<TspProblem, AcoData, AcoWork, number[], AcoParamValues>({
  id: "aco",
  specs: acoParams,
  create(problem, _p, rng) {
    const n = problem.n;
    const tour = new Int32Array(n);
    nearestNeighbourTour(problem, rng, tour, new Uint8Array(n));
    const tau0 = 1 / (n * Math.max(1e-12, tourLength(problem, tour)));
    return { ...tspStart(problem), tau: new Float64Array(n * problem.k).fill(tau0), tau0 };
  },
  workspace(problem, data) {
    const { n, k } = problem;
    const eta = new Float64Array(n * k);
    const beta = data.params.beta as number;
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < k; t++) eta[i * k + t] = (1 / Math.max(1e-9, problem.dist(i, problem.neighbours[i * k + t]))) ** beta;
    }
    return { ls: createLocalSearch(problem), tour: new Int32Array(n), visited: new Uint8Array(n), weight: new Float64Array(k), lens: new Float64Array(data.params.ants as number), eta };
  },
  iterate(run) {
    const { data: s, work: w, problem } = run;
    const p = s.params as unknown as AcoParamValues;
    const m = allowance(s, p.ants);
    for (let a = 0; a < m; a++) {
      construct(run, p);
      let tour = w.tour;
      if (p.localSearch) {
        loadTour(w.ls, tour);
        activateAll(w.ls);
        improve(w.ls, problem);
        tour = w.ls.tour;
      }
      w.lens[a] = tourLength(problem, tour);
      offerBest(s, tour, w.lens[a]);
    }
    globalUpdate(s, problem, p.rho);
    s.mean = meanOf(w.lens, m);
    return m;
  },
  solution: tspSolution,
});

/** Slot of edge (i, j) in i's candidate list, or −1. */
function slot(problem: TspProblem, i: number, j: number): number {
  const base = i * problem.k;
  for (let t = 0; t < problem.k; t++) if (problem.neighbours[base + t] === j) return base + t;
  return -1;
}

function construct(run: AcoRun, p: AcoParamValues): void {
  const { data: s, work: w, problem, rng } = run;
  const { n, k, neighbours, dist } = problem;
  w.visited.fill(0);
  let cur = rng.int(n);
  w.tour[0] = cur;
  w.visited[cur] = 1;
  for (let step = 1; step < n; step++) {
    const base = cur * k;
    let total = 0;
    let bestT = -1;
    let bestV = -1;
    for (let t = 0; t < k; t++) {
      const c = neighbours[base + t];
      const v = w.visited[c] ? 0 : s.tau[base + t] * w.eta[base + t];
      w.weight[t] = v;
      total += v;
      if (!w.visited[c] && v > bestV) {
        bestV = v;
        bestT = t;
      }
    }
    let next = -1;
    let usedSlot = -1;
    if (bestT >= 0) {
      if (rng.float() < p.q0 || total <= 0) usedSlot = bestT;
      else {
        let r = rng.double() * total;
        usedSlot = bestT;
        for (let t = 0; t < k; t++) {
          if (w.weight[t] <= 0) continue;
          r -= w.weight[t];
          if (r <= 0) {
            usedSlot = t;
            break;
          }
        }
      }
      next = neighbours[base + usedSlot];
    } else {
      let bd = Number.POSITIVE_INFINITY;
      for (let c = 0; c < n; c++) {
        if (!w.visited[c] && dist(cur, c) < bd) {
          bd = dist(cur, c);
          next = c;
        }
      }
    }
    if (usedSlot >= 0) s.tau[base + usedSlot] = (1 - p.xi) * s.tau[base + usedSlot] + p.xi * s.tau0;
    const back = slot(problem, next, cur);
    if (back >= 0) s.tau[back] = (1 - p.xi) * s.tau[back] + p.xi * s.tau0;
    w.tour[step] = next;
    w.visited[next] = 1;
    cur = next;
  }
}

/** Reinforce the best-so-far tour's candidate edges (both directions). */
function globalUpdate(s: AcoData, problem: TspProblem, rho: number): void {
  const n = problem.n;
  const deposit = rho / Math.max(1e-12, s.bestLen);
  for (let i = 0; i < n; i++) {
    const a = s.bestTour[i];
    const b = s.bestTour[i + 1 === n ? 0 : i + 1];
    const x = slot(problem, a, b);
    if (x >= 0) s.tau[x] = (1 - rho) * s.tau[x] + deposit;
    const y = slot(problem, b, a);
    if (y >= 0) s.tau[y] = (1 - rho) * s.tau[y] + deposit;
  }
}
