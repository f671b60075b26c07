/**
 * Continuous optimisation: the eight benchmark functions, the problem document, and five
 * algorithms (de = L-SHADE by default, pso, ga, sa, aco-r).
 *
 * External objectives (e.g. a tenant's sandboxed JavaScript) plug in through `BatchObjective`:
 *
 *   const problem = defineContinuousProblem({
 *     name: "tenant-fn", lower: [-5, -5], upper: [5, 5], direction: "minimize",
 *     objective: { evaluateBatch(xs, count, dim, out) { ... out[i] = f(xs[i*dim .. i*dim+dim)) } },
 *   });
 *   const solver = continuousKind.algorithms.de.solver;  // any algorithm works with any objective
 *
 * Every algorithm evaluates a generation's points with one `evaluateBatch` call (population
 * methods: the whole offspring; SA: `batch` neighbours; ACO_R: the iteration's ants).
 */
import type { KindModule } from "../registry";
import { acor, acorParams } from "./algorithms/aco-r";
import { de, deParams } from "./algorithms/de";
import { ga, gaParams } from "./algorithms/ga";
import { pso, psoParams } from "./algorithms/pso";
import { sa, saParams } from "./algorithms/sa";
import { compileContinuous, continuousSchema, measureContinuous } from "./document";
import { withMigration } from "./migration";
import type { ContinuousProblem } from "./problem";

export { BUILTIN_NAMES, FUNCTIONS, type BuiltinName, type BenchmarkFunction } from "./functions";
export {
  builtinProblem,
  defineContinuousProblem,
  evaluateCosts,
  rowObjective,
  MAX_DIMENSION,
  type BatchObjective,
  type ContinuousProblem,
  type Direction,
} from "./problem";
export { compileContinuous, continuousSchema, measureContinuous, type ContinuousDocument } from "./document";
export {
  customContinuousSchema,
  defineCustomContinuous,
  isCustomContinuous,
  readCustomContinuous,
  type CustomContinuousSpec,
  type CustomObjectiveSpec,
} from "./custom";

export const continuousKind: KindModule<ContinuousProblem> = {
  kind: "continuous",
  schema: continuousSchema,
  compile: compileContinuous,
  size: (p) => ({ dimensions: p.dimension }),
  measure: measureContinuous,
  figures: { best: "Objective value" },
  defaultAlgorithm: "de",
  algorithms: {
    de: {
      id: "de",
      title: "Differential evolution (L-SHADE)",
      description:
        "Success-history adaptive DE with linear population reduction (L-SHADE, current-to-pbest/1 with archive); also classic rand/1/bin and current-to-best/1 with jittered F. The strongest default for continuous problems.",
      params: deParams,
      solver: withMigration(de),
    },
    pso: {
      id: "pso",
      title: "Particle swarm optimisation",
      description: "Constriction-factor or inertia-weight PSO with global or ring topology; fast on smooth unimodal functions.",
      params: psoParams,
      solver: withMigration(pso),
    },
    ga: {
      id: "ga",
      title: "Real-coded genetic algorithm",
      description: "Generational GA: tournament selection, SBX or BLX-α crossover, polynomial or Gaussian mutation, elitism.",
      params: gaParams,
      solver: withMigration(ga),
    },
    sa: {
      id: "sa",
      title: "Simulated annealing",
      description: "Metropolis acceptance with a geometric cooling schedule over the budget and self-adapting Gaussian steps; evaluates a small batch of neighbours per move.",
      params: saParams,
      solver: withMigration(sa),
    },
    "aco-r": {
      id: "aco-r",
      title: "Ant colony optimisation for continuous domains (ACO_R)",
      description: "Socha & Dorigo's ACO_R: a ranked solution archive sampled with Gaussian kernels.",
      params: acorParams,
      solver: withMigration(acor),
    },
  },
};
