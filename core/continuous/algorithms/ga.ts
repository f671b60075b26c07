/**
 * Real-coded generational GA composed from operators: tournament selection, SBX or BLX-α
 * crossover, polynomial or Gaussian mutation, and elitism (the best `elites` survive unchanged).
 * Offspring of a generation are evaluated with one batch call.
 */
import { ParameterError } from "../../engine/errors";
import { allowance, defineSolver, type Run } from "../../engine/machine";
import type { ParamSpec } from "../../engine/params";
import type { Rng } from "../../engine/random";
import { blxAlpha, copyParents, sbx } from "../operators/crossover";
import { gaussianMutation, polynomialMutation } from "../operators/mutation";
import { fixedPower, type FixedPower } from "../operators/powers";
import { copyRow, uniformRows } from "../operators/rows";
import { rankByCost, tournament } from "../operators/selection";
import { evaluateCosts, type ContinuousProblem } from "../problem";
import { continuousSolution, continuousStart, setMean, trackBest, type ContinuousData } from "../run";

export const gaParams: readonly ParamSpec[] = [
  { name: "popSize", type: "integer", default: 100, min: 4, max: 5000, help: "Population size (50–200)." },
  { name: "crossover", type: "enum", default: "sbx", values: ["sbx", "blx"], help: "sbx: simulated binary crossover; blx: BLX-α blend crossover." },
  { name: "crossoverRate", type: "number", default: 0.9, min: 0, max: 1, help: "Probability that a pair of parents is recombined (0.6–1)." },
  { name: "sbxEta", type: "number", default: 15, min: 0.1, max: 100, help: "SBX distribution index (2–30; larger keeps children near parents)." },
  { name: "blxAlpha", type: "number", default: 0.5, min: 0, max: 2, help: "BLX-α widening of the parents' interval (0.3–0.5)." },
  { name: "mutation", type: "enum", default: "polynomial", values: ["polynomial", "gaussian"], help: "Mutation operator." },
  { name: "mutationRate", type: "number", default: 0, min: 0, max: 1, help: "Per-gene mutation probability; 0 = 1/dimension." },
  { name: "mutationEta", type: "number", default: 20, min: 0.1, max: 200, help: "Polynomial mutation distribution index (5–100)." },
  { name: "mutationSigma", type: "number", default: 0.05, min: 0, max: 1, help: "Gaussian mutation standard deviation as a fraction of the box width (0.01–0.2)." },
  { name: "tournamentSize", type: "integer", default: 2, min: 1, max: 20, help: "Tournament size (2–5; larger = more selection pressure)." },
  { name: "elites", type: "integer", default: 2, min: 0, max: 100, help: "Best individuals copied unchanged into the next generation." },
];

type GaParamValues = {
  popSize: number;
  crossover: "sbx" | "blx";
  crossoverRate: number;
  sbxEta: number;
  blxAlpha: number;
  mutation: "polynomial" | "gaussian";
  mutationRate: number;
  mutationEta: number;
  mutationSigma: number;
  tournamentSize: number;
  elites: number;
};

interface GaData extends ContinuousData {
  pop: Float64Array;
  cost: Float64Array;
}

interface GaWork {
  off: Float64Array;
  offCost: Float64Array;
  next: Float64Array;
  nextCost: Float64Array;
  order: Int32Array;
  /** Exponent of SBX (eta + 1), prepared once per run. */
  sbxPower: FixedPower;
  /** Operator settings as one object (double arguments would be boxed on every call). */
  ops: { rate: number; power: FixedPower; sigma: number; alpha: number };
}

type GaRun = Run<ContinuousProblem, GaData, GaWork>;

export const ga = defineSolver<ContinuousProblem, GaData, GaWork, number[], GaParamValues>({
  id: "ga",
  specs: gaParams,
  check(p) {
    if (p.elites >= p.popSize) throw new ParameterError({ path: ["parameters", "elites"], message: "must be smaller than popSize" });
  },
  create(problem, p) {
    return {
      ...continuousStart(problem),
      pop: new Float64Array(p.popSize * problem.dimension),
      cost: new Float64Array(p.popSize).fill(Number.POSITIVE_INFINITY),
    };
  },
  workspace(problem, data) {
    const n = data.cost.length;
    const dim = problem.dimension;
    const p = data.params as unknown as GaParamValues;
    return {
      sbxPower: fixedPower(p.sbxEta + 1),
      ops: { rate: p.mutationRate > 0 ? p.mutationRate : 1 / dim, power: fixedPower(p.mutationEta + 1), sigma: p.mutationSigma, alpha: p.blxAlpha },
      off: new Float64Array((n + 1) * dim), // +1: children come in pairs
      offCost: new Float64Array(n + 1),
      next: new Float64Array(n * dim),
      nextCost: new Float64Array(n),
      order: new Int32Array(n),
    };
  },
  iterate(run) {
    const { data, problem } = run;
    const n = data.cost.length;
    if (data.generation === 0) {
      const m = allowance(data, n);
      uniformRows(run.rng, problem, data.pop, 0, n);
      evaluateCosts(problem, data.pop, m, data.cost);
      trackBest(problem, data, data.pop, data.cost, m);
      setMean(problem, data, data.cost, n);
      return m;
    }
    const used = generation(run);
    setMean(problem, data, data.cost, n);
    return used;
  },
  solution: continuousSolution,
});

function generation(run: GaRun): number {
  const { data: s, work: w, problem, rng } = run;
  const p = s.params as unknown as GaParamValues;
  const dim = problem.dimension;
  const n = s.cost.length;
  const m = allowance(s, n - p.elites);
  for (let c = 0; c < m; c += 2) {
    const a = tournament(rng, s.cost, n, p.tournamentSize);
    const b = tournament(rng, s.cost, n, p.tournamentSize);
    breed(rng, problem, p, w, s.pop, a, b, c);
  }
  evaluateCosts(problem, w.off, m, w.offCost);
  trackBest(problem, s, w.off, w.offCost, m);
  // Survivors: elites, then the offspring, then (only when the run's cap truncated this
  // generation) the best remaining parents, so the population size stays constant.
  const order = rankByCost(s.cost, n, w.order);
  let k = 0;
  for (; k < p.elites; k++) copyInto(w, s.pop, s.cost, order[k], k, dim);
  for (let c = 0; c < m; c++, k++) copyInto(w, w.off, w.offCost, c, k, dim);
  for (let r = p.elites; k < n; r++, k++) copyInto(w, s.pop, s.cost, order[r], k, dim);
  s.pop.set(w.next);
  s.cost.set(w.nextCost);
  return m;
}

function copyInto(w: GaWork, xs: Float64Array, cost: Float64Array, from: number, to: number, dim: number): void {
  copyRow(xs, from, w.next, to, dim);
  w.nextCost[to] = cost[from];
}

/** The shared wrapper: crossover with its probability, then mutation of both children. */
function breed(rng: Rng, problem: ContinuousProblem, p: GaParamValues, w: GaWork, pop: Float64Array, a: number, b: number, c: number): void {
  const dim = problem.dimension;
  const out = w.off;
  if (rng.float() < p.crossoverRate) {
    if (p.crossover === "sbx") sbx(rng, problem, pop, a, b, out, c, c + 1, w.sbxPower);
    else blxAlpha(rng, problem, pop, a, b, out, c, c + 1, w.ops);
  } else copyParents(dim, pop, a, b, out, c, c + 1);
  for (let row = c; row < c + 2; row++) {
    if (p.mutation === "polynomial") polynomialMutation(rng, problem, out, row, w.ops);
    else gaussianMutation(rng, problem, out, row, w.ops);
  }
}
