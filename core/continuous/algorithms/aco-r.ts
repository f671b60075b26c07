/**
 * ACO_R, ant colony optimisation for continuous domains (Socha & Dorigo 2008).
 *
 * A solution archive of size k, sorted by cost, plays the pheromone's role. Each ant picks an
 * archive member l with probability ∝ w_l = exp(−(l−1)²/(2q²k²)) (Gaussian of the rank), then
 * samples each coordinate from N(s_l,i, σ_i) with σ_i = ξ·mean_e |s_e,i − s_l,i|. The ants of an
 * iteration are evaluated with one batch call and merged into the archive if they beat its worst.
 */
import { ParameterError } from "../../engine/errors";
import { allowance, defineSolver } from "../../engine/machine";
import type { ParamSpec } from "../../engine/params";
import { copyRow, uniformRows } from "../operators/rows";
import { rankByCost } from "../operators/selection";
import { evaluateCosts, type ContinuousProblem } from "../problem";
import { continuousSolution, continuousStart, setMean, trackBest, type ContinuousData } from "../run";

export const acorParams: readonly ParamSpec[] = [
  { name: "archiveSize", type: "integer", default: 50, min: 2, max: 2000, help: "Archive size k (Socha & Dorigo: 50)." },
  { name: "ants", type: "integer", default: 2, min: 1, max: 1000, help: "Solutions built per iteration (2–10)." },
  { name: "q", type: "number", default: 0.1, min: 1e-6, max: 10, help: "Locality: small q favours the best archive members (1e-4 exploitative … 0.5 explorative)." },
  { name: "xi", type: "number", default: 0.85, min: 0.01, max: 5, help: "ξ, the pheromone evaporation analogue: larger = wider sampling, slower convergence (0.5–1)." },
];

type AcorParamValues = { archiveSize: number; ants: number; q: number; xi: number };

interface AcorData extends ContinuousData {
  /** Archive rows sorted by cost (row 0 best). */
  archive: Float64Array;
  cost: Float64Array;
}

interface AcorWork {
  cumWeight: Float64Array;
  ants: Float64Array;
  antCost: Float64Array;
  order: Int32Array;
  tmp: Float64Array;
  tmpCost: Float64Array;
}

export const acor = defineSolver<ContinuousProblem, AcorData, AcorWork, number[], AcorParamValues>({
  id: "aco-r",
  specs: acorParams,
  check(p) {
    if (p.ants > p.archiveSize) throw new ParameterError({ path: ["parameters", "ants"], message: "must not exceed archiveSize" });
  },
  create(problem, p) {
    return {
      ...continuousStart(problem),
      archive: new Float64Array(p.archiveSize * problem.dimension),
      cost: new Float64Array(p.archiveSize).fill(Number.POSITIVE_INFINITY),
    };
  },
  workspace(problem, data) {
    const p = data.params as unknown as AcorParamValues;
    const k = p.archiveSize;
    const cum = new Float64Array(k);
    let acc = 0;
    for (let l = 0; l < k; l++) {
      acc += Math.exp(-(l * l) / (2 * p.q * p.q * k * k));
      cum[l] = acc;
    }
    const dim = problem.dimension;
    return {
      cumWeight: cum,
      ants: new Float64Array(p.ants * dim),
      antCost: new Float64Array(p.ants),
      order: new Int32Array(k),
      tmp: new Float64Array(k * dim),
      tmpCost: new Float64Array(k),
    };
  },
  iterate(run) {
    const { data: s, problem, rng, work: w } = run;
    const p = s.params as unknown as AcorParamValues;
    const dim = problem.dimension;
    const k = p.archiveSize;
    if (s.generation === 0) {
      const m = allowance(s, k);
      uniformRows(rng, problem, s.archive, 0, k);
      evaluateCosts(problem, s.archive, m, s.cost);
      trackBest(problem, s, s.archive, s.cost, m);
      sortArchive(s, w, k, dim);
      setMean(problem, s, s.cost, k);
      return m;
    }
    const m = allowance(s, p.ants);
    const total = w.cumWeight[k - 1];
    for (let a = 0; a < m; a++) {
      const r = rng.double() * total;
      let l = 0;
      while (l < k - 1 && w.cumWeight[l] <= r) l++;
      const lo = l * dim;
      for (let j = 0; j < dim; j++) {
        const centre = s.archive[lo + j];
        let spread = 0;
        for (let e = 0; e < k; e++) spread += Math.abs(s.archive[e * dim + j] - centre);
        const sigma = (p.xi * spread) / (k - 1);
        let v = centre + sigma * rng.normal();
        v = v < problem.lower[j] ? problem.lower[j] : v > problem.upper[j] ? problem.upper[j] : v;
        w.ants[a * dim + j] = v;
      }
    }
    evaluateCosts(problem, w.ants, m, w.antCost);
    trackBest(problem, s, w.ants, w.antCost, m);
    for (let a = 0; a < m; a++) insertSorted(s, w.ants, w.antCost[a], a, k, dim);
    setMean(problem, s, s.cost, k);
    return m;
  },
  solution: continuousSolution,
});

function sortArchive(s: AcorData, w: AcorWork, k: number, dim: number): void {
  const order = rankByCost(s.cost, k, w.order);
  for (let r = 0; r < k; r++) {
    copyRow(s.archive, order[r], w.tmp, r, dim);
    w.tmpCost[r] = s.cost[order[r]];
  }
  s.archive.set(w.tmp);
  s.cost.set(w.tmpCost);
}

/** Insert row `a` of `xs` into the sorted archive if it beats the worst member. */
function insertSorted(s: AcorData, xs: Float64Array, c: number, a: number, k: number, dim: number): void {
  if (!(c < s.cost[k - 1])) return;
  let at = k - 1;
  while (at > 0 && s.cost[at - 1] > c) at--;
  s.archive.copyWithin((at + 1) * dim, at * dim, (k - 1) * dim);
  s.cost.copyWithin(at + 1, at, k - 1);
  copyRow(xs, a, s.archive, at, dim);
  s.cost[at] = c;
}
