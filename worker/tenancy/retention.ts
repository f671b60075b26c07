/**
 * Retention: a finished job's data is kept for its tier's `retentionDays`. The runtime should
 * stamp `job.expires_at` when a job ends (`retentionExpiry`; the sweep stamps finished jobs that
 * lack it); the daily cron (`scheduled` in worker/index.ts) calls `sweepExpiredJobs`, which deletes the job's R2 objects (everything under
 * t/<tenantId>/jobs/<jobId>/) and then its D1 rows. R2 first: if the Worker dies half-way the row
 * is still there and the next sweep finishes the job, so nothing is ever orphaned in R2.
 */
import { and, eq, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { jobRunner } from "../jobs/job-queries";
import { accessLink, job } from "../db/schema";
import { tierLimits } from "./admission";
import { recordUsage } from "./usage";

const DAY_MS = 86_400_000;
/** Jobs handled per sweep batch (a D1 query stays well under 100 bound parameters). */
const BATCH = 50;

/** When a job that finished at `finishedAt` expires under the tenant's current tier. */
export async function retentionExpiry(env: Env, tenantId: string, finishedAt: Date = new Date()): Promise<Date> {
  const limits = await tierLimits(env, tenantId);
  return new Date(finishedAt.getTime() + limits.retentionDays * DAY_MS);
}

export function jobPrefix(tenantId: string, jobId: string): string {
  return `t/${tenantId}/jobs/${jobId}/`;
}

async function deletePrefix(env: Env, prefix: string): Promise<number> {
  let bytes = 0;
  let cursor: string | undefined;
  do {
    const page = await env.BLOBS.list({ prefix, cursor });
    if (page.objects.length > 0) {
      bytes += page.objects.reduce((sum, o) => sum + o.size, 0);
      await env.BLOBS.delete(page.objects.map((o) => o.key));
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return bytes;
}

/**
 * Stamps `expires_at` on finished jobs that have none yet (finished_at + the tenant's retention),
 * so retention holds even for a job whose finish step did not record it.
 */
export async function stampMissingExpiries(env: Env, maxJobs = 1000): Promise<number> {
  const db = drizzle(env.DB);
  const rows = await db
    .select({ id: job.id, tenantId: job.tenantId, finishedAt: job.finishedAt })
    .from(job)
    .where(and(isNull(job.expiresAt), isNotNull(job.finishedAt)))
    .limit(maxJobs)
    .all();
  const retention = new Map<string, number>();
  const updates = [];
  for (const r of rows) {
    if (!retention.has(r.tenantId)) retention.set(r.tenantId, (await tierLimits(env, r.tenantId)).retentionDays);
    const expiresAt = new Date(r.finishedAt!.getTime() + retention.get(r.tenantId)! * DAY_MS);
    updates.push(
      db
        .update(job)
        .set({ expiresAt })
        .where(and(eq(job.id, r.id), eq(job.tenantId, r.tenantId))),
    );
  }
  for (let i = 0; i < updates.length; i += BATCH) {
    const chunk = updates.slice(i, i + BATCH);
    if (chunk.length > 0) await db.batch(chunk as [(typeof chunk)[0], ...typeof chunk]);
  }
  return rows.length;
}

/** Deletes every job whose `expires_at` has passed; returns how many jobs and bytes went. */
export async function sweepExpiredJobs(env: Env, now: Date = new Date(), maxJobs = 5000): Promise<{ jobs: number; bytes: number }> {
  await stampMissingExpiries(env);
  const db = drizzle(env.DB);
  let jobs = 0;
  let bytes = 0;
  while (jobs < maxJobs) {
    const expired = await db
      .select({ id: job.id, tenantId: job.tenantId })
      .from(job)
      .where(and(isNotNull(job.expiresAt), lte(job.expiresAt, now)))
      .limit(BATCH)
      .all();
    if (expired.length === 0) break;
    const freedByTenant = new Map<string, number>();
    for (const j of expired) {
      // The job's JobRunner Durable Object storage (checkpoints, event log, history) goes too;
      // best-effort: a runner that fails to answer must not stop the sweep of the others.
      await jobRunner(env, j.id)
        .destroy()
        .catch((e: unknown) => console.error(JSON.stringify({ level: "error", msg: "retention: runner storage not destroyed", jobId: j.id, tenantId: j.tenantId, error: String(e) })));
      const freed = await deletePrefix(env, jobPrefix(j.tenantId, j.id));
      freedByTenant.set(j.tenantId, (freedByTenant.get(j.tenantId) ?? 0) + freed);
      bytes += freed;
    }
    const ids = expired.map((j) => j.id);
    await db.batch([db.delete(accessLink).where(inArray(accessLink.jobId, ids)), db.delete(job).where(inArray(job.id, ids))]);
    for (const [tenantId, freed] of freedByTenant) if (freed > 0) await recordUsage(env, tenantId, { storageBytes: -freed });
    jobs += expired.length;
  }
  if (jobs > 0) console.log(JSON.stringify({ level: "info", msg: "retention sweep", jobs, bytes }));
  return { jobs, bytes };
}

/** For tests and the job page: the expiry recorded for one of the tenant's jobs. */
export async function jobExpiry(env: Env, tenantId: string, jobId: string): Promise<Date | null> {
  const row = await drizzle(env.DB)
    .select({ expiresAt: job.expiresAt })
    .from(job)
    .where(and(eq(job.id, jobId), eq(job.tenantId, tenantId)))
    .get();
  return row?.expiresAt ?? null;
}
