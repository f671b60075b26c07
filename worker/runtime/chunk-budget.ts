/**
 * Chunks are budgeted in evaluations, not milliseconds: deployed Workers freeze Date.now() and
 * performance.now() during synchronous code, so a solver cannot watch a clock while it runs.
 * Instead each chunk's rate is measured across an I/O boundary (the clock advances there) and
 * the next chunk's evaluation budget is set to hit the CPU target.
 */
import type { AnySolver } from "./solvers";
import { RUNTIME_DEFAULTS, islandEvaluations, type JobSpec } from "./spec";

/** Evaluations of the very first chunk: small, so the first measurement comes back quickly. */
export const FIRST_CHUNK_EVALUATIONS = 1;
const MAX_GROWTH = 4;
const TRUSTED_MS = 10;
const MAX_CHUNK_EVALUATIONS = 50_000_000;

/**
 * Next chunk's budget from what the last one did. `ms` can read 0 when the step was shorter than
 * the clock's resolution: then grow geometrically until there is something to measure.
 */
export function nextChunkEvaluations(last: { evaluations: number; ms: number; budget: number }, targetMs: number): number {
  const grown = Math.max(1, last.budget) * MAX_GROWTH;
  if (last.evaluations <= 0) return Math.min(grown, MAX_CHUNK_EVALUATIONS);
  if (last.ms <= 0) return Math.min(Math.max(grown, last.evaluations * MAX_GROWTH), MAX_CHUNK_EVALUATIONS);
  const rate = last.evaluations / last.ms;
  const want = Math.round(rate * targetMs);
  // A reading of a few ms is noisy: grow at most ×4 from it (never a 30 s chunk by accident).
  // From 10 ms on the rate is trusted, so the budget reaches the target in two or three chunks.
  const cap = last.ms >= TRUSTED_MS ? Number.POSITIVE_INFINITY : Math.max(last.evaluations, last.budget) * MAX_GROWTH;
  return Math.max(1, Math.min(want, cap, MAX_CHUNK_EVALUATIONS));
}

/**
 * Island chunk size: run a scratch copy of island 0 in growing steps until a step takes 20 ms,
 * and size chunks to `islandChunkTargetMs` of CPU at that rate (capped at the island's share).
 * Done once at start; the number is then fixed for the whole run (and recorded for replays).
 */
export async function calibrateIslandChunk(spec: JobSpec, problem: unknown, solver: AnySolver): Promise<number> {
  const share = islandEvaluations(spec.maxEvaluations, spec.islands, 0);
  const state = solver.init(problem, spec.parameters, spec.seed, { maxEvaluations: share });
  let budget = 1;
  let evals = 0;
  let ms = 0;
  for (let round = 0; round < 12 && !solver.progress(state).done; round++) {
    const before = solver.progress(state).evaluations;
    const t0 = Date.now();
    solver.step(state, { evaluations: budget });
    await clockTick();
    ms = Date.now() - t0;
    evals = solver.progress(state).evaluations - before;
    if (ms >= 20) break;
    budget *= 4;
  }
  const rate = evals / Math.max(1, ms);
  return Math.max(1, Math.min(share, Math.round(rate * RUNTIME_DEFAULTS.islandChunkTargetMs)));
}

/**
 * Resolve after the event loop turned once, so Date.now() reflects the CPU time just spent.
 * A zero-delay timer is enough: Workers advance the clock when control returns to the runtime.
 */
export function clockTick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
