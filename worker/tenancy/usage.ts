/**
 * The usage meter: one row per tenant per UTC day (jobs, compute ms, storage bytes, API requests).
 * `recordUsage` adds to today's row atomically with an upsert; the runtime calls it when a job is
 * admitted/finishes, authentication counts API requests.
 */
import { and, eq, gte, lte, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { usage } from "../db/schema";

export interface UsageDelta {
  jobs?: number;
  computeMs?: number;
  storageBytes?: number;
  apiRequests?: number;
}

export interface UsageTotals {
  jobs: number;
  computeMs: number;
  storageBytes: number;
  apiRequests: number;
}

export function utcDayOf(at: Date | number = Date.now()): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Adds `delta` to the tenant's row for `day` (default today, UTC). Example: recordUsage(env, t, { computeMs: 950 }). */
export async function recordUsage(env: Env, tenantId: string, delta: UsageDelta, day = utcDayOf()): Promise<void> {
  const d = { jobs: delta.jobs ?? 0, computeMs: Math.round(delta.computeMs ?? 0), storageBytes: Math.round(delta.storageBytes ?? 0), apiRequests: delta.apiRequests ?? 0 };
  await drizzle(env.DB)
    .insert(usage)
    .values({ tenantId, day, ...d })
    .onConflictDoUpdate({
      target: [usage.tenantId, usage.day],
      set: {
        jobs: sql`${usage.jobs} + ${d.jobs}`,
        computeMs: sql`${usage.computeMs} + ${d.computeMs}`,
        storageBytes: sql`${usage.storageBytes} + ${d.storageBytes}`,
        apiRequests: sql`${usage.apiRequests} + ${d.apiRequests}`,
      },
    })
    .run();
}

/** The current billing period: the UTC calendar month containing `now`. */
export function currentPeriod(now = new Date()): { start: string; end: string } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0));
  return { start: utcDayOf(start), end: utcDayOf(end) };
}

/** Per-day rows and totals of the tenant's usage between two UTC days (inclusive). */
export async function usageBetween(env: Env, tenantId: string, start: string, end: string) {
  const days = await drizzle(env.DB)
    .select({ day: usage.day, jobs: usage.jobs, computeMs: usage.computeMs, storageBytes: usage.storageBytes, apiRequests: usage.apiRequests })
    .from(usage)
    .where(and(eq(usage.tenantId, tenantId), gte(usage.day, start), lte(usage.day, end)))
    .orderBy(usage.day)
    .all();
  const totals: UsageTotals = { jobs: 0, computeMs: 0, storageBytes: 0, apiRequests: 0 };
  for (const d of days) {
    totals.jobs += d.jobs;
    totals.computeMs += d.computeMs;
    totals.storageBytes += d.storageBytes;
    totals.apiRequests += d.apiRequests;
  }
  return { days, totals };
}
