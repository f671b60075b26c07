/**
 * Travelling salesman: TSPLIB reader and .tour files, JSON documents, and three algorithms
 * (memetic = ILS/ERX with 2-opt + Or-opt, the default; aco = ACS with local search; ga).
 * Solutions are tours as 0-based city indices; `formatSolution` writes TSPLIB .tour text.
 */
import type { KindModule } from "../registry";
import { aco, acoParams } from "./algorithms/aco";
import { tspGa, tspGaParams } from "./algorithms/ga";
import { memetic, memeticParams } from "./algorithms/memetic";
import { compileTsp, measureTsp, tspSchema } from "./document";
import type { TspProblem } from "./problem";
import { tourLength } from "./tour";
import { writeTour } from "./tour-file";

export { compileTsp, measureTsp, tspSchema, type TspDocument } from "./document";
export { parseTsplib, measureTsplib, MAX_CITIES, MAX_EXPLICIT_CITIES, MAX_TSPLIB_BYTES, TSPLIB_LIMITS, type TsplibInstance } from "./tsplib";
export { readTour, writeTour } from "./tour-file";
export { tourLength, isPermutation } from "./tour";
export type { TspProblem } from "./problem";

export const tspKind: KindModule<TspProblem> = {
  kind: "tsp",
  schema: tspSchema,
  compile: compileTsp,
  size: (p) => ({ cities: p.n }),
  measure: measureTsp,
  figures: { best: "Tour length" },
  defaultAlgorithm: "memetic",
  algorithms: {
    memetic: {
      id: "memetic",
      title: "Memetic algorithm (2-opt + Or-opt, iterated local search, edge recombination)",
      description:
        "A small population of 2-opt/Or-opt local optima (neighbour lists, don't-look bits) improved by segment double-bridge kicks and edge-recombination crossover. The strongest default: TSPLIB instances up to a few hundred cities are usually solved to optimality within seconds.",
      params: memeticParams,
      solver: memetic,
    },
    aco: {
      id: "aco",
      title: "Ant colony system",
      description: "ACS (Dorigo & Gambardella) on candidate lists with pheromone on the k nearest edges; every ant's tour is improved by 2-opt + Or-opt unless disabled.",
      params: acoParams,
      solver: aco,
    },
    ga: {
      id: "ga",
      title: "Permutation genetic algorithm",
      description: "Generational GA with edge recombination or order crossover, inversion mutation, tournament selection and elitism, without local search (a baseline; prefer memetic).",
      params: tspGaParams,
      solver: tspGa,
    },
  },
  formatSolution: (problem, best) => writeTour(problem.name || "tour", best.solution as number[], tourLength(problem, best.solution as number[])),
  solutionExtension: ".tour",
  summary: (problem, best) => ({ cities: problem.n, length: best.value }),
};
