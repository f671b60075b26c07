/**
 * What each problem kind offers the platform. The API, the CLI and the job runtime go through
 * this table only, so adding a kind or an algorithm is one entry here.
 */
import type { BestSolution, Solver } from "./engine/contract";
import type { ParamSpec } from "./engine/params";

export type ProblemKind = "continuous" | "tsp" | "timetabling" | "permutation";

/** What people call a kind's figures on pages (the compare page, charts): "Tour length", "Soft penalty (FET weights)". */
export interface FigureLabels {
  /** The objective value (`best`). */
  best: string;
  /** Timetables: hard violations and the soft cost. */
  hard?: string;
  soft?: string;
}

export interface AlgorithmEntry<P = any> {
  id: string;
  title: string;
  /** One paragraph for the catalogue and the web form. */
  description: string;
  /** Optional: the algorithm's own words for the figures, over the kind's (FET schools' penalty). */
  figures?: FigureLabels;
  params: readonly ParamSpec[];
  solver: Solver<P, any, any, any>;
}

export interface KindModule<P = any> {
  kind: ProblemKind;
  /** JSON Schema (2020-12) of the problem document accepted by `compile`. */
  schema: object;
  /** Parse and validate a problem document; throws ProblemError with field paths / lines. */
  compile(doc: unknown): P;
  /** Size figures the tier limits apply to, e.g. { dimensions: 30 } or { cities: 280 }. */
  size(problem: P): Record<string, number>;
  /**
   * Optional: the same figures as `size(compile(doc))`, read from the document's headers and
   * counts only, so the platform can check a tenant plan's limits BEFORE compiling. Bounded in
   * time and memory by the parser's maximums; throws ProblemError (with `status` 413 / 422 and
   * `limit` when a maximum is exceeded). On an invalid document it may return figures or throw:
   * `compile` remains the validator.
   */
  measure?(doc: unknown): Record<string, number>;
  algorithms: Record<string, AlgorithmEntry<P>>;
  /** The kind's words for its figures. */
  figures: FigureLabels;
  /** The strongest algorithm for this kind. */
  defaultAlgorithm: string;
  /**
   * Optional: the default algorithm for one compiled problem, when a kind holds problems that
   * different engines solve (timetabling: "school" for FET documents, "memetic" otherwise).
   */
  defaultAlgorithmFor?(problem: P): string;
  /**
   * Optional: the best solution as the kind's own file format (TSP: TSPLIB .tour text).
   * Without it, the CLI and exports write `JSON.stringify(best.solution)`.
   */
  formatSolution?(problem: P, best: BestSolution<unknown>): string;
  /** File extension for `formatSolution` output, with the dot (".tour"); default ".json". */
  solutionExtension?: string;
  /**
   * Optional: kind-specific figures for result summaries (the CLI's final JSON line, job
   * results), e.g. { hard, soft } for timetabling or { cities } for TSP.
   */
  summary?(problem: P, best: BestSolution<unknown>): Record<string, unknown>;
}
