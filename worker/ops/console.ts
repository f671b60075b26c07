/**
 * The operator console's data: every tenant with its tier and usage, recent jobs across
 * tenants, dead-lettered messages (requeue or fail), and scrape-time gauges from D1.
 * Only operators reach these functions (OPS_TOKEN on /api/ops, platform_admin in the web app).
 */
import { and, desc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { ApiError } from "../http/problem";
import * as schema from "../db/schema";

const db = (env: Env) => drizzle(env.DB, { schema });

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export async function listTenantsForOps(env: Env, limit = 200) {
  const rows = await env.DB.prepare(
    `select o.id, o.name, o.slug, o.created_at as createdAt,
            coalesce(s.tier, 'free') as tier, coalesce(s.status, 'none') as subscriptionStatus,
            coalesce(u.jobs, 0) as jobsToday, coalesce(u.compute_ms, 0) as computeMsToday,
            (select count(*) from job j where j.tenant_id = o.id and j.state in ('queued','running','paused')) as activeJobs,
            (select count(*) from job j where j.tenant_id = o.id) as totalJobs
       from organization o
       left join subscription s on s.tenant_id = o.id
       left join usage u on u.tenant_id = o.id and u.day = ?
      order by o.created_at desc limit ?`,
  )
    .bind(todayUtc(), limit)
    .all();
  return rows.results;
}

export async function listRecentJobsForOps(env: Env, options: { state?: string; limit?: number } = {}) {
  const where = options.state ? eq(schema.job.state, options.state) : undefined;
  return db(env)
    .select({
      id: schema.job.id,
      tenantId: schema.job.tenantId,
      kind: schema.job.kind,
      algorithm: schema.job.algorithm,
      state: schema.job.state,
      progress: schema.job.progress,
      best: schema.job.best,
      error: schema.job.error,
      createdAt: schema.job.createdAt,
      finishedAt: schema.job.finishedAt,
    })
    .from(schema.job)
    .where(where)
    .orderBy(desc(schema.job.createdAt))
    .limit(Math.min(options.limit ?? 50, 500));
}

export async function listDeadLetters(env: Env, status: "open" | "requeued" | "failed" | "all" = "open", limit = 100) {
  const where = status === "all" ? undefined : eq(schema.deadLetter.status, status);
  return db(env).select().from(schema.deadLetter).where(where).orderBy(desc(schema.deadLetter.receivedAt)).limit(limit);
}

/** Stores a message that exhausted its retries (called by the dead-letter queue consumer). */
export async function recordDeadLetter(env: Env, message: { id: string; body: Record<string, unknown>; attempts: number }, queue: string, reason: string): Promise<void> {
  const body = message.body ?? {};
  await db(env)
    .insert(schema.deadLetter)
    .values({
      id: message.id,
      queue,
      messageType: String(body.type ?? "unknown"),
      jobId: typeof body.jobId === "string" ? body.jobId : null,
      tenantId: typeof body.tenantId === "string" ? body.tenantId : null,
      body,
      attempts: message.attempts,
      reason,
    })
    .onConflictDoNothing();
}

/** Sends an open dead letter back to the jobs queue (the operator fixed the cause). */
export async function requeueDeadLetter(env: Env, id: string): Promise<void> {
  const [row] = await db(env).select().from(schema.deadLetter).where(eq(schema.deadLetter.id, id));
  if (!row) throw new ApiError(404, "not-found", "Not found", `No dead letter ${id}.`);
  if (row.status !== "open") throw new ApiError(409, "wrong-state", "Already resolved", `Dead letter ${id} is ${row.status}.`);
  await env.JOBS_QUEUE.send(row.body as never);
  await db(env)
    .update(schema.deadLetter)
    .set({ status: "requeued", resolvedAt: new Date() })
    .where(and(eq(schema.deadLetter.id, id), eq(schema.deadLetter.status, "open")));
}

/** Marks an open dead letter as failed and fails its job with a readable reason. */
export async function failDeadLetter(env: Env, id: string, reason = "Failed by an operator after repeated delivery failures."): Promise<void> {
  const [row] = await db(env).select().from(schema.deadLetter).where(eq(schema.deadLetter.id, id));
  if (!row) throw new ApiError(404, "not-found", "Not found", `No dead letter ${id}.`);
  if (row.status !== "open") throw new ApiError(409, "wrong-state", "Already resolved", `Dead letter ${id} is ${row.status}.`);
  const statements = [env.DB.prepare("update dead_letter set status = 'failed', resolved_at = ? where id = ? and status = 'open'").bind(Date.now(), id)];
  if (row.jobId && row.tenantId) {
    statements.push(
      env.DB.prepare("update job set state = 'failed', error = ?, finished_at = ?, updated_at = ? where id = ? and tenant_id = ? and state in ('queued','running','paused')").bind(
        reason,
        Date.now(),
        Date.now(),
        row.jobId,
        row.tenantId,
      ),
    );
  }
  await env.DB.batch(statements);
}

/** Gauges computed at scrape time from D1 (jobs by state and kind, per tenant, dead letters). */
export async function computeGauges(env: Env): Promise<Record<string, number>> {
  const gauges: Record<string, number> = {};
  const byState = await env.DB.prepare("select state, kind, count(*) as n from job group by state, kind").all<{ state: string; kind: string; n: number }>();
  for (const r of byState.results) gauges[`evolve_jobs{kind="${r.kind}",state="${r.state}"}`] = r.n;
  const perTenant = await env.DB.prepare("select tenant_id as tenant, state, count(*) as n from job where state in ('queued','running','paused') group by tenant_id, state").all<{
    tenant: string;
    state: string;
    n: number;
  }>();
  for (const r of perTenant.results) gauges[`evolve_tenant_active_jobs{state="${r.state}",tenant="${r.tenant}"}`] = r.n;
  const dead = await env.DB.prepare("select status, count(*) as n from dead_letter group by status").all<{ status: string; n: number }>();
  for (const r of dead.results) gauges[`evolve_dead_letters{status="${r.status}"}`] = r.n;
  const tenants = await env.DB.prepare("select count(*) as n from organization").first<{ n: number }>();
  gauges["evolve_tenants"] = tenants?.n ?? 0;
  const usage = await env.DB.prepare("select coalesce(sum(jobs),0) as jobs, coalesce(sum(compute_ms),0) as ms from usage where day = ?").bind(todayUtc()).first<{ jobs: number; ms: number }>();
  gauges["evolve_jobs_today"] = usage?.jobs ?? 0;
  gauges["evolve_compute_ms_today"] = usage?.ms ?? 0;
  return gauges;
}

export const GAUGE_HELP: Record<string, string> = {
  evolve_jobs: "Jobs by state and kind (all tenants).",
  evolve_tenant_active_jobs: "Queued, running and paused jobs per tenant.",
  evolve_dead_letters: "Dead-lettered queue messages by resolution status.",
  evolve_tenants: "Tenants (organizations).",
  evolve_jobs_today: "Jobs admitted today (UTC), all tenants.",
  evolve_compute_ms_today: "Compute milliseconds used today (UTC), all tenants.",
  evolve_http_requests_total: "API requests by route, method and status class.",
  evolve_http_request_duration_ms: "API latency by route in milliseconds.",
  evolve_http_errors_total: "API 5xx answers by route.",
  evolve_rate_limit_refusals_total: "429 answers by tenant.",
  evolve_chunk_duration_ms: "Duration of one job chunk in milliseconds.",
  evolve_chunk_overhead_ratio: "Checkpoint + storage + broadcast time as a share of chunk compute.",
  evolve_checkpoint_bytes: "Size of stored checkpoints in bytes.",
  evolve_island_retries_total: "Island chunks re-enqueued by the watchdog or retried by the queue.",
  evolve_dead_letters_total: "Messages that reached the dead-letter queue.",
  evolve_webhook_failures_total: "Tenant webhook deliveries that failed.",
  evolve_queue_wait_ms: "Time an island-chunk message waited in the queue.",
};
