/**
 * Ordering problems with a tenant objective over a permutation (scheduling, sequencing,
 * assignment): the document, the problem around a batch objective, and two algorithms
 * (sa = batched simulated annealing, the default; ga = OX/PMX genetic algorithm).
 *
 * External objectives plug in through `PermutationObjective`:
 *
 *   const problem = definePermutationProblem({
 *     name: "order", n: 20, direction: "minimize",
 *     objective: { evaluateBatch(perms, count, n, out) { ... out[i] = f(perms[i*n .. i*n+n)) } },
 *   });
 *   const solver = permutationKind.algorithms.sa.solver;
 *
 * Every algorithm evaluates an iteration's candidates with one `evaluateBatch` call (GA: the
 * generation's children; SA: `batch` neighbours), so a sandboxed objective is crossed once per
 * iteration. Solutions are arrays of item indices, position by position.
 */
import type { KindModule } from "../registry";
import { permutationGa, permutationGaParams } from "./algorithms/ga";
import { permutationSa, permutationSaParams } from "./algorithms/sa";
import { compilePermutation, measurePermutation, permutationSchema } from "./document";
import { withMigration } from "./migration";
import type { PermutationProblem } from "./problem";

export {
  definePermutationProblem,
  evaluateCosts,
  functionObjective,
  identityPermutation,
  MAX_PERMUTATION_SIZE,
  MIN_PERMUTATION_SIZE,
  type PermutationObjective,
  type PermutationProblem,
} from "./problem";
export { compilePermutation, defineCustomPermutation, measurePermutation, permutationSchema, readPermutationDocument, type PermutationSpec } from "./document";

export const permutationKind: KindModule<PermutationProblem> = {
  kind: "permutation",
  schema: permutationSchema,
  compile: compilePermutation,
  size: (p) => ({ elements: p.n }),
  measure: measurePermutation,
  figures: { best: "Cost of the ordering" },
  defaultAlgorithm: "sa",
  algorithms: {
    sa: {
      id: "sa",
      title: "Simulated annealing over orderings",
      description:
        "Batched simulated annealing: each step scores a batch of swap / insert / inversion neighbours in one call and applies the Metropolis rule to the best, cooling geometrically over the budget. The stronger default on black-box ordering objectives.",
      params: permutationSaParams,
      solver: withMigration(permutationSa),
    },
    ga: {
      id: "ga",
      title: "Permutation genetic algorithm",
      description:
        "Generational GA: tournament selection, order (OX) or partially mapped (PMX) crossover, swap / insert / inversion mutation, elitism; a generation's children are scored in one call.",
      params: permutationGaParams,
      solver: withMigration(permutationGa),
    },
  },
  summary: (problem, best) => ({ elements: problem.n, value: best.value }),
};
