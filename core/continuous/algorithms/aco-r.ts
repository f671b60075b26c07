/**
 * ACO_R, ant colony optimisation for continuous domains (Socha & Dorigo 2008).
 *
 * A solution archive of size k, sorted by cost, plays the pheromone's role. Each ant picks an
 * archive member l with probability ∝ w_l = exp(−(l−1)²/(2q²k²)) (Gaussian of the rank), then
 * samples each coordinate from N(s_l,i, σ_i) with σ_i = ξ·mean_e |s_e,i − s_l,i|. The ants of an
 * iteration are evaluated with one batch call and merged into the archive if they beat its worst.
 *
 * Speed: the kernel widths σ of a guide cost O(k·d), so they are cached per archive
 * member and dropped whenever the archive changes (late in a run most ants do not enter it, so
 * most ants reuse a cached row); the guide is found by binary search in the cumulative weights;
 * normal deviates come from a ziggurat (one 32-bit draw for ~99% of them).
 */
import { ParameterError } from "../../engine/errors";
import { allowance, defineSolver } from "../../engine/machine";
import type { ParamSpec } from "../../engine/params";
import type { Rng } from "../../engine/random";
import { fillNormals } from "../operators/normal";
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
  /**
   * Kernel widths σ per archive member (row l = the widths when l guides), valid where
   * `sigmaReady[l]` is 1. A pure function of the archive, rebuilt on demand after any change
   * (and after a restore, which starts with nothing ready), so it carries no run information.
   */
  sigma: Float64Array;
  sigmaReady: Uint8Array;
  /** One ant's standard normal deviates. */
  normals: Float64Array;
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
      sigma: new Float64Array(k * dim),
      sigmaReady: new Uint8Array(k),
      normals: new Float64Array(dim),
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
      w.sigmaReady.fill(0);
      setMean(problem, s, s.cost, k);
      return m;
    }
    const m = allowance(s, p.ants);
    for (let a = 0; a < m; a++) {
      const l = pickGuide(rng, w.cumWeight, k);
      if (!w.sigmaReady[l]) guideWidths(s.archive, w, l, k, dim, p);
      sampleAnt(rng, problem, s.archive, w.sigma, l * dim, w.normals, w.ants, a * dim, dim);
    }
    evaluateCosts(problem, w.ants, m, w.antCost);
    trackBest(problem, s, w.ants, w.antCost, m);
    let changed = false;
    for (let a = 0; a < m; a++) if (insertSorted(s, w.ants, w.antCost, a, k, dim)) changed = true;
    if (changed) {
      w.sigmaReady.fill(0);
      setMean(problem, s, s.cost, k); // the archive's mean moves only when a member changes
    }
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

/**
 * A guide rank drawn with probability ∝ its weight: the first l whose cumulative weight exceeds
 * a uniform draw below the total, by binary search. (Doubles stay inside helpers like this one
 * and are never passed as arguments: a call that is not inlined would box them.)
 */
function pickGuide(rng: Rng, cum: Float64Array, k: number): number {
  const r = rng.double() * cum[k - 1];
  let lo = 0;
  let hi = k - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] <= r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * σ_j = ξ·Σ_e |s_e,j − s_l,j| / (k − 1) for guide l into row l of `w.sigma`. Four partial sums
 * (members e ≡ 0, 1, 2, 3 mod 4, then added in that order) so the additions do not wait on each
 * other; a fixed order, so σ stays a pure function of the archive.
 */
function guideWidths(archive: Float64Array, w: AcorWork, l: number, k: number, dim: number, p: AcorParamValues): void {
  const lo = l * dim;
  const step = 4 * dim;
  const whole = (k - (k % 4)) * dim;
  const end = k * dim;
  const scale = p.xi / (k - 1);
  for (let j = 0; j < dim; j++) {
    const c = archive[lo + j];
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = j;
    for (; i < whole; i += step) {
      s0 += Math.abs(archive[i] - c);
      s1 += Math.abs(archive[i + dim] - c);
      s2 += Math.abs(archive[i + 2 * dim] - c);
      s3 += Math.abs(archive[i + 3 * dim] - c);
    }
    for (; i < end; i += dim) s0 += Math.abs(archive[i] - c);
    w.sigma[lo + j] = scale * (s0 + s1 + (s2 + s3));
  }
  w.sigmaReady[l] = 1;
}

/**
 * One ant: coordinate j ~ N(archive[g + j], sigma[g + j]) clipped to the box, written to
 * out[o + j]; the standard deviates come from the ziggurat (operators/normal.ts) via `normals`.
 */
function sampleAnt(rng: Rng, box: ContinuousProblem, archive: Float64Array, sigma: Float64Array, g: number, normals: Float64Array, out: Float64Array, o: number, dim: number): void {
  const { lower, upper } = box;
  fillNormals(rng, normals, 0, dim);
  for (let j = 0; j < dim; j++) {
    const v = archive[g + j] + sigma[g + j] * normals[j];
    out[o + j] = v < lower[j] ? lower[j] : v > upper[j] ? upper[j] : v;
  }
}

/**
 * Insert row `a` of `xs` (cost `costs[a]`) into the sorted archive if it beats the worst member;
 * true if it did. The cost is read here, not passed: a double argument would be boxed.
 */
function insertSorted(s: AcorData, xs: Float64Array, costs: Float64Array, a: number, k: number, dim: number): boolean {
  const c = costs[a];
  if (!(c < s.cost[k - 1])) return false;
  let at = k - 1;
  while (at > 0 && s.cost[at - 1] > c) at--;
  s.archive.copyWithin((at + 1) * dim, at * dim, (k - 1) * dim);
  s.cost.copyWithin(at + 1, at, k - 1);
  copyRow(xs, a, s.archive, at, dim);
  s.cost[at] = c;
  return true;
}
