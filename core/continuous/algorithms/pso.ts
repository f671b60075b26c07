/**
 * Particle swarm optimisation: constriction (Clerc & Kennedy 2002, χ = 0.7298 with c1 = c2 = 2.05, i.e. φ = 4.1)
 * or linearly decreasing inertia weight (Shi & Eberhart), global-best or ring topology.
 * Each iteration moves every particle and evaluates the swarm with one batch call.
 */
import { allowance, defineSolver, type Run } from "../../engine/machine";
import type { ParamSpec } from "../../engine/params";
import { copyRow, uniformRows } from "../operators/rows";
import { evaluateCosts, type ContinuousProblem } from "../problem";
import { continuousSolution, continuousStart, setMean, trackBest, type ContinuousData } from "../run";

export const psoParams: readonly ParamSpec[] = [
  { name: "swarmSize", type: "integer", default: 40, min: 2, max: 5000, help: "Number of particles (20–100)." },
  {
    name: "variant",
    type: "enum",
    default: "constriction",
    values: ["constriction", "inertia"],
    help: "constriction: Clerc–Kennedy factor χ; inertia: weight decreasing linearly from wStart to wEnd.",
  },
  {
    name: "topology",
    type: "enum",
    default: "global",
    values: ["global", "ring"],
    help: "global: every particle follows the swarm's best; ring: the best of itself and its two neighbours (slower, more robust on multimodal functions).",
  },
  { name: "chi", type: "number", default: 0.7298, min: 0, max: 1, help: "Constriction factor χ." },
  { name: "c1", type: "number", default: 2.05, min: 0, max: 4, help: "Cognitive coefficient (pull to the particle's best)." },
  { name: "c2", type: "number", default: 2.05, min: 0, max: 4, help: "Social coefficient (pull to the neighbourhood best)." },
  { name: "wStart", type: "number", default: 0.9, min: 0, max: 1.2, help: "Inertia variant: weight at the start." },
  { name: "wEnd", type: "number", default: 0.4, min: 0, max: 1.2, help: "Inertia variant: weight at the end of the budget (runs without a budget use the mean of wStart and wEnd)." },
  { name: "vMax", type: "number", default: 0.2, min: 0.001, max: 1, help: "Velocity limit as a fraction of the box width (0.1–0.5)." },
];

type PsoParamValues = {
  swarmSize: number;
  variant: "constriction" | "inertia";
  topology: "global" | "ring";
  chi: number;
  c1: number;
  c2: number;
  wStart: number;
  wEnd: number;
  vMax: number;
};

interface PsoData extends ContinuousData {
  x: Float64Array;
  v: Float64Array;
  pbest: Float64Array;
  pbestCost: Float64Array;
}

interface PsoWork {
  cost: Float64Array;
  /** Each particle's guide (neighbourhood best) index, fixed for the iteration. */
  guide: Int32Array;
}

type PsoRun = Run<ContinuousProblem, PsoData, PsoWork>;

export const pso = defineSolver<ContinuousProblem, PsoData, PsoWork, number[], PsoParamValues>({
  id: "pso",
  specs: psoParams,
  create(problem, p) {
    const size = p.swarmSize * problem.dimension;
    return {
      ...continuousStart(problem),
      x: new Float64Array(size),
      v: new Float64Array(size),
      pbest: new Float64Array(size),
      pbestCost: new Float64Array(p.swarmSize).fill(Number.POSITIVE_INFINITY),
    };
  },
  workspace(_problem, data) {
    return { cost: new Float64Array(data.pbestCost.length), guide: new Int32Array(data.pbestCost.length) };
  },
  iterate(run) {
    const { data: s, problem, rng } = run;
    const p = s.params as unknown as PsoParamValues;
    const n = p.swarmSize;
    const m = allowance(s, n);
    if (s.generation === 0) {
      uniformRows(rng, problem, s.x, 0, n);
      const dim = problem.dimension;
      for (let i = 0; i < n * dim; i++) {
        const span = problem.upper[i % dim] - problem.lower[i % dim];
        s.v[i] = (2 * rng.double() - 1) * p.vMax * span;
      }
    } else move(run, p, m);
    evaluateCosts(problem, s.x, m, run.work.cost);
    trackBest(problem, s, s.x, run.work.cost, m);
    const dim = problem.dimension;
    for (let i = 0; i < m; i++) {
      if (run.work.cost[i] < s.pbestCost[i]) {
        s.pbestCost[i] = run.work.cost[i];
        copyRow(s.x, i, s.pbest, i, dim);
      }
    }
    setMean(problem, s, run.work.cost, m);
    return m;
  },
  solution: continuousSolution,
});

/** Velocity and position update for the first m particles. */
function move(run: PsoRun, p: PsoParamValues, m: number): void {
  const { data: s, problem, rng, work } = run;
  const dim = problem.dimension;
  const n = p.swarmSize;
  const { lower, upper } = problem;
  let w: number;
  let k = 1;
  if (p.variant === "constriction") {
    w = 1;
    k = p.chi;
  } else {
    const t = Number.isFinite(s.maxEvaluations) ? s.evaluations / s.maxEvaluations : 0.5;
    w = p.wStart + (p.wEnd - p.wStart) * t;
  }
  let g = 0;
  for (let i = 1; i < n; i++) if (s.pbestCost[i] < s.pbestCost[g]) g = i;
  for (let i = 0; i < m; i++) {
    if (p.topology === "global") work.guide[i] = g;
    else {
      const a = (i + n - 1) % n;
      const b = (i + 1) % n;
      let best = i;
      if (s.pbestCost[a] < s.pbestCost[best]) best = a;
      if (s.pbestCost[b] < s.pbestCost[best]) best = b;
      work.guide[i] = best;
    }
  }
  for (let i = 0; i < m; i++) {
    const off = i * dim;
    const go = work.guide[i] * dim;
    for (let j = 0; j < dim; j++) {
      const o = off + j;
      const vmax = p.vMax * (upper[j] - lower[j]);
      let v = k * (w * s.v[o] + p.c1 * rng.float() * (s.pbest[o] - s.x[o]) + p.c2 * rng.float() * (s.pbest[go + j] - s.x[o]));
      v = v > vmax ? vmax : v < -vmax ? -vmax : v;
      let x = s.x[o] + v;
      // Absorb at the wall: stop there and lose the outward velocity.
      if (x < lower[j]) {
        x = lower[j];
        v = 0;
      } else if (x > upper[j]) {
        x = upper[j];
        v = 0;
      }
      s.v[o] = v;
      s.x[o] = x;
    }
  }
}
