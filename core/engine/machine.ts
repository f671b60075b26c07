/**
 * A kit for writing solvers that honour the contract with little boilerplate.
 *
 * A run is split in three parts so checkpoints stay faithful and small:
 *   - `problem`: the compiled problem (never stored in a checkpoint; `restore` receives it);
 *   - `data`: everything that must survive a checkpoint (plain numbers and typed arrays,
 *     including the PRNG words, which the live `rng` shares so nothing needs copying);
 *   - `work`: scratch buffers rebuilt on restore. Nothing in `work` may carry information from
 *     one iteration to the next, otherwise a restored run would diverge.
 * Algorithms provide `create` (initial data), `workspace`, and `iterate` (one whole iteration,
 * returning the evaluations it used). The kit runs chunks, counts and checkpoints.
 */
import type { BestSolution, Progress, RunLimits, Solver, StepBudget } from "./contract";
import { decodeState, encodeState } from "./codec";
import { resolveParams, type ParamSpec, type ParamValues } from "./params";
import { Rng } from "./random";

/** The fields every run's checkpointed data carries. */
export interface RunData {
  rng: Uint32Array;
  params: ParamValues;
  generation: number;
  evaluations: number;
  maxEvaluations: number;
  /** Best objective in the problem's own direction (NaN before the first evaluation). */
  best: number;
  /** Mean objective of the current population / current point, problem direction. */
  mean: number;
  done: boolean;
}

export interface Run<P, D extends RunData, W> {
  readonly problem: P;
  readonly data: D;
  readonly work: W;
  readonly rng: Rng;
}

export interface SolverSpec<P, D extends RunData, W, Sol, Params extends ParamValues> {
  id: string;
  specs: readonly ParamSpec[];
  /** Checks that depend on the problem (e.g. population larger than the city count). */
  check?(params: Params, problem: P): void;
  /** Initial run data (without `rng`, counters and figures, which the kit fills in). */
  create(problem: P, params: Params, rng: Rng, limits: RunLimits): Omit<D, keyof RunData>;
  workspace(problem: P, data: D): W;
  /** One whole iteration; returns the evaluations it used (never beyond the run's cap). */
  iterate(run: Run<P, D, W>): number;
  solution(run: Run<P, D, W>): BestSolution<Sol>;
  /** Extra progress figures (timetabling's hard/soft); optional. */
  extraProgress?(run: Run<P, D, W>): Partial<Progress>;
}

/** Run iterations until the chunk budget is used; with an empty budget exactly one runs. */
export function runChunk(budget: StepBudget, done: () => boolean, iterate: () => number): void {
  const evals = budget.evaluations;
  const millis = budget.millis;
  const now = budget.now ?? (() => performance.now());
  const t0 = millis !== undefined ? now() : 0;
  let used = 0;
  while (!done()) {
    used += iterate();
    if (evals === undefined && millis === undefined) return;
    if (evals !== undefined && used >= evals) return;
    if (millis !== undefined && now() - t0 >= millis) return;
  }
}

/** Build a contract-conforming solver from an algorithm's parts. */
export function defineSolver<P, D extends RunData, W, Sol, Params extends ParamValues>(spec: SolverSpec<P, D, W, Sol, Params>): Solver<P, Run<P, D, W>, Sol, Params> {
  const open = (problem: P, data: D, rng: Rng): Run<P, D, W> => {
    data.rng = rng.state; // share the words: the checkpoint always sees the live generator
    return { problem, data, rng, work: spec.workspace(problem, data) };
  };
  return {
    id: spec.id,
    parameters(input, problem) {
      const params = resolveParams<Params>(spec.specs, input);
      spec.check?.(params, problem);
      return params;
    },
    init(problem, params, seed, limits) {
      const max = limits.maxEvaluations;
      if (!(max > 0)) throw new RangeError("maxEvaluations must be positive (or Infinity)");
      const rng = Rng.seeded(seed);
      const own = spec.create(problem, params, rng, limits);
      const data = {
        ...own,
        rng: rng.state,
        params: { ...params },
        generation: 0,
        evaluations: 0,
        maxEvaluations: max,
        best: Number.NaN,
        mean: Number.NaN,
        done: false,
      } as unknown as D;
      return open(problem, data, rng);
    },
    step(run, budget) {
      const d = run.data;
      runChunk(
        budget,
        () => d.done,
        () => {
          const used = spec.iterate(run);
          d.evaluations += used;
          d.generation++;
          if (d.evaluations >= d.maxEvaluations) d.done = true;
          return used;
        },
      );
      return run;
    },
    retune(run, params, limits) {
      const d = run.data;
      d.params = { ...d.params, ...params } as ParamValues;
      d.maxEvaluations = limits.maxEvaluations;
      d.done = d.evaluations >= d.maxEvaluations;
    },
    checkpoint(run) {
      return encodeState(run.data);
    },
    restore(problem, bytes) {
      const data = decodeState<D>(bytes);
      return open(problem, data, Rng.fromState(data.rng));
    },
    best(run) {
      return spec.solution(run);
    },
    progress(run) {
      const d = run.data;
      return {
        generation: d.generation,
        evaluations: d.evaluations,
        best: d.best,
        mean: d.mean,
        done: d.done,
        ...spec.extraProgress?.(run),
      };
    },
  };
}

/** How many evaluations an iteration that wants `want` may still do before the run's cap. */
export function allowance(data: RunData, want: number): number {
  // Always a small integer (`| 0`): a parameter object may hold `want` as a double (e.g. 4.0),
  // and a double returned from a call that is not inlined is boxed; the box then turns
  // `evaluations` into a heap-number field, i.e. an allocation per iteration.
  const left = data.maxEvaluations - data.evaluations;
  if (left >= want) return want | 0;
  return left > 0 ? Math.ceil(left) | 0 : 0;
}
