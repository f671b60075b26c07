/**
 * Rate limits of the /v1 paths anyone may call without credentials (PUBLIC_PATHS in
 * worker/auth/authenticate.ts: health, the API reference, calendar feeds, share links), per client
 * IP. Counted by the TenantGate Durable Object's fixed-window `hit` (worker/tenancy/tenant-gate.ts),
 * one object per client (`client:<ip>`, as the failed-API-key limiter does). Beyond the limit:
 * 429 problem+json with Retry-After and RateLimit-* headers.
 */
import type { MiddlewareHandler } from "hono";
import type { Env } from "../env";
import { PUBLIC_PATHS } from "../auth/authenticate";
import { rateLimitHeaders } from "../tenancy/admission";
import { ApiError } from "./problem";

export interface PublicRateLimit {
  /** The bucket's name in the client's TenantGate. */
  bucket: string;
  limit: number;
  windowMs: number;
}

/**
 * Share-link exports render (and store) a file on a cache miss, so they get the smallest budget;
 * every other public path the general one.
 */
export const PUBLIC_RATE_LIMITS = {
  shareExports: { bucket: "public:share-exports", limit: 30, windowMs: 60_000 },
  public: { bucket: "public", limit: 120, windowMs: 60_000 },
} satisfies Record<string, PublicRateLimit>;

/** Which budget a public path counts against (null: not a public path). */
export function publicRateLimitFor(path: string): PublicRateLimit | null {
  if (!PUBLIC_PATHS.some((p) => path === p || path.startsWith(`${p}/`))) return null;
  if (/^\/v1\/share\/[^/]+\/exports(\/|$)/.test(path)) return PUBLIC_RATE_LIMITS.shareExports;
  return PUBLIC_RATE_LIMITS.public;
}

/**
 * The client's address. Only Cloudflare's `cf-connecting-ip` is trusted (set by the edge, not by
 * the client); without it (local tools) every caller shares one bucket.
 */
export function clientIp(headers: Headers): string {
  return headers.get("cf-connecting-ip") ?? "unknown";
}

export function publicRateLimit(): MiddlewareHandler<{ Bindings: Env }> {
  return async function publicRateLimit(c, next) {
    const rule = c.req.method === "OPTIONS" ? null : publicRateLimitFor(c.req.path);
    if (!rule) return next();
    const gate = c.env.TENANT_GATE.get(c.env.TENANT_GATE.idFromName(`client:${clientIp(c.req.raw.headers)}`));
    const answer = await gate.hit(rule.bucket, rule.limit, rule.windowMs);
    const headers = rateLimitHeaders(answer.limit, answer.remaining, answer.resetSeconds, rule.windowMs / 1000);
    if (!answer.ok) {
      throw new ApiError(429, "rate-limited", "Too many requests", `At most ${rule.limit} requests per ${rule.windowMs / 1000} s from one client on this path; retry in ${answer.resetSeconds} s.`, {
        limit: rule.bucket,
        max: rule.limit,
        headers: { "Retry-After": String(answer.resetSeconds), ...headers },
      });
    }
    await next();
    for (const [name, value] of Object.entries(headers)) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  };
}
