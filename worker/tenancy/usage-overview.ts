/**
 * What a tenant has used and may use: the shared view behind GET /v1/usage and the billing page.
 */
import { and, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { usage } from "../db/schema";
import { gateFor, tierLimits } from "./admission";
import type { TierLimits } from "./tiers";
import { currentPeriod, usageBetween, utcDayOf, type UsageTotals } from "./usage";
import { contributedUsage } from "../contribute/metering";

export interface UsageOverview {
  tier: TierLimits["tier"];
  limits: TierLimits;
  period: { start: string; end: string };
  totals: UsageTotals;
  days: ({ day: string } & UsageTotals)[];
  today: { day: string; jobsAdmitted: number; jobsPerDay: number; activeJobs: number; concurrentJobs: number };
  /** Bytes currently stored (results, inputs, exports): every storage delta ever recorded. */
  storageBytes: number;
  /** Contributed compute this period (worker/contribute/metering.ts): never part of `totals.computeMs`. */
  contributed: Awaited<ReturnType<typeof contributedUsage>>;
}

export async function getUsageOverview(env: Env, tenantId: string): Promise<UsageOverview> {
  const period = currentPeriod();
  const [limits, { days, totals }, gate, stored, contributed] = await Promise.all([
    tierLimits(env, tenantId),
    usageBetween(env, tenantId, period.start, period.end),
    gateFor(env, tenantId).status(),
    drizzle(env.DB)
      .select({ bytes: sql<number>`coalesce(sum(${usage.storageBytes}), 0)` })
      .from(usage)
      .where(and(eq(usage.tenantId, tenantId)))
      .get(),
    contributedUsage(env, tenantId, Date.parse(`${period.start}T00:00:00Z`)),
  ]);
  return {
    tier: limits.tier,
    limits,
    period,
    totals,
    days,
    today: { day: utcDayOf(), jobsAdmitted: gate.usedToday, jobsPerDay: limits.jobsPerDay, activeJobs: gate.leases.length, concurrentJobs: limits.concurrentJobs },
    storageBytes: Math.max(0, Number(stored?.bytes ?? 0)),
    contributed,
  };
}
