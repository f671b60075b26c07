/**
 * TenantGate: one Durable Object per tenant, the single writer for its concurrency slots,
 * daily quota and request rate (docs/architecture.md §5). Each RPC method runs to completion against the
 * object's synchronous SQLite storage without awaiting anything else, so two simultaneous
 * submissions are serialized: they can never both take the last slot.
 *
 * Slots are leases: `admit` grants one until `now + leaseMs`, the running job renews it, and an
 * expired lease is dropped the next time anyone asks — a runner that vanished frees its slot.
 * Limits come from the caller (read from the tenant's tier), so a plan change applies at once.
 *
 * The same class also serves non-tenant buckets (e.g. `client:<ip>` for failed API-key attempts)
 * through the generic `hit` rate limiter.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

export interface AdmitRequest {
  jobId: string;
  concurrentJobs: number;
  jobsPerDay: number;
  leaseMs: number;
  now?: number;
}

export type AdmitAnswer =
  | { ok: true; leaseExpiresAt: number; active: number; usedToday: number; alreadyAdmitted: boolean }
  | {
      ok: false;
      limit: "concurrency" | "daily-quota";
      /** The limit's size (slots or jobs per day), used or in use, and when it frees up. */
      max: number;
      used: number;
      retryAfterSeconds: number;
      resetSeconds: number;
    };

export interface RateAnswer {
  ok: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export interface GateStatus {
  leases: { jobId: string; expiresAt: number }[];
  day: string;
  usedToday: number;
}

const DAY_MS = 86_400_000;

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function secondsUntilNextUtcDay(now: number): number {
  return Math.max(1, Math.ceil((Math.floor(now / DAY_MS + 1) * DAY_MS - now) / 1000));
}

export class TenantGate extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    // The object's private storage schema (not D1): created once per object, idempotently.
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS lease (job_id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS admitted (day TEXT NOT NULL, job_id TEXT NOT NULL, PRIMARY KEY (day, job_id));
      CREATE TABLE IF NOT EXISTS rate (bucket TEXT PRIMARY KEY, window_start INTEGER NOT NULL, count INTEGER NOT NULL);
    `);
  }

  async ping(): Promise<string> {
    return "pong";
  }

  /** Takes a concurrency slot and a daily-quota unit for `jobId`, or says which limit refused. */
  async admit(req: AdmitRequest): Promise<AdmitAnswer> {
    const now = req.now ?? Date.now();
    const day = utcDay(now);
    this.dropExpired(now);
    this.sql.exec("DELETE FROM admitted WHERE day <> ?", day);

    const usedToday = this.count("SELECT count(*) AS n FROM admitted WHERE day = ?", day);
    const active = this.count("SELECT count(*) AS n FROM lease");
    const existing = this.sql.exec<{ expires_at: number }>("SELECT expires_at FROM lease WHERE job_id = ?", req.jobId).toArray()[0];
    if (existing) {
      // A retried submission of the same job keeps its slot and costs nothing more.
      return { ok: true, leaseExpiresAt: existing.expires_at, active, usedToday, alreadyAdmitted: true };
    }
    const alreadyCounted = this.count("SELECT count(*) AS n FROM admitted WHERE day = ? AND job_id = ?", day, req.jobId) > 0;

    if (!alreadyCounted && usedToday >= req.jobsPerDay) {
      const reset = secondsUntilNextUtcDay(now);
      return { ok: false, limit: "daily-quota", max: req.jobsPerDay, used: usedToday, retryAfterSeconds: reset, resetSeconds: reset };
    }
    if (active >= req.concurrentJobs) {
      const soonest = this.sql.exec<{ t: number }>("SELECT min(expires_at) AS t FROM lease").one().t;
      // A slot frees when a job ends (unknown) or, at the latest, when its lease lapses.
      const retry = Math.max(1, Math.min(60, Math.ceil((soonest - now) / 1000)));
      return { ok: false, limit: "concurrency", max: req.concurrentJobs, used: active, retryAfterSeconds: retry, resetSeconds: retry };
    }
    const leaseExpiresAt = now + req.leaseMs;
    this.sql.exec("INSERT INTO lease (job_id, expires_at) VALUES (?, ?)", req.jobId, leaseExpiresAt);
    if (!alreadyCounted) this.sql.exec("INSERT INTO admitted (day, job_id) VALUES (?, ?)", day, req.jobId);
    return { ok: true, leaseExpiresAt, active: active + 1, usedToday: alreadyCounted ? usedToday : usedToday + 1, alreadyAdmitted: false };
  }

  /** Extends a live lease; false when the lease is unknown or already lapsed (the slot is gone). */
  async renew(jobId: string, leaseMs: number, now = Date.now()): Promise<{ ok: boolean; leaseExpiresAt?: number }> {
    this.dropExpired(now);
    const expiresAt = now + leaseMs;
    const changed = this.sql.exec("UPDATE lease SET expires_at = ? WHERE job_id = ?", expiresAt, jobId).rowsWritten;
    return changed > 0 ? { ok: true, leaseExpiresAt: expiresAt } : { ok: false };
  }

  /**
   * Gives the slot back. Idempotent: releasing twice, or after expiry, is fine. `refundQuota`
   * also returns today's quota unit — for a job that was never created (its setup failed and the
   * client will retry), so an outage does not eat the tenant's daily quota.
   */
  async release(jobId: string, refundQuota = false): Promise<{ released: boolean }> {
    const changed = this.sql.exec("DELETE FROM lease WHERE job_id = ?", jobId).rowsWritten;
    if (refundQuota) this.sql.exec("DELETE FROM admitted WHERE job_id = ?", jobId);
    return { released: changed > 0 };
  }

  /** Fixed-window counter: counts one hit on `bucket` and says whether it was within `limit`. */
  async hit(bucket: string, limit: number, windowMs: number, now = Date.now()): Promise<RateAnswer> {
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const row = this.sql.exec<{ window_start: number; count: number }>("SELECT window_start, count FROM rate WHERE bucket = ?", bucket).toArray()[0];
    const count = row && row.window_start === windowStart ? row.count + 1 : 1;
    this.sql.exec(
      "INSERT INTO rate (bucket, window_start, count) VALUES (?, ?, ?) ON CONFLICT(bucket) DO UPDATE SET window_start = excluded.window_start, count = excluded.count",
      bucket,
      windowStart,
      count,
    );
    const resetSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    return { ok: count <= limit, limit, remaining: Math.max(0, limit - count), resetSeconds };
  }

  /**
   * Counter whose window opens at the bucket's first hit (not at a clock boundary), so a burst that
   * starts fresh is always judged inside one window. Used by the sign-in / sign-up / reset /
   * invitation limits (worker/auth/abuse-limits.ts), one object per IP or account.
   */
  async hitFromFirst(bucket: string, limit: number, windowMs: number, now = Date.now()): Promise<RateAnswer> {
    const row = this.sql.exec<{ window_start: number; count: number }>("SELECT window_start, count FROM rate WHERE bucket = ?", bucket).toArray()[0];
    const fresh = !row || now >= row.window_start + windowMs || now < row.window_start;
    const windowStart = fresh ? now : row.window_start;
    const count = fresh ? 1 : row.count + 1;
    this.sql.exec(
      "INSERT INTO rate (bucket, window_start, count) VALUES (?, ?, ?) ON CONFLICT(bucket) DO UPDATE SET window_start = excluded.window_start, count = excluded.count",
      bucket,
      windowStart,
      count,
    );
    const resetSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    return { ok: count <= limit, limit, remaining: Math.max(0, limit - count), resetSeconds };
  }

  /** Current leases and today's count (for the usage page and tests). */
  async status(now = Date.now()): Promise<GateStatus> {
    this.dropExpired(now);
    const day = utcDay(now);
    const leases = this.sql
      .exec<{ job_id: string; expires_at: number }>("SELECT job_id, expires_at FROM lease ORDER BY expires_at")
      .toArray()
      .map((r) => ({ jobId: r.job_id, expiresAt: r.expires_at }));
    return { leases, day, usedToday: this.count("SELECT count(*) AS n FROM admitted WHERE day = ?", day) };
  }

  private dropExpired(now: number) {
    this.sql.exec("DELETE FROM lease WHERE expires_at <= ?", now);
  }

  private count(query: string, ...params: unknown[]): number {
    return Number(this.sql.exec<{ n: number }>(query, ...params).one().n);
  }
}
