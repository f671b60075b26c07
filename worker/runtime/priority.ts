/**
 * What a plan's `priority` (worker/tenancy/tiers.ts) buys: a larger share of compute per turn.
 * Each job is its own JobRunner Durable Object, so nothing queues behind another tenant's job; the
 * share a job gets is how much it computes per alarm turn (its chunk) against the fixed cost of
 * each turn (restore, checkpoint, storage, push). A `high` priority job runs chunks of twice the
 * target CPU, so it spends a larger share of its wall-clock time computing and finishes sooner
 * under load; `normal` jobs keep the default. An explicit `options.chunkTargetMs` wins.
 * Decision: docs/decisions/007-entry-point-limits.md.
 */
export const PRIORITY_CHUNK_FACTOR: Record<"normal" | "high", number> = { normal: 1, high: 2 };

/** The chunk CPU target for a job of this priority, from the platform's base target. */
export function chunkTargetFor(baseMs: number, priority: "normal" | "high"): number {
  return Math.round(baseMs * (PRIORITY_CHUNK_FACTOR[priority] ?? 1));
}
