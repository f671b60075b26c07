/**
 * The compiled continuous problem, and the batch-objective interface through which every
 * algorithm evaluates points.
 *
 * Objectives are evaluated a whole batch (a generation's offspring) per call, because the
 * platform's tenant-supplied objectives run in a sandbox where each call has a fixed cost:
 * `evaluateBatch(xs, count, dim, out)` reads `count` points stored row-major in `xs`
 * (`xs[i*dim + j]` is coordinate j of point i) and writes f(point i) to `out[i]`.
 * Built-in functions implement the same interface with a plain loop.
 */
import { ProblemError } from "../engine/errors";
import { FUNCTIONS, type BuiltinName, type RowFunction } from "./functions";

/** Evaluates many points per call; the only way algorithms reach an objective. */
export interface BatchObjective {
  /**
   * Write f(x_i) into out[i] for i < count, where x_i = xs[i*dim .. (i+1)*dim).
   * Must not keep references to `xs`/`out` (they are reused) and must be deterministic.
   * Non-finite results are treated as the worst possible value.
   */
  evaluateBatch(xs: Float64Array, count: number, dim: number, out: Float64Array): void;
}

export type Direction = "minimize" | "maximize";

export interface ContinuousProblem {
  readonly kind: "continuous";
  /** Built-in function name, or a caller-chosen label for external objectives. */
  readonly name: string;
  readonly dimension: number;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly direction: Direction;
  readonly objective: BatchObjective;
  /** Known optimum in the problem's direction, when there is one (built-ins in their domain). */
  readonly optimum?: number;
}

/** Largest dimension we accept: keeps checkpoints (population × dimension) bounded. */
export const MAX_DIMENSION = 1000;

/** A BatchObjective over a per-row function (the fast path for built-ins). */
export function rowObjective(f: RowFunction): BatchObjective {
  return {
    evaluateBatch(xs, count, dim, out) {
      for (let i = 0, off = 0; i < count; i++, off += dim) out[i] = f(xs, off, dim);
    },
  };
}

/**
 * One batch loop per built-in, each its own function literal. Closures from `rowObjective` share
 * one feedback vector, so once several built-ins have run in a process their `f(...)` call site
 * is polymorphic, is not inlined, and boxes every returned double (~16 bytes per evaluation).
 * Here each loop's call site sees only its own function.
 */
const BUILTIN_BATCH: Record<BuiltinName, BatchObjective> = {
  sphere: {
    evaluateBatch(xs, n, d, out) {
      const f = FUNCTIONS.sphere.f;
      for (let i = 0, o = 0; i < n; i++, o += d) out[i] = f(xs, o, d);
    },
  },
  rastrigin: {
    evaluateBatch(xs, n, d, out) {
      const f = FUNCTIONS.rastrigin.f;
      for (let i = 0, o = 0; i < n; i++, o += d) out[i] = f(xs, o, d);
    },
  },
  rosenbrock: {
    evaluateBatch(xs, n, d, out) {
      const f = FUNCTIONS.rosenbrock.f;
      for (let i = 0, o = 0; i < n; i++, o += d) out[i] = f(xs, o, d);
    },
  },
  ackley: {
    evaluateBatch(xs, n, d, out) {
      const f = FUNCTIONS.ackley.f;
      for (let i = 0, o = 0; i < n; i++, o += d) out[i] = f(xs, o, d);
    },
  },
  griewank: {
    evaluateBatch(xs, n, d, out) {
      const f = FUNCTIONS.griewank.f;
      for (let i = 0, o = 0; i < n; i++, o += d) out[i] = f(xs, o, d);
    },
  },
  schwefel: {
    evaluateBatch(xs, n, d, out) {
      const f = FUNCTIONS.schwefel.f;
      for (let i = 0, o = 0; i < n; i++, o += d) out[i] = f(xs, o, d);
    },
  },
  levy: {
    evaluateBatch(xs, n, d, out) {
      const f = FUNCTIONS.levy.f;
      for (let i = 0, o = 0; i < n; i++, o += d) out[i] = f(xs, o, d);
    },
  },
  "styblinski-tang": {
    evaluateBatch(xs, n, d, out) {
      const f = FUNCTIONS["styblinski-tang"].f;
      for (let i = 0, o = 0; i < n; i++, o += d) out[i] = f(xs, o, d);
    },
  },
};

/**
 * A problem around an external objective (e.g. a tenant's sandboxed JavaScript).
 * Example: `defineContinuousProblem({ name: "tenant-fn", lower: [-1,-1], upper: [1,1], objective })`.
 */
export function defineContinuousProblem(opts: {
  name: string;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  objective: BatchObjective;
  direction?: Direction;
  optimum?: number;
}): ContinuousProblem {
  const d = opts.lower.length;
  if (d < 1 || d > MAX_DIMENSION || opts.upper.length !== d) {
    throw new ProblemError({ path: ["bounds"], message: `need 1..${MAX_DIMENSION} matching lower/upper bounds` });
  }
  for (let i = 0; i < d; i++) {
    if (!(Number.isFinite(opts.lower[i]) && Number.isFinite(opts.upper[i]) && opts.lower[i] < opts.upper[i])) {
      throw new ProblemError({ path: ["bounds", i], message: "each bound must be finite with lo < hi" });
    }
  }
  return {
    kind: "continuous",
    name: opts.name,
    dimension: d,
    lower: Float64Array.from(opts.lower),
    upper: Float64Array.from(opts.upper),
    direction: opts.direction ?? "minimize",
    objective: opts.objective,
    optimum: opts.optimum,
  };
}

/** A built-in benchmark function as a problem. */
export function builtinProblem(name: BuiltinName, lower: ArrayLike<number>, upper: ArrayLike<number>, direction: Direction = "minimize"): ContinuousProblem {
  const fn = FUNCTIONS[name];
  const d = lower.length;
  let inDomain = true;
  for (let i = 0; i < d; i++) if (lower[i] > fn.argmin || upper[i] < fn.argmin) inDomain = false;
  return defineContinuousProblem({
    name,
    lower,
    upper,
    direction,
    objective: BUILTIN_BATCH[name],
    // The minimum is known only when the box contains the minimiser; maxima are not tabulated.
    optimum: inDomain && direction === "minimize" ? fn.optimum(d) : undefined,
  });
}

/** +1 when minimising, -1 when maximising: algorithms always minimise sign·f. */
export function directionSign(problem: ContinuousProblem): 1 | -1 {
  return problem.direction === "maximize" ? -1 : 1;
}

/**
 * Evaluate `count` rows into `out` as minimisation costs (sign·f, non-finite → +Infinity).
 * The one funnel between algorithms and objectives.
 */
export function evaluateCosts(problem: ContinuousProblem, xs: Float64Array, count: number, out: Float64Array): void {
  if (count <= 0) return;
  problem.objective.evaluateBatch(xs, count, problem.dimension, out);
  const sign = directionSign(problem);
  for (let i = 0; i < count; i++) {
    const v = sign * out[i];
    // biome-ignore lint/suspicious/noSelfCompare: `v === v` is the cheapest NaN test in the evaluation loop
    out[i] = v === v && v !== Number.NEGATIVE_INFINITY ? v : Number.POSITIVE_INFINITY;
  }
}
