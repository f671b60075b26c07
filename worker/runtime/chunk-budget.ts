/**
 * Chunks are budgeted in evaluations, not milliseconds: deployed Workers freeze Date.now() and
 * performance.now() during synchronous code, so a solver cannot watch a clock while it runs.
 * Instead each chunk's rate is measured across an I/O boundary (the clock advances there) and
 * the next chunk's evaluation budget is set to hit the CPU target.
 */

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
 * Resolve after the event loop turned once, so Date.now() reflects the CPU time just spent.
 * A zero-delay timer is enough: Workers advance the clock when control returns to the runtime.
 */
export function clockTick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
