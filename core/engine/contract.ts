/**
 * The engine contract (docs/architecture.md §2): every solver is a pure, step-wise state machine.
 *
 *   init(problem, params, seed)  -> State
 *   step(state, budget)          -> State   advances by whole iterations; never blocks forever
 *   checkpoint(state)            -> Uint8Array   (includes the PRNG state)
 *   restore(problem, bytes)      -> State
 *   best(state) / progress(state)
 *
 * Determinism across checkpoints: a run is cut only at iteration boundaries, and the run's total
 * evaluation limit (`maxEvaluations`) is fixed at init, so running to the limit in one step or in
 * many chunks with checkpoint → bytes → restore in between gives the identical result.
 * Budgets inside `step` only decide where a chunk ends.
 */

/** How much one `step` call may do. Both fields are optional; with neither, one iteration runs. */
export interface StepBudget {
  /** Stop after at least this many evaluations were done in this call (whole iterations). */
  evaluations?: number;
  /**
   * Stop after roughly this many milliseconds of wall clock (checked between iterations).
   * Only for Node (CLI, benchmarks): deployed Workers freeze clocks during synchronous code,
   * so the platform budgets chunks in evaluations and calibrates them from measured rates.
   */
  millis?: number;
  /** Clock for `millis` (defaults to performance.now). */
  now?: () => number;
}

/** Figures a watcher sees; all numbers are finite or NaN before the first evaluation. */
export interface Progress {
  /** Iterations (generations, sweeps or temperature steps) completed. */
  generation: number;
  /** Objective evaluations done so far (the budget unit). */
  evaluations: number;
  /** Best objective value so far, in the problem's own direction (timetabling: weighted cost). */
  best: number;
  /** Mean objective of the current population (or current solution for single-point methods). */
  mean: number;
  /** Timetabling only: hard violations and soft cost of the best solution. */
  hard?: number;
  soft?: number;
  /** True once the run reached `maxEvaluations` (or converged and cannot improve). */
  done: boolean;
}

/** Common run parameters every solver accepts besides its own. */
export interface RunLimits {
  /** Total evaluations for the whole run; `Infinity` for runs limited only by time. */
  maxEvaluations: number;
}

export interface BestSolution<Sol> {
  value: number;
  solution: Sol;
  hard?: number;
  soft?: number;
}

/**
 * A solver for one problem type. `P` is the compiled problem (parsed, validated, with lookup
 * tables), `S` the run state (plain data: numbers and typed arrays), `Sol` the solution shape.
 */
export interface Solver<P, S, Sol, Params = Record<string, unknown>> {
  readonly id: string;
  /** Validate and fill defaults; throws ParameterError naming the parameter. */
  parameters(input: Partial<Params> | undefined, problem: P): Params;
  init(problem: P, params: Params, seed: number, limits: RunLimits): S;
  step(state: S, budget: StepBudget): S;
  checkpoint(state: S): Uint8Array;
  restore(problem: P, checkpoint: Uint8Array): S;
  best(state: S): BestSolution<Sol>;
  progress(state: S): Progress;
  /**
   * Island model, optional: copies of the `k` best individuals with their objective values (so
   * the receiving island spends no evaluations on them). Plain data, same shape for one kind.
   */
  emigrants?(state: S, k: number): Migrants;
  /** Island model, optional: let `migrants` replace the receiving state's worst individuals. */
  immigrate?(state: S, migrants: Migrants): void;
  /**
   * Optional: re-score a state restored against a problem whose objective changed (a fork with
   * new soft-constraint weights). Stored costs and the best are recomputed under `problem`.
   */
  rescore?(problem: P, state: S): void;
  /**
   * Optional: continue a restored state with changed parameters and a new total evaluation
   * limit (a fork). Only parameters of type "number" (rates, factors, step sizes, read afresh
   * every iteration) may differ from the state's own; the caller checks that, since the others
   * shape the stored arrays. `done` follows the new limit.
   */
  retune?(state: S, params: Partial<Params>, limits: RunLimits): void;
  /**
   * Optional: make `solution` the state's current and best solution (a fork from a result edited
   * by hand, e.g. a school timetable with lessons moved and pinned). The state must have been
   * built or restored against the problem the solution is scored under; the search continues from
   * it, and what the state held before is dropped. Throws on a solution that does not fit.
   */
  warmStart?(state: S, solution: Sol): void;
}

/** Individuals moving between islands: `count` rows of `width` numbers and their costs. */
export interface Migrants {
  count: number;
  width: number;
  /** Row-major genomes (continuous: coordinates). */
  rows: Float64Array;
  /** Minimisation costs (sign·f), as the algorithms store them. */
  costs: Float64Array;
}

/** Runs `step` until the run is done (used by the CLI and tests). */
export function runToEnd<P, S, Sol, Params>(solver: Solver<P, S, Sol, Params>, state: S, budget: StepBudget = { evaluations: Number.POSITIVE_INFINITY }): S {
  let s = state;
  while (!solver.progress(s).done) s = solver.step(s, budget);
  return s;
}
