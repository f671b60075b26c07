/**
 * Admission of jobs (docs/decisions/001-platform-seams.md): the tier's size limits are checked
 * here, the concurrency slot and the daily quota by the tenant's TenantGate (strongly consistent).
 * Refusals are ApiErrors: 429 + Retry-After + RateLimit-* for quota and concurrency, 402 (a higher
 * tier would accept it) or 403 (no tier does) for size and island limits.
 *
 * Example (jobs layer):
 *   const admission = await admitJob(env, { tenantId, jobId, kind: "tsp", size: { cities: 150 }, islands: 1 });
 *   // ... job ends in any state:
 *   await releaseJob(env, tenantId, jobId);
 */
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { subscription } from "../db/schema";
import { ApiError } from "../http/problem";
import { effectiveTier } from "./effective-tier";
import { TIERS, smallestTierAllowing, smallestTierWithIslands, type SizeDimension, type TierLimits, type TierName } from "./tiers";

/** How long a slot is held without renewal; the runner renews well within it (every chunk). */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** Where every 402/429 points for a bigger plan: the public price list (web/app/routes/pricing). */
export const UPGRADE_URL_PATH = "/pricing";

export interface AdmitJobInput {
  tenantId: string;
  jobId: string;
  kind: string;
  /** Measured problem size, e.g. { lectures: 160 } or { cities: 280, population: 100 }. */
  size: Partial<Record<SizeDimension, number>> & Record<string, number | undefined>;
  /** Islands requested; 1 (or 0) means a single population. */
  islands: number;
  /** Override of the lease length (tests, or a runtime that renews at another pace). */
  leaseMs?: number;
  /** Origin the answer's upgrade link points at (worker/auth/dev-origins.ts linkOrigin); APP_URL when absent. */
  linkOrigin?: string;
}

export interface Admission {
  limits: TierLimits;
  leaseExpiresAt: number;
  /** RateLimit-* headers describing the daily quota after this admission. */
  headers: Record<string, string>;
}

export function gateFor(env: Env, tenantId: string) {
  return env.TENANT_GATE.get(env.TENANT_GATE.idFromName(`tenant:${tenantId}`));
}

/** The tenant's tier limits as its subscription stands now. */
export async function tierLimits(env: Env, tenantId: string): Promise<TierLimits> {
  return TIERS[await currentTier(env, tenantId)];
}

export async function currentTier(env: Env, tenantId: string): Promise<TierName> {
  const row = await drizzle(env.DB)
    .select({ tier: subscription.tier, status: subscription.status, graceUntil: subscription.graceUntil, stripeUpdatedAt: subscription.stripeUpdatedAt })
    .from(subscription)
    .where(eq(subscription.tenantId, tenantId))
    .get();
  return effectiveTier(row);
}

/** The pricing page on `origin` (the visitor's trusted origin), or on APP_URL. */
export function upgradeUrl(env: Pick<Env, "APP_URL">, origin?: string): string {
  return `${origin ?? env.APP_URL}${UPGRADE_URL_PATH}`;
}

function upgradeHint(env: Env, tier: TierName | undefined, origin?: string): string {
  return tier ? `Upgrade to the ${tier} plan at ${upgradeUrl(env, origin)} (owners can change the plan).` : "No plan accepts this; split the problem.";
}

/** Size and island limits: 402 when a higher tier would accept the job, 403 when none would. */
export function checkSizeLimits(env: Env, limits: TierLimits, input: Pick<AdmitJobInput, "size" | "islands" | "linkOrigin">): void {
  for (const [dimension, value] of Object.entries(input.size)) {
    if (!(dimension in limits.maxSize) || typeof value !== "number") continue;
    const max = limits.maxSize[dimension as SizeDimension];
    if (value <= max) continue;
    const upgradeTo = smallestTierAllowing(dimension as SizeDimension, value);
    throw new ApiError(
      upgradeTo ? 402 : 403,
      "size-limit",
      "Problem too large for your plan",
      `The problem has ${value} ${dimension}; the ${limits.tier} plan allows at most ${max}. ${upgradeHint(env, upgradeTo, input.linkOrigin)}`,
      { limit: `maxSize.${dimension}`, tier: limits.tier, max, actual: value, upgradeTo: upgradeTo ?? null, upgradeUrl: upgradeUrl(env, input.linkOrigin) },
    );
  }
  if (input.islands > Math.max(1, limits.islands)) {
    const upgradeTo = smallestTierWithIslands(input.islands);
    throw new ApiError(
      upgradeTo ? 402 : 403,
      "islands-limit",
      "Too many islands for your plan",
      `${input.islands} islands were requested; the ${limits.tier} plan allows ${limits.islands || "no"} islands. ${upgradeHint(env, upgradeTo, input.linkOrigin)}`,
      { limit: "islands", tier: limits.tier, max: limits.islands, actual: input.islands, upgradeTo: upgradeTo ?? null, upgradeUrl: upgradeUrl(env, input.linkOrigin) },
    );
  }
}

export function rateLimitHeaders(limit: number, remaining: number, resetSeconds: number, windowSeconds: number): Record<string, string> {
  return {
    "RateLimit-Limit": String(limit),
    "RateLimit-Remaining": String(Math.max(0, remaining)),
    "RateLimit-Reset": String(resetSeconds),
    "RateLimit-Policy": `${limit};w=${windowSeconds}`,
  };
}

/** Checks size limits, then takes a slot and a quota unit from the TenantGate, or throws. */
export async function admitJob(env: Env, input: AdmitJobInput): Promise<Admission> {
  const limits = await tierLimits(env, input.tenantId);
  checkSizeLimits(env, limits, input);
  const answer = await gateFor(env, input.tenantId).admit({
    jobId: input.jobId,
    concurrentJobs: limits.concurrentJobs,
    jobsPerDay: limits.jobsPerDay,
    leaseMs: input.leaseMs ?? DEFAULT_LEASE_MS,
  });
  if (!answer.ok) {
    const isQuota = answer.limit === "daily-quota";
    const headers = {
      "Retry-After": String(answer.retryAfterSeconds),
      ...rateLimitHeaders(answer.max, 0, answer.resetSeconds, isQuota ? 86_400 : answer.resetSeconds),
    };
    throw new ApiError(
      429,
      isQuota ? "quota-exceeded" : "concurrency-limit",
      isQuota ? "Daily job quota reached" : "Too many jobs running",
      isQuota
        ? `The ${limits.tier} plan allows ${answer.max} jobs per day (UTC); ${answer.used} were submitted today. ${upgradeHint(env, nextTier(limits.tier), input.linkOrigin)}`
        : `The ${limits.tier} plan runs ${answer.max} job(s) at once and ${answer.used} are active; retry when one ends. ${upgradeHint(env, nextTier(limits.tier), input.linkOrigin)}`,
      { limit: isQuota ? "jobsPerDay" : "concurrentJobs", tier: limits.tier, max: answer.max, used: answer.used, upgradeUrl: upgradeUrl(env, input.linkOrigin), headers },
    );
  }
  const secondsToMidnight = Math.ceil((Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1) - Date.now()) / 1000);
  return {
    limits,
    leaseExpiresAt: answer.leaseExpiresAt,
    headers: rateLimitHeaders(limits.jobsPerDay, limits.jobsPerDay - answer.usedToday, secondsToMidnight, 86_400),
  };
}

/** Extends the job's slot lease; `ok: false` means the lease lapsed and the slot was given away. */
export async function renewLease(env: Env, tenantId: string, jobId: string, leaseMs = DEFAULT_LEASE_MS) {
  return gateFor(env, tenantId).renew(jobId, leaseMs);
}

/** Gives the job's slot back when it ends in any state. Idempotent. `refundQuota`: the job was never created. */
export async function releaseJob(env: Env, tenantId: string, jobId: string, options: { refundQuota?: boolean } = {}): Promise<void> {
  await gateFor(env, tenantId).release(jobId, options.refundQuota ?? false);
}

function nextTier(tier: TierName): TierName | undefined {
  return tier === "free" ? "pro" : tier === "pro" ? "enterprise" : undefined;
}
