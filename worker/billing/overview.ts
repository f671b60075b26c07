/**
 * The billing page's data: the tenant's plan as Stripe's subscription state decides
 * it, the plan's limits, this period's usage (jobs, compute time, storage) and the plans on offer.
 * `getBillingOverview` is what GET /v1/billing answers and what the Remix billing loader calls.
 */
import type { Env } from "../env";
import { effectiveTier } from "../tenancy/effective-tier";
import { TIERS, TIER_ORDER, type TierLimits, type TierName } from "../tenancy/tiers";
import { getUsageOverview } from "../tenancy/usage-overview";
import { getSubscriptionRow } from "./subscription-store";

export interface BillingOverview {
  plan: {
    /** The tier whose limits apply now. */
    tier: TierName;
    /** The tier paid for (differs from `tier` while a payment has failed past its grace). */
    subscribedTier: TierName | null;
    status: string;
    currentPeriodEnd: string | null;
    cancelAtPeriodEnd: boolean;
    /** While past_due: paid limits last until then. */
    graceUntil: string | null;
    hasCustomer: boolean;
  };
  limits: TierLimits;
  usage: {
    period: { start: string; end: string };
    jobs: number;
    computeMs: number;
    computeSeconds: number;
    storageBytes: number;
    apiRequests: number;
    today: { jobsAdmitted: number; jobsPerDay: number; activeJobs: number; concurrentJobs: number };
    /** Contributed compute this period (worker/contribute/): not part of `computeMs`. */
    contributed: { evaluations: number; acceptedUnits: number; rejectedUnits: number; contributors: number };
  };
  plans: TierLimits[];
}

export async function getBillingOverview(env: Env, tenantId: string): Promise<BillingOverview> {
  const [row, usage] = await Promise.all([getSubscriptionRow(env, tenantId), getUsageOverview(env, tenantId)]);
  const tier = effectiveTier(row);
  return {
    plan: {
      tier,
      subscribedTier: row && row.tier !== "free" && row.status !== "none" && row.status !== "canceled" ? (row.tier as TierName) : null,
      status: row?.status ?? "none",
      currentPeriodEnd: row?.currentPeriodEnd?.toISOString() ?? null,
      cancelAtPeriodEnd: row?.cancelAtPeriodEnd ?? false,
      graceUntil: row?.graceUntil?.toISOString() ?? null,
      hasCustomer: !!row?.stripeCustomerId,
    },
    limits: TIERS[tier],
    usage: {
      period: usage.period,
      jobs: usage.totals.jobs,
      computeMs: usage.totals.computeMs,
      computeSeconds: Math.round(usage.totals.computeMs / 1000),
      storageBytes: usage.storageBytes,
      apiRequests: usage.totals.apiRequests,
      today: { jobsAdmitted: usage.today.jobsAdmitted, jobsPerDay: usage.today.jobsPerDay, activeJobs: usage.today.activeJobs, concurrentJobs: usage.today.concurrentJobs },
      contributed: usage.contributed,
    },
    plans: TIER_ORDER.map((t) => TIERS[t]),
  };
}
