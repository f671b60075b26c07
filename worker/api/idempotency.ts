/**
 * `Idempotency-Key` as Stripe does it, for POST routes: the first response to a key (per tenant)
 * is stored and replayed for 24 h with `Idempotent-Replayed: true`; the same key with another
 * method, path or body is a 422; a key whose first request is still running is a 409.
 * 5xx and 429 answers are not stored, so a retry after them runs the request again.
 */
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { MiddlewareHandler } from "hono";
import { idempotencyKey } from "../db/schema";
import type { Env } from "../env";
import { ApiError } from "../http/problem";

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

async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
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

export function idempotency(): MiddlewareHandler<{ Bindings: Env }> {
  return async function idempotency(c, next) {
    const key = c.req.header("idempotency-key");
    const tenantId = c.get("tenantId");
    if (key === undefined || !tenantId) return next();
    if (key.length < 1 || key.length > 255) {
      throw new ApiError(422, "validation-error", "Validation failed", "Idempotency-Key must be 1–255 characters.", {
        errors: [{ path: "headers.idempotency-key", message: "must be 1–255 characters" }],
      });
    }
    const db = drizzle(c.env.DB);
    const hash = await requestHash(c.req.raw);
    const now = Date.now();
    const where = and(eq(idempotencyKey.tenantId, tenantId), eq(idempotencyKey.key, key));

    // Claim the key atomically; on conflict look at what the first request left behind.
    const claimed = await db.insert(idempotencyKey).values({ tenantId, key, requestHash: hash, createdAt: new Date(now) }).onConflictDoNothing().returning();
    if (!claimed.length) {
      const [row] = await db.select().from(idempotencyKey).where(where);
      const abandoned = row && (row.status === null || row.responseBody === null) && row.requestHash === hash && row.createdAt.getTime() < now - ABANDONED_CLAIM_MS;
      if (row && (row.createdAt.getTime() < now - IDEMPOTENCY_TTL_MS || abandoned)) {
        // Expired: the key is free again. Only one retry wins the re-claim.
        const reclaimed = await db
          .update(idempotencyKey)
          .set({ requestHash: hash, status: null, responseBody: null, createdAt: new Date(now) })
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
      await db.delete(idempotencyKey).where(and(where, eq(idempotencyKey.requestHash, hash))).catch(() => undefined);
      throw e;
    }
    const res = c.res;
    // The request's effect happened: failing to record its answer must not turn it into an error
    // (the client would retry a request that succeeded). The claim then stays "in progress".
    try {
      if (shouldStore(res.status)) {
        const stored: StoredResponse = { contentType: res.headers.get("content-type"), location: res.headers.get("location"), body: await res.clone().text() };
        await db.update(idempotencyKey).set({ status: res.status, responseBody: JSON.stringify(stored) }).where(and(where, eq(idempotencyKey.requestHash, hash)));
      } else {
        await db.delete(idempotencyKey).where(and(where, eq(idempotencyKey.requestHash, hash)));
      }
    } catch (e) {
      console.error(JSON.stringify({ level: "error", msg: "idempotency answer not stored", requestId: c.get("requestId"), tenantId, error: String(e) }));
    }
  };
}

function inUse(key: string): ApiError {
  return new ApiError(409, "idempotency-key-in-use", "Request in progress", `A request with Idempotency-Key "${key}" is still being processed; retry shortly.`, {
    headers: { "Retry-After": "1" },
  });
}
