/**
 * Differential evolution: L-SHADE (default), rand/1/bin and current-to-best/1 with jittered F.
 *
 * L-SHADE (Tanabe & Fukunaga, CEC 2014): current-to-pbest/1 with an archive of replaced parents,
 * success-history adaptation of F and CR (H memory cells, weighted Lehmer means), and linear
 * population-size reduction from `popSize` to 4 over the run's fixed evaluation budget. When the
 * run has no finite budget the population stays constant (plain SHADE).
 * A generation's trial vectors are evaluated with one batch call.
 *
 * Checkpoint size: 8·d·NP·(1 + archiveRate) + 8·NP bytes plus a small header, at most at the
 * start (NP shrinks). Default 30-D: NP = 540 → about 470 KB; NP is capped at 600 (automatic).
 */
import { ParameterError } from "../../engine/errors";
import { allowance, defineSolver, type Run } from "../../engine/machine";
import type { ParamSpec } from "../../engine/params";
import type { Rng } from "../../engine/random";
import { copyRow, midpointRepair, uniformRows } from "../operators/rows";
import { rankByCost } from "../operators/selection";
import { evaluateCosts, type ContinuousProblem } from "../problem";
import { continuousSolution, continuousStart, setMean, trackBest, type ContinuousData } from "../run";

export const deParams: readonly ParamSpec[] = [
  {
    name: "strategy",
    type: "enum",
    default: "lshade",
    values: ["lshade", "rand1bin", "current-to-best1"],
    help: "lshade: self-adaptive current-to-pbest/1 with population reduction (strongest); rand1bin: classic DE/rand/1/bin; current-to-best1: DE/current-to-best/1/bin.",
  },
  { name: "popSize", type: "integer", default: 0, min: 0, max: 5000, help: "Population size; 0 = automatic (lshade: 18·dimension, at most 600; classic: 10·dimension clamped to 20..100)." },
  { name: "F", type: "number", default: 0.5, min: 0, max: 2, help: "Classic strategies: differential weight (typical 0.4–0.9)." },
  { name: "CR", type: "number", default: 0.9, min: 0, max: 1, help: "Classic strategies: crossover rate (0.9 for non-separable, 0.1–0.3 for separable problems)." },
  { name: "jitter", type: "number", default: 0.1, min: 0, max: 1, help: "Classic strategies: F is drawn per individual uniformly in F·(1 ± jitter)." },
  { name: "memorySize", type: "integer", default: 6, min: 1, max: 100, help: "L-SHADE: success-history memory cells H (5–10)." },
  { name: "pBest", type: "number", default: 0.11, min: 0.01, max: 1, help: "L-SHADE: fraction of the population that can act as pbest (0.05–0.2)." },
  { name: "archiveRate", type: "number", default: 2.6, min: 0, max: 5, help: "L-SHADE: archive size as a multiple of the population (1–3)." },
  { name: "minPopSize", type: "integer", default: 4, min: 4, max: 1000, help: "L-SHADE: population size reached at the end of the run." },
];

type DeParamValues = {
  strategy: "lshade" | "rand1bin" | "current-to-best1";
  popSize: number;
  F: number;
  CR: number;
  jitter: number;
  memorySize: number;
  pBest: number;
  archiveRate: number;
  minPopSize: number;
};

interface DeData extends ContinuousData {
  np: number;
  npInit: number;
  pop: Float64Array;
  cost: Float64Array;
  archive: Float64Array;
  archiveSize: number;
  memF: Float64Array;
  /** Negative marks the "terminal" value ⊥ of L-SHADE (CR fixed to 0 from then on). */
  memCR: Float64Array;
  memK: number;
}

interface DeWork {
  trial: Float64Array;
  trialCost: Float64Array;
  f: Float64Array;
  cr: Float64Array;
  order: Int32Array;
  sF: Float64Array;
  sCR: Float64Array;
  sW: Float64Array;
}

type DeRun = Run<ContinuousProblem, DeData, DeWork>;

function initialSize(p: DeParamValues, dim: number): number {
  if (p.popSize > 0) return p.popSize;
  // The cap keeps memory and checkpoints bounded in high dimension (see the size note above).
  return p.strategy === "lshade" ? Math.min(600, Math.max(20, Math.round(18 * dim))) : Math.min(100, Math.max(20, 10 * dim));
}

export const de = defineSolver<ContinuousProblem, DeData, DeWork, number[], DeParamValues>({
  id: "de",
  specs: deParams,
  check(p, problem) {
    if (p.popSize > 0 && p.popSize < 5) throw new ParameterError({ path: ["parameters", "popSize"], message: "must be 0 (automatic) or at least 5" });
    if (p.strategy === "lshade" && p.minPopSize > initialSize(p, problem.dimension)) {
      throw new ParameterError({ path: ["parameters", "minPopSize"], message: "must not exceed popSize" });
    }
  },
  create(problem, p) {
    const dim = problem.dimension;
    const np = initialSize(p, dim);
    const arcMax = p.strategy === "lshade" ? Math.round(p.archiveRate * np) : 0;
    return {
      ...continuousStart(problem),
      np,
      npInit: np,
      pop: new Float64Array(np * dim),
      cost: new Float64Array(np).fill(Number.POSITIVE_INFINITY),
      archive: new Float64Array(arcMax * dim),
      archiveSize: 0,
      memF: new Float64Array(p.memorySize).fill(0.5),
      memCR: new Float64Array(p.memorySize).fill(0.5),
      memK: 0,
    };
  },
  workspace(problem, data) {
    const n = data.npInit;
    return {
      trial: new Float64Array(n * problem.dimension),
      trialCost: new Float64Array(n),
      f: new Float64Array(n),
      cr: new Float64Array(n),
      order: new Int32Array(n),
      sF: new Float64Array(n),
      sCR: new Float64Array(n),
      sW: new Float64Array(n),
    };
  },
  iterate(run) {
    const { data, problem } = run;
    if (data.generation === 0) {
      const m = allowance(data, data.np);
      uniformRows(run.rng, problem, data.pop, 0, data.np);
      evaluateCosts(problem, data.pop, m, data.cost);
      trackBest(problem, data, data.pop, data.cost, m);
      setMean(problem, data, data.cost, data.np);
      return m;
    }
    const used = (data.params.strategy as string) === "lshade" ? shadeGeneration(run) : classicGeneration(run);
    setMean(problem, data, data.cost, data.np);
    return used;
  },
  solution: continuousSolution,
});

/** One L-SHADE generation; returns evaluations used. */
function shadeGeneration(run: DeRun): number {
  const { data: s, work: w, problem, rng } = run;
  const p = s.params as unknown as DeParamValues;
  const dim = problem.dimension;
  const { lower, upper } = problem;
  const np = s.np;
  const m = allowance(s, np);
  const order = rankByCost(s.cost, np, w.order);
  const pNum = Math.max(2, Math.round(p.pBest * np));
  const H = s.memF.length;
  const pop = s.pop;
  const trial = w.trial;
  for (let i = 0; i < m; i++) {
    const r = rng.int(H);
    const mcr = s.memCR[r];
    // Deviates are drawn into w.cr/w.f, not returned: a returned double is boxed (allocated)
    // when the inlining budget of this large function runs out.
    let cr = 0;
    if (mcr >= 0) {
      rng.normalInto(w.cr, i);
      cr = mcr + 0.1 * w.cr[i];
    }
    cr = cr < 0 ? 0 : cr > 1 ? 1 : cr;
    let f = 0;
    do {
      rng.cauchyInto(w.f, i);
      f = s.memF[r] + 0.1 * w.f[i];
    } while (f <= 0);
    if (f > 1) f = 1;
    w.f[i] = f;
    w.cr[i] = cr;
    const pb = order[rng.int(pNum)] * dim;
    let r1 = rng.int(np - 1);
    if (r1 >= i) r1++;
    let r2: number;
    do r2 = rng.int(np + s.archiveSize);
    while (r2 === i || r2 === r1);
    const src2 = r2 < np ? pop : s.archive;
    const o2 = (r2 < np ? r2 : r2 - np) * dim;
    const xi = i * dim;
    const o1 = r1 * dim;
    const jr = rng.int(dim);
    // Compare raw 32-bit draws with CR·2³² instead of drawing floats: same law, no division.
    const crCut = cr * 4294967296;
    for (let j = 0; j < dim; j++) {
      const x = pop[xi + j];
      if (j === jr || rng.u32() < crCut) {
        const v = x + f * (pop[pb + j] - x) + f * (pop[o1 + j] - src2[o2 + j]);
        trial[xi + j] = midpointRepair(v, x, lower[j], upper[j]);
      } else trial[xi + j] = x;
    }
  }
  evaluateCosts(problem, w.trial, m, w.trialCost);
  trackBest(problem, s, w.trial, w.trialCost, m);
  let nS = 0;
  let sumW = 0;
  const arcMax = Math.round(p.archiveRate * np);
  for (let i = 0; i < m; i++) {
    const tc = w.trialCost[i];
    if (tc > s.cost[i]) continue;
    if (tc < s.cost[i]) {
      if (arcMax > 0) addToArchive(rng, s, pop, i, dim, arcMax);
      const delta = Number.isFinite(s.cost[i]) ? s.cost[i] - tc : 1;
      w.sF[nS] = w.f[i];
      w.sCR[nS] = w.cr[i];
      w.sW[nS] = delta;
      sumW += delta;
      nS++;
    }
    copyRow(w.trial, i, pop, i, dim);
    s.cost[i] = tc;
  }
  if (nS > 0) updateMemory(s, w, nS, sumW);
  reducePopulation(run, p, m);
  return m;
}

function addToArchive(rng: Rng, s: DeData, pop: Float64Array, i: number, dim: number, arcMax: number): void {
  const slot = s.archiveSize < arcMax ? s.archiveSize++ : rng.int(arcMax);
  copyRow(pop, i, s.archive, slot, dim);
}

function updateMemory(s: DeData, w: DeWork, nS: number, sumW: number): void {
  let numF = 0;
  let denF = 0;
  let numCR = 0;
  let denCR = 0;
  let maxCR = 0;
  for (let k = 0; k < nS; k++) {
    const wk = sumW > 0 ? w.sW[k] / sumW : 1 / nS;
    numF += wk * w.sF[k] * w.sF[k];
    denF += wk * w.sF[k];
    numCR += wk * w.sCR[k] * w.sCR[k];
    denCR += wk * w.sCR[k];
    if (w.sCR[k] > maxCR) maxCR = w.sCR[k];
  }
  const k = s.memK;
  s.memF[k] = denF > 0 ? numF / denF : s.memF[k];
  // Once CR's memory reaches ⊥ (all successes with CR = 0) it stays there, as in L-SHADE.
  s.memCR[k] = s.memCR[k] < 0 || maxCR === 0 ? -1 : numCR / denCR;
  s.memK = (k + 1) % s.memF.length;
}

/** Linear population-size reduction: drop the worst to follow NP(nfe) from npInit to minPopSize. */
function reducePopulation(run: DeRun, p: DeParamValues, used: number): void {
  const s = run.data;
  if (!Number.isFinite(s.maxEvaluations)) return;
  const dim = run.problem.dimension;
  const nfe = s.evaluations + used;
  const target = Math.max(p.minPopSize, Math.round(s.npInit + ((p.minPopSize - s.npInit) * nfe) / s.maxEvaluations));
  if (target >= s.np) return;
  const order = rankByCost(s.cost, s.np, run.work.order);
  // Keep the best `target` rows; compact them in rank order into the front of the arrays.
  const trial = run.work.trial;
  const tc = run.work.trialCost;
  for (let r = 0; r < target; r++) {
    copyRow(s.pop, order[r], trial, r, dim);
    tc[r] = s.cost[order[r]];
  }
  s.pop.set(trial.subarray(0, target * dim));
  s.cost.set(tc.subarray(0, target));
  s.cost.fill(Number.POSITIVE_INFINITY, target);
  s.np = target;
  const arcMax = Math.round(p.archiveRate * target);
  while (s.archiveSize > arcMax) {
    // Remove random members by moving the last one into their slot.
    const victim = run.rng.int(s.archiveSize);
    const last = --s.archiveSize;
    s.archive.copyWithin(victim * dim, last * dim, last * dim + dim);
  }
}

/** One generation of DE/rand/1/bin or DE/current-to-best/1/bin with per-individual jittered F. */
function classicGeneration(run: DeRun): number {
  const { data: s, work: w, problem, rng } = run;
  const p = s.params as unknown as DeParamValues;
  const dim = problem.dimension;
  const { lower, upper } = problem;
  const np = s.np;
  const m = allowance(s, np);
  const pop = s.pop;
  const toBest = p.strategy === "current-to-best1";
  let best = 0;
  for (let i = 1; i < np; i++) if (s.cost[i] < s.cost[best]) best = i;
  for (let i = 0; i < m; i++) {
    rng.floatInto(w.f, i); // not rng.float(): a returned double may be boxed (allocated)
    const f = p.F * (1 + p.jitter * (2 * w.f[i] - 1));
    let r1: number, r2: number, r3: number;
    do r1 = rng.int(np);
    while (r1 === i);
    do r2 = rng.int(np);
    while (r2 === i || r2 === r1);
    do r3 = rng.int(np);
    while (r3 === i || r3 === r1 || r3 === r2);
    const xi = i * dim;
    const jr = rng.int(dim);
    for (let j = 0; j < dim; j++) {
      const x = pop[xi + j];
      if (j === jr || rng.float() < p.CR) {
        const v = toBest ? x + f * (pop[best * dim + j] - x) + f * (pop[r1 * dim + j] - pop[r2 * dim + j]) : pop[r1 * dim + j] + f * (pop[r2 * dim + j] - pop[r3 * dim + j]);
        w.trial[xi + j] = midpointRepair(v, x, lower[j], upper[j]);
      } else w.trial[xi + j] = x;
    }
  }
  evaluateCosts(problem, w.trial, m, w.trialCost);
  trackBest(problem, s, w.trial, w.trialCost, m);
  for (let i = 0; i < m; i++) {
    if (w.trialCost[i] <= s.cost[i]) {
      copyRow(w.trial, i, pop, i, dim);
      s.cost[i] = w.trialCost[i];
    }
  }
  return m;
}
