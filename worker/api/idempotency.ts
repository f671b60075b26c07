/**
 * `Idempotency-Key` as Stripe does it, for POST routes: the first response to a key is stored and
 * replayed for 24 h with `Idempotent-Replayed: true`; the same key with another method, path or
 * body is a 422; a key whose first request is still running is a 409. 5xx and 429 answers are not
 * stored, so a retry after them runs the request again.
 *
 * This middleware runs before the routes' own role and scope checks, so a replay must not become a
 * way around them:
 * - records belong to the caller (tenant + API key or user): another caller with the same key runs
 *   its own request, and meets the route's checks;
 * - a replay needs at least the role and scopes the caller had when the answer was made (a demoted
 *   member or a narrowed caller gets 403);
 * - answers that carry a one-time secret (a webhook signing secret, a share or feed URL) are stored
 *   redacted and a replay answers 409 `secret-shown-once` (the secret is never kept in clear);
 * - `sweepIdempotencyKeys` (the daily cron, worker/index.ts) deletes records past the window.
 */
import { and, eq, lt } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Context, MiddlewareHandler } from "hono";
import { idempotencyKey } from "../db/schema";
import type { Env } from "../env";
import { ApiError } from "../http/problem";
import type { AuthContext } from "../http/vars";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * A claim with no stored answer this old was abandoned: its request failed and could not free
 * the key (e.g. D1 went down mid-request). It is free again, or a retry would see 409 for 24 h.
 */
export const ABANDONED_CLAIM_MS = 60_000;

interface StoredResponse {
  contentType: string | null;
  location: string | null;
  body: string;
}

async function sha256Hex(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Hash of what makes two requests "the same": method, path and body bytes. */
async function requestHash(req: Request): Promise<string> {
  const body = new Uint8Array(await req.clone().arrayBuffer());
  const head = new TextEncoder().encode(`${req.method} ${new URL(req.url).pathname}\n`);
  const all = new Uint8Array(head.length + body.length);
  all.set(head);
  all.set(body, head.length);
  return sha256Hex(all);
}

const shouldStore = (status: number) => status < 500 && status !== 429 && status !== 409;

/** Field names whose values are one-time secrets in our answers (webhook secrets, link URLs, keys, tokens). */
const SECRET_FIELDS = new Set(["secret", "token", "key", "url", "password"]);
/** Secret formats we issue, recognised anywhere in an answer even when a route forgot to mark it. */
const SECRET_PATTERN = /whsec_|evk_live_|shr_|\/v1\/(share|feeds)\//;

/**
 * Marks this request's answer as carrying a one-time secret: it is stored redacted and a replay
 * answers 409 `secret-shown-once`. Routes that return a secret call it (webhooks, links).
 */
export function markOneTimeSecret(c: Context): void {
  c.set("oneTimeSecret", true);
}

/** `value` with every secret-named field replaced by "[redacted]" (recursively). */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) && typeof v === "string" ? "[redacted]" : redactSecrets(v)]));
  }
  return typeof value === "string" && SECRET_PATTERN.test(value) ? "[redacted]" : value;
}

/** Who the record belongs to: the API key, or the signed-in user. */
export function callerOf(auth: AuthContext | undefined): string | undefined {
  if (auth?.apiKeyId) return `key:${auth.apiKeyId}`;
  if (auth?.userId) return `user:${auth.userId}`;
  return undefined;
}

const ROLE_RANK: Record<string, number> = { member: 1, admin: 2, owner: 3 };

/** Whether `now` holds every permission `then` held (same caller; roles only go down by demotion). */
export function keepsPermissions(then: { role: string; scopes: string[] } | null, now: AuthContext): boolean {
  if (!then) return false;
  if (then.scopes.some((s) => !now.scopes.includes(s))) return false;
  if (then.role in ROLE_RANK) return (ROLE_RANK[now.role] ?? 0) >= ROLE_RANK[then.role];
  return then.role === now.role;
}

/** Deletes records older than the replay window; returns how many. The daily cron calls it. */
export async function sweepIdempotencyKeys(env: Pick<Env, "DB">, now = new Date()): Promise<number> {
  const gone = await drizzle(env.DB)
    .delete(idempotencyKey)
    .where(lt(idempotencyKey.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)))
    .returning({ key: idempotencyKey.key });
  return gone.length;
}

export function idempotency(): MiddlewareHandler<{ Bindings: Env }> {
  return async function idempotency(c, next) {
    const key = c.req.header("idempotency-key");
    const tenantId = c.get("tenantId");
    const auth = c.get("auth");
    const caller = callerOf(auth);
    if (key === undefined || !tenantId || !auth || !caller) return next();
    if (key.length < 1 || key.length > 255) {
      throw new ApiError(422, "validation-error", "Validation failed", "Idempotency-Key must be 1–255 characters.", {
        errors: [{ path: "headers.idempotency-key", message: "must be 1–255 characters" }],
      });
    }
    const db = drizzle(c.env.DB);
    const hash = await requestHash(c.req.raw);
    const now = Date.now();
    const where = and(eq(idempotencyKey.tenantId, tenantId), eq(idempotencyKey.caller, caller), eq(idempotencyKey.key, key));
    const permissions = { role: auth.role, scopes: [...auth.scopes] };

    // Claim the key atomically; on conflict look at what the first request left behind.
    const claimed = await db
      .insert(idempotencyKey)
      .values({ tenantId, caller, key, requestHash: hash, permissions, createdAt: new Date(now) })
      .onConflictDoNothing()
      .returning();
    if (!claimed.length) {
      const [row] = await db.select().from(idempotencyKey).where(where);
      const abandoned = row && (row.status === null || row.responseBody === null) && row.requestHash === hash && row.createdAt.getTime() < now - ABANDONED_CLAIM_MS;
      if (row && (row.createdAt.getTime() < now - IDEMPOTENCY_TTL_MS || abandoned)) {
        // Expired: the key is free again. Only one retry wins the re-claim.
        const reclaimed = await db
          .update(idempotencyKey)
          .set({ requestHash: hash, permissions, status: null, responseBody: null, secret: false, createdAt: new Date(now) })
          .where(and(where, eq(idempotencyKey.createdAt, row.createdAt)))
          .returning();
        if (!reclaimed.length) throw inUse(key);
      } else if (row) {
        if (row.requestHash !== hash) {
          throw new ApiError(422, "idempotency-key-reused", "Idempotency key reused", `The Idempotency-Key "${key}" was used with a different request; use a new key for a new request.`, {
            errors: [{ path: "headers.idempotency-key", message: "already used with a different method, path or body" }],
          });
        }
        if (row.status === null || row.responseBody === null) throw inUse(key);
        // The route's own checks do not run on a replay: the caller must still hold what they held then.
        if (!keepsPermissions(row.permissions ?? null, auth)) {
          throw new ApiError(403, "forbidden", "Forbidden", "Your role or scopes changed since this request was first answered; it cannot be replayed.");
        }
        if (row.secret) throw secretShownOnce(key);
        const stored = JSON.parse(row.responseBody) as StoredResponse;
        const headers = new Headers({ "idempotent-replayed": "true" });
        if (stored.contentType) headers.set("content-type", stored.contentType);
        if (stored.location) headers.set("location", stored.location);
        return c.body(stored.body, row.status as 200, Object.fromEntries(headers));
      }
    }

    try {
      await next();
    } catch (e) {
      // Errors become responses in onError later; free the key so a retry can run again. If D1
      // is down the key stays claimed and frees itself after ABANDONED_CLAIM_MS; the original
      // error (a 503 for an outage) is the one to answer.
      await db
        .delete(idempotencyKey)
        .where(and(where, eq(idempotencyKey.requestHash, hash)))
        .catch(() => undefined);
      throw e;
    }
    const res = c.res;
    // The request's effect happened: failing to record its answer must not turn it into an error
    // (the client would retry a request that succeeded). The claim then stays "in progress".
    try {
      if (shouldStore(res.status)) {
        const text = await res.clone().text();
        const secret = c.get("oneTimeSecret") === true || SECRET_PATTERN.test(text);
        const stored: StoredResponse = { contentType: res.headers.get("content-type"), location: res.headers.get("location"), body: secret ? redactedBody(text) : text };
        await db
          .update(idempotencyKey)
          .set({ status: res.status, responseBody: JSON.stringify(stored), secret })
          .where(and(where, eq(idempotencyKey.requestHash, hash)));
      } else {
        await db.delete(idempotencyKey).where(and(where, eq(idempotencyKey.requestHash, hash)));
      }
    } catch (e) {
      console.error(JSON.stringify({ level: "error", msg: "idempotency answer not stored", requestId: c.get("requestId"), tenantId, error: String(e) }));
    }
  };
}

/** The stored form of a secret-bearing answer: JSON with secrets redacted, or nothing at all. */
function redactedBody(text: string): string {
  try {
    return JSON.stringify(redactSecrets(JSON.parse(text)));
  } catch {
    return "";
  }
}

function secretShownOnce(key: string): ApiError {
  return new ApiError(
    409,
    "secret-shown-once",
    "Secret shown once",
    `The first answer to Idempotency-Key "${key}" carried a secret, which is shown only once and is not kept; the request is not run again. If the secret was lost, rotate it (or create a new link) with a new key.`,
    { headers: { "Idempotent-Replayed": "true" } },
  );
}

function inUse(key: string): ApiError {
  return new ApiError(409, "idempotency-key-in-use", "Request in progress", `A request with Idempotency-Key "${key}" is still being processed; retry shortly.`, {
    headers: { "Retry-After": "1" },
  });
}
