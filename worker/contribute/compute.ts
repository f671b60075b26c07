/**
 * Running one island unit, the same code on every side: the Node client's worker threads
 * (scripts/contribute.ts), the browser's Web Worker (web/app/contribute/) and the server when it
 * re-runs a sampled unit to check a contributor (worker/contribute/verify.ts). Pure core: no
 * Cloudflare or Node imports, no sandbox (jobs with a tenant's own JavaScript objective are never
 * offered to contributors: `contributionSupport`).
 */
import * as core from "@core/index";
import type { BestSolution, Progress } from "@core/engine/contract";
import type { ContinuousProblem } from "@core/continuous/problem";
import type { TspProblem } from "@core/tsp/problem";
import { tourLength, isPermutation } from "@core/tsp/tour";

/** What a contributor needs to run units of one job, compiled once per connection. */
export interface PreparedJob {
  kind: string;
  algorithm: string;
  problem: unknown;
  solver: ReturnType<typeof core.solverFor>["solver"];
}

export interface UnitOutcome {
  checkpoint: Uint8Array;
  progress: Progress;
  computeMs: number;
}

/**
 * Whether a job's problem can be computed by contributors, and why not. Contributed units must be
 * checkable: the server re-evaluates the reported best with the kind's own objective, so only
 * kinds with an exact re-evaluation here qualify, and never a tenant's sandboxed JavaScript.
 */
export function contributionSupport(doc: unknown): { ok: true } | { ok: false; reason: string } {
  const d = doc as { kind?: unknown; objective?: unknown } | null;
  if (typeof d !== "object" || d === null) return { ok: false, reason: "the problem document is not an object" };
  if (d.objective !== undefined) return { ok: false, reason: "jobs with their own JavaScript objective run only on the platform's sandbox" };
  if (d.kind !== "continuous" && d.kind !== "tsp") return { ok: false, reason: `contributions are supported for continuous and tsp jobs, not ${String(d.kind)}` };
  return { ok: true };
}

export function prepareJob(kind: string, algorithm: string, doc: unknown): PreparedJob {
  const support = contributionSupport(doc);
  if (!support.ok) throw new Error(support.reason);
  const compiled = core.compileProblem(doc);
  if (compiled.kind !== kind) throw new Error(`the problem document is of kind ${compiled.kind}, the job of kind ${kind}`);
  const { solver } = core.solverFor(kind, algorithm, compiled.problem);
  return { kind, algorithm, problem: compiled.problem, solver };
}

/** Restore, run exactly one `step` of `evaluations`, checkpoint: what the queue consumer does (worker/queue/island-chunk.ts). */
export function runUnit(job: PreparedJob, evaluations: number, checkpoint: Uint8Array, now: () => number = () => Date.now()): UnitOutcome {
  const state = job.solver.restore(job.problem, checkpoint);
  const t0 = now();
  job.solver.step(state, { evaluations });
  const computeMs = now() - t0;
  return { checkpoint: job.solver.checkpoint(state), progress: storedProgress(job.solver.progress(state)), computeMs };
}

/** Progress as the runtime stores it (non-finite → null), so reported and derived figures compare equal. */
export function storedProgress(p: Progress): Progress {
  return { ...p, best: Number.isFinite(p.best) ? p.best : (null as unknown as number), mean: Number.isFinite(p.mean) ? p.mean : (null as unknown as number) };
}

/**
 * The objective value of a best solution, computed afresh from the solution itself (never from
 * figures stored beside it). Throws when the solution is not a valid one for the problem.
 */
export function reevaluateBest(kind: string, problem: unknown, best: BestSolution<unknown>): number {
  if (kind === "continuous") {
    const p = problem as ContinuousProblem;
    const x = best.solution as ArrayLike<number>;
    if (!x || x.length !== p.dimension) throw new Error(`best solution has ${x?.length ?? 0} coordinates, the problem ${p.dimension}`);
    const xs = Float64Array.from(x);
    for (let i = 0; i < xs.length; i++) {
      if (!(xs[i] >= p.lower[i] && xs[i] <= p.upper[i])) throw new Error(`best solution coordinate ${i} (${xs[i]}) is outside the bounds`);
    }
    const out = new Float64Array(1);
    p.objective.evaluateBatch(xs, 1, p.dimension, out);
    return out[0];
  }
  if (kind === "tsp") {
    const p = problem as TspProblem;
    const tour = best.solution as ArrayLike<number>;
    if (!tour || !isPermutation(tour, p.n)) throw new Error(`best tour is not a permutation of the ${p.n} cities`);
    return tourLength(p, tour);
  }
  throw new Error(`no exact re-evaluation for kind ${kind}`);
}
