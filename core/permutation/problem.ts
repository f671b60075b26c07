/**
 * The compiled permutation problem: n items to put in order, and a tenant objective that scores
 * an ordering. Solutions are permutations of 0..n-1 (position k holds item p[k]).
 *
 * Like continuous objectives, permutation objectives are evaluated a whole batch per call,
 * because the platform's sandbox has a fixed cost per crossing:
 * `evaluateBatch(perms, count, n, out)` reads `count` permutations stored row-major in `perms`
 * (`perms[i*n + k]` is the item at position k of permutation i) and writes f(perm i) to `out[i]`.
 */
import { ProblemError } from "../engine/errors";

/** Evaluates many permutations per call; the only way algorithms reach an objective. */
export interface PermutationObjective {
  /**
   * Write f(p_i) into out[i] for i < count, where p_i = perms[i*n .. (i+1)*n).
   * Must not keep references to `perms`/`out` (they are reused) and must be deterministic.
   * Non-finite results are treated as the worst possible value.
   */
  evaluateBatch(perms: Int32Array, count: number, n: number, out: Float64Array): void;
}

export type Direction = "minimize" | "maximize";

export interface PermutationProblem {
  readonly kind: "permutation";
  /** Caller-chosen label (exports, result names). */
  readonly name: string;
  /** Number of items; solutions are permutations of 0..n-1. */
  readonly n: number;
  readonly direction: Direction;
  readonly objective: PermutationObjective;
}

/** Smallest and largest accepted size: 2 items make the first non-trivial ordering; the cap keeps checkpoints (population × n) bounded. */
export const MIN_PERMUTATION_SIZE = 2;
export const MAX_PERMUTATION_SIZE = 5000;

/**
 * A problem around an objective (a tenant's sandboxed JavaScript, or a plain function in tests).
 * Example: `definePermutationProblem({ name: "order", n: 20, objective: { evaluateBatch(...) {...} } })`.
 */
export function definePermutationProblem(opts: { name?: string; n: number; objective: PermutationObjective; direction?: Direction }): PermutationProblem {
  const n = opts.n;
  if (!Number.isInteger(n) || n < MIN_PERMUTATION_SIZE || n > MAX_PERMUTATION_SIZE) {
    throw new ProblemError({ path: ["size"], message: `must be an integer from ${MIN_PERMUTATION_SIZE} to ${MAX_PERMUTATION_SIZE}` });
  }
  return { kind: "permutation", name: opts.name ?? "permutation", n, direction: opts.direction ?? "minimize", objective: opts.objective };
}

/** A BatchObjective over a plain function of one permutation (tests, benchmarks, Node callers). */
export function functionObjective(f: (p: Int32Array) => number): PermutationObjective {
  return {
    evaluateBatch(perms, count, n, out) {
      for (let i = 0; i < count; i++) out[i] = f(perms.subarray(i * n, i * n + n));
    },
  };
}

/** +1 when minimising, -1 when maximising: algorithms always minimise sign·f. */
export function directionSign(problem: Pick<PermutationProblem, "direction">): 1 | -1 {
  return problem.direction === "maximize" ? -1 : 1;
}

/**
 * Evaluate `count` rows into `out` as minimisation costs (sign·f, non-finite → +Infinity).
 * The one funnel between algorithms and objectives.
 */
export function evaluateCosts(problem: PermutationProblem, perms: Int32Array, count: number, out: Float64Array): void {
  if (count <= 0) return;
  problem.objective.evaluateBatch(perms, count, problem.n, out);
  const sign = directionSign(problem);
  for (let i = 0; i < count; i++) {
    const v = sign * out[i];
    // biome-ignore lint/suspicious/noSelfCompare: `v === v` is the cheapest NaN test in the evaluation loop
    out[i] = v === v && v !== Number.NEGATIVE_INFINITY ? v : Number.POSITIVE_INFINITY;
  }
}

/** The identity ordering 0, 1, …, n-1: the sample permutation validation evaluates. */
export function identityPermutation(n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return p;
}
