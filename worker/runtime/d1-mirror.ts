/**
 * The D1 row is a mirror of the JobRunner for lists and dashboards: written at every state change
 * and at most every couple of seconds while running (a chunk every few hundred ms must not turn
 * into a D1 write each).
 */
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { job } from "../db/schema";
import type { Env } from "../env";
import type { RunnerStatus } from "./runner-store";
import type { JobSpec } from "./spec";

/** Fraction done in [0, 1] by the budget that bounds the run. */
export function progressFraction(spec: JobSpec, s: RunnerStatus): number {
  if (s.state === "succeeded") return 1;
  const parts: number[] = [];
  if (spec.maxEvaluations) parts.push(s.evaluations / spec.maxEvaluations);
  if (spec.maxComputeMs) parts.push(s.computeMs / spec.maxComputeMs);
  const f = parts.length ? Math.max(...parts) : 0;
  return Math.min(1, Math.max(0, Number.isFinite(f) ? f : 0));
}

const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);

/** The island chunk size the runner calibrated goes into the receipt, so a replay can reuse it. */
export async function recordIslandChunk(env: Env, spec: JobSpec): Promise<void> {
  const db = drizzle(env.DB);
  const where = and(eq(job.id, spec.jobId), eq(job.tenantId, spec.tenantId));
  const row = await db.select({ receipt: job.receipt }).from(job).where(where).get();
  if (!row) return;
  await db
    .update(job)
    .set({ receipt: { ...(row.receipt ?? {}), islandChunkEvaluations: spec.islandChunkEvaluations } })
    .where(where);
}

/**
 * At finish: the evaluations the run spent (`evaluationsRun`) and its `stopReason` go into the
 * receipt. A single-population run then replays exactly whatever stopped it (time, convergence,
 * target): worker/jobs/fork.ts replays to `evaluationsRun`.
 */
export async function recordRunInReceipt(env: Env, spec: JobSpec, s: RunnerStatus): Promise<void> {
  const db = drizzle(env.DB);
  const where = and(eq(job.id, spec.jobId), eq(job.tenantId, spec.tenantId));
  const row = await db.select({ receipt: job.receipt }).from(job).where(where).get();
  if (!row) return;
  const receipt = row.receipt ?? {};
  // Islands replay only from an evaluation budget (their rounds end on the clock otherwise).
  const replayable = spec.islands === 1 ? s.state === "succeeded" || receipt.replayable === true : receipt.replayable === true;
  await db
    .update(job)
    .set({ receipt: { ...receipt, evaluationsRun: s.evaluations, stopReason: s.stopReason ?? null, replayable } })
    .where(where);
}

export async function mirrorToD1(env: Env, spec: JobSpec, s: RunnerStatus, extra: { resultKey?: string; expiresAt?: Date } = {}): Promise<void> {
  await drizzle(env.DB)
    .update(job)
    .set({
      state: s.state,
      progress: progressFraction(spec, s),
      generation: s.generation,
      evaluations: s.evaluations,
      best: finite(s.best),
      hard: finite(s.hard),
      soft: finite(s.soft),
      computeMs: Math.round(s.computeMs),
      error: s.error,
      startedAt: s.startedAt ? new Date(s.startedAt) : null,
      finishedAt: s.finishedAt ? new Date(s.finishedAt) : null,
      updatedAt: new Date(),
      ...(extra.resultKey ? { resultKey: extra.resultKey } : {}),
      ...(extra.expiresAt ? { expiresAt: extra.expiresAt } : {}),
    })
    .where(and(eq(job.id, spec.jobId), eq(job.tenantId, spec.tenantId)));
}
