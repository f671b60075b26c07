// Tiers, admission (slots, quota, sizes, leases), API rate limits, usage and retention — against
// the real TenantGate Durable Object and local D1/R2 inside workerd.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, onTestFinished } from "vitest";
import worker from "../index";
import { ApiError } from "../http/problem";
import { admitJob, gateFor, releaseJob, renewLease, tierLimits } from "./admission";
import { jobPrefix } from "./retention";
import { TIERS } from "./tiers";
import { recordUsage, utcDayOf } from "./usage";
import { bearer, call, createTenant, freshMinuteClock, insertJobRow, signUpTenant } from "../test/fixtures";

const newTenant = () => `org_test_${crypto.randomUUID().replaceAll("-", "")}`;
const newJob = () => `job_${crypto.randomUUID().replaceAll("-", "")}`;

async function setSubscription(tenantId: string, tier: string, status: string, graceUntil: number | null = null) {
  await env.DB.prepare(
    "INSERT INTO subscription (tenant_id, tier, status, grace_until) VALUES (?, ?, ?, ?) ON CONFLICT(tenant_id) DO UPDATE SET tier = excluded.tier, status = excluded.status, grace_until = excluded.grace_until",
  )
    .bind(tenantId, tier, status, graceUntil)
    .run();
}

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => undefined,
    (e) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

const admit = (tenantId: string, jobId = newJob(), extra: Partial<Parameters<typeof admitJob>[1]> = {}) => admitJob(env, { tenantId, jobId, kind: "tsp", size: { cities: 50 }, islands: 1, ...extra });

describe("tiers as data", () => {
  it("free / pro / enterprise carry every limit the issue names", () => {
    expect(TIERS.free).toMatchObject({ jobsPerDay: 5, concurrentJobs: 1, computeSecondsPerJob: 60, islands: 0, retentionDays: 7, apiRequestsPerMinute: 60 });
    expect(TIERS.free.maxSize).toEqual({ lectures: 200, cities: 200, dimensions: 30, population: 100, elements: 200, activities: 300, hours: 600 });
    expect(TIERS.pro).toMatchObject({ jobsPerDay: 500, concurrentJobs: 5, computeSecondsPerJob: 1800, islands: 4, retentionDays: 90, apiRequestsPerMinute: 600 });
    expect(TIERS.enterprise).toMatchObject({ jobsPerDay: 10000, concurrentJobs: 25, islands: 16, priority: "high", retentionDays: 365, apiRequestsPerMinute: 3000 });
  });

  it("tierLimits follows the subscription state (paid while active, during grace; free otherwise)", async () => {
    const t = newTenant();
    expect((await tierLimits(env, t)).tier).toBe("free");
    await setSubscription(t, "pro", "active");
    expect((await tierLimits(env, t)).tier).toBe("pro");
    // past_due without Stripe's next retry: 7 days from the event that recorded it, never forever
    // (worker/tenancy/effective-tier.ts PAST_DUE_DEFAULT_GRACE_MS).
    const recordedPastDue = (secondsAgo: number) =>
      env.DB.prepare("UPDATE subscription SET stripe_updated_at = ? WHERE tenant_id = ?")
        .bind(Math.floor(Date.now() / 1000) - secondsAgo, t)
        .run();
    await setSubscription(t, "pro", "past_due", null);
    await recordedPastDue(86_400);
    expect((await tierLimits(env, t)).tier).toBe("pro");
    await recordedPastDue(8 * 86_400);
    expect((await tierLimits(env, t)).tier).toBe("free");
    await setSubscription(t, "pro", "past_due", Date.now() + 3600_000);
    expect((await tierLimits(env, t)).tier).toBe("pro");
    await setSubscription(t, "pro", "past_due", Date.now() - 1000);
    expect((await tierLimits(env, t)).tier).toBe("free");
    await setSubscription(t, "enterprise", "unpaid");
    expect((await tierLimits(env, t)).tier).toBe("free");
    await setSubscription(t, "enterprise", "trialing");
    expect((await tierLimits(env, t)).tier).toBe("enterprise");
  });
});

describe("admission through TenantGate", () => {
  it("two simultaneous submissions cannot both take the last slot", async () => {
    const t = newTenant(); // free: one concurrent job
    const results = await Promise.allSettled([admit(t), admit(t)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    const err = refused.reason as ApiError;
    expect(err.status).toBe(429);
    expect(err.type).toBe("concurrency-limit");
    expect(err.extra).toMatchObject({ limit: "concurrentJobs", tier: "free", max: 1 });
    expect(Number(err.extra.headers!["Retry-After"])).toBeGreaterThan(0);
    expect(err.extra.headers!["RateLimit-Limit"]).toBe("1");
    expect(err.extra.headers!["RateLimit-Remaining"]).toBe("0");
  });

  it("a burst of 12 against a pro tenant's 5 slots admits exactly 5", async () => {
    const t = newTenant();
    await setSubscription(t, "pro", "active");
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => admit(t)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    for (const r of results.filter((r) => r.status === "rejected") as PromiseRejectedResult[]) expect((r.reason as ApiError).type).toBe("concurrency-limit");
  });

  it("releasing frees the slot (idempotently); retrying the same job id costs no quota", async () => {
    const t = newTenant();
    const job = newJob();
    await admit(t, job);
    const again = await admit(t, job); // a retried submission keeps its slot
    expect(again.leaseExpiresAt).toBeGreaterThan(Date.now());
    expect((await refusal(admit(t))).type).toBe("concurrency-limit");
    await releaseJob(env, t, job);
    await releaseJob(env, t, job);
    await admit(t);
  });

  it("the daily quota refuses the 6th free job with 429, Retry-After until UTC midnight", async () => {
    const t = newTenant();
    for (let i = 0; i < 5; i++) {
      const id = newJob();
      const a = await admit(t, id);
      expect(a.headers["RateLimit-Remaining"]).toBe(String(4 - i));
      await releaseJob(env, t, id);
    }
    const err = await refusal(admit(t));
    expect(err.status).toBe(429);
    expect(err.type).toBe("quota-exceeded");
    expect(err.message).toContain("5 jobs per day");
    const retry = Number(err.extra.headers!["Retry-After"]);
    const midnight = Math.ceil((Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1) - Date.now()) / 1000);
    expect(Math.abs(retry - midnight)).toBeLessThanOrEqual(2);
    expect(err.extra.headers!["RateLimit-Policy"]).toBe("5;w=86400");
  });

  it("a lease that is not renewed lapses, so a vanished runner cannot hold the slot", async () => {
    const t = newTenant();
    const job = newJob();
    const leaseMs = 60_000;
    await admit(t, job, { leaseMs });
    expect((await refusal(admit(t))).type).toBe("concurrency-limit");
    const renewed = await renewLease(env, t, job, leaseMs);
    expect(renewed.ok).toBe(true);
    // The lease then runs out: the gate is asked at a time just past its end (its clock is a parameter),
    // so the test does not depend on how fast a loaded machine gets from one call to the next.
    const lapsedAt = (renewed.leaseExpiresAt ?? 0) + 1;
    expect((await gateFor(env, t).renew(job, leaseMs, lapsedAt)).ok).toBe(false); // lapsed: the runner learns it lost the slot
    await admit(t); // the slot is free again
  });

  it("size and island limits answer 402 naming the limit, tier and upgrade, or 403 when no plan fits", async () => {
    const t = newTenant();
    const tooBig = await refusal(admit(t, newJob(), { kind: "timetabling", size: { lectures: 500 } }));
    expect(tooBig.status).toBe(402);
    expect(tooBig.type).toBe("size-limit");
    expect(tooBig.extra).toMatchObject({ limit: "maxSize.lectures", tier: "free", max: 200, actual: 500, upgradeTo: "pro" });
    expect(tooBig.message).toMatch(/free plan allows at most 200.*Upgrade to the pro plan/);
    const huge = await refusal(admit(t, newJob(), { size: { cities: 50_000 } }));
    expect(huge.status).toBe(403);
    expect(huge.extra).toMatchObject({ limit: "maxSize.cities", upgradeTo: null });
    const islands = await refusal(admit(t, newJob(), { islands: 4 }));
    expect(islands.status).toBe(402);
    expect(islands.extra).toMatchObject({ limit: "islands", tier: "free", upgradeTo: "pro" });
    // Refused by size: no slot or quota was consumed.
    await admit(t);
  });
});

describe("API rate limit per tenant", () => {
  it("the free tier's 61st request in a minute gets 429 with Retry-After and RateLimit-*", async () => {
    onTestFinished(freshMinuteClock()); // 61 requests must fall inside one fixed window
    const t = await signUpTenant();
    let last: Response | undefined;
    let ok = 0;
    for (let i = 0; i < 61; i++) {
      last = await call("/v1/usage", { headers: bearer(t.apiKey) });
      if (last.status === 200) ok++;
      else break;
    }
    // signUpTenant itself made 2 authenticated calls in this minute.
    expect(ok).toBe(58);
    expect(last!.status).toBe(429);
    const body = await last!.json<any>();
    expect(body.type).toContain("rate-limited");
    expect(body).toMatchObject({ limit: "apiRequestsPerMinute", tier: "free", max: 60 });
    expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(last!.headers.get("RateLimit-Limit")).toBe("60");
    expect(last!.headers.get("RateLimit-Remaining")).toBe("0");
  });
});

describe("usage meter", () => {
  it("recordUsage upserts today's row and GET /v1/usage reports it with the limits", async () => {
    const t = await createTenant();
    await recordUsage(env, t.tenantId, { jobs: 1, computeMs: 1500 });
    await Promise.all([recordUsage(env, t.tenantId, { jobs: 1, computeMs: 500, storageBytes: 2048 }), recordUsage(env, t.tenantId, { computeMs: 1 })]);
    const row = await env.DB.prepare("SELECT * FROM usage WHERE tenant_id = ? AND day = ?").bind(t.tenantId, utcDayOf()).first<any>();
    expect(row).toMatchObject({ jobs: 2, compute_ms: 2001, storage_bytes: 2048 });
    const res = await call("/v1/usage", { headers: bearer(t.apiKey) });
    const body = await res.json<any>();
    expect(body.totals).toMatchObject({ jobs: 2, computeMs: 2001, storageBytes: 2048 });
    expect(body.totals.apiRequests).toBeGreaterThanOrEqual(1);
    expect(body.limits.jobsPerDay).toBe(5);
    expect(body.storageBytes).toBe(2048);
  });
});

describe("retention", () => {
  it("the scheduled handler deletes expired jobs from R2 and D1 and keeps the rest", async () => {
    const t = newTenant();
    const old = await insertJobRow(t, { expiresAt: Date.now() - 1000 });
    const fresh = await insertJobRow(t, { expiresAt: Date.now() + 86_400_000 });
    const running = await insertJobRow(t, { state: "running" });
    // Finished 8 days ago without an expiry stamp: the free tier keeps 7 days, so it goes too.
    const unstamped = await insertJobRow(t);
    await env.DB.prepare("UPDATE job SET finished_at = ? WHERE id = ?")
      .bind(Date.now() - 8 * 86_400_000, unstamped)
      .run();
    // Finished yesterday without a stamp: stamped with finished_at + 7 days and kept.
    const recent = await insertJobRow(t);
    await env.DB.prepare("UPDATE job SET finished_at = ? WHERE id = ?")
      .bind(Date.now() - 86_400_000, recent)
      .run();
    for (const id of [old, fresh, running]) {
      await env.BLOBS.put(`${jobPrefix(t, id)}input.json`, "{}");
      await env.BLOBS.put(`${jobPrefix(t, id)}exports/result.csv`, "a,b\n");
    }
    await recordUsage(env, t, { storageBytes: 100 });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "17 3 * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    const ids = (await env.DB.prepare("SELECT id FROM job WHERE tenant_id = ?").bind(t).all<{ id: string }>()).results.map((r) => r.id);
    expect(ids.sort()).toEqual([fresh, running, recent].sort());
    const stamped = await env.DB.prepare("SELECT finished_at, expires_at FROM job WHERE id = ?").bind(recent).first<any>();
    expect(stamped.expires_at - stamped.finished_at).toBe(7 * 86_400_000);
    expect((await env.BLOBS.list({ prefix: jobPrefix(t, old) })).objects).toHaveLength(0);
    expect((await env.BLOBS.list({ prefix: jobPrefix(t, fresh) })).objects).toHaveLength(2);
    expect((await env.BLOBS.list({ prefix: jobPrefix(t, running) })).objects).toHaveLength(2);
    // The freed bytes leave the storage meter.
    const stored = await env.DB.prepare("SELECT sum(storage_bytes) AS b FROM usage WHERE tenant_id = ?").bind(t).first<{ b: number }>();
    expect(stored!.b).toBe(100 - 6);
  });
});
