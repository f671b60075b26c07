/**
 * Request-body guards: a size limit on every path (MAX_BODY_BYTES, default 8 MiB; smaller for
 * /api/auth and the Stripe webhook) and, for /v1, a content-type check for requests that carry a
 * body. Both answer problem+json.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./problem";

export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
/** better-auth's JSON bodies (sign-in, sign-up, password reset): a few hundred bytes in practice. */
export const AUTH_MAX_BODY_BYTES = 64 * 1024;
/** Stripe's signed events: Stripe documents payloads well under this. */
export const STRIPE_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The body cap for a path: /api/auth/* and the Stripe webhook get small fixed caps; everything else
 * (/v1, the Remix app's actions including uploads, /api/ops) MAX_BODY_BYTES (default 8 MiB).
 */
export function maxBodyBytesFor(path: string, env: { MAX_BODY_BYTES?: string } | undefined): number {
  if (path === "/api/auth" || path.startsWith("/api/auth/")) return AUTH_MAX_BODY_BYTES;
  if (path === "/api/billing/webhook" || path.startsWith("/api/billing/webhook/")) return STRIPE_WEBHOOK_MAX_BODY_BYTES;
  return Number(env?.MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES;
}

/**
 * 413 problem+json beyond the path's cap (maxBodyBytesFor). A declared Content-Length is checked
 * before reading; a streamed body without one is counted while read and cut at the cap (hono's
 * bodyLimit), so no request body is ever buffered beyond it. Mounted for every path (worker/app.ts).
 */
export function limitBodySize(): MiddlewareHandler {
  return async function limitBodySize(c, next) {
    const maxSize = maxBodyBytesFor(c.req.path, c.env);
    return bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError(413, "body-too-large", "Request body too large", `The body exceeds ${maxSize} bytes.`, {
          limitBytes: maxSize,
        });
      },
    })(c, next);
  };
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/** Rejects bodies that are neither JSON nor multipart (uploads) with 415. */
export function requireKnownContentType(allowed = ["application/json", "multipart/form-data"]): MiddlewareHandler {
  return async function requireKnownContentType(c, next) {
    if (BODY_METHODS.has(c.req.method)) {
      const hasBody = c.req.header("content-length") !== "0" && (c.req.raw.body !== null || c.req.header("content-length"));
      const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
      if (hasBody && type && !allowed.includes(type)) {
        throw new ApiError(415, "unsupported-media-type", "Unsupported media type", `Send ${allowed.join(" or ")}, not ${type}.`);
      }
      if (hasBody && !type && c.req.header("content-length") && c.req.header("content-length") !== "0") {
        throw new ApiError(415, "unsupported-media-type", "Unsupported media type", `Send ${allowed.join(" or ")} with a Content-Type header.`);
      }
    }
    await next();
  };
}

/** Parse a JSON body, answering 400 problem+json for malformed JSON. */
export async function readJson<T = unknown>(req: Request): Promise<T> {
  const text = await req.text();
  if (text.trim() === "") throw new ApiError(400, "malformed-json", "Malformed JSON", "The request body is empty; send a JSON document.");
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new ApiError(400, "malformed-json", "Malformed JSON", `The request body is not valid JSON: ${(e as Error).message}`);
  }
}
