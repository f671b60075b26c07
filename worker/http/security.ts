/**
 * Browser-facing protections (threat model: docs/threat-model.md):
 * - `securityHeaders`: HSTS, nosniff, frame denial, referrer policy, a CSP for the web app, and
 *   `no-store` on every /v1 and /api answer (they can carry secrets such as a new API key).
 * - `apiCors`: /v1 is callable cross-origin with an API key, never with the session cookie
 *   (no credentials are allowed, so a foreign page cannot ride a signed-in user's session).
 * - `csrfGuard`: a cookie-authenticated mutation must come from our own origin.
 */
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { ApiError } from "./problem";

const CSP = [
  "default-src 'self'",
  // Remix hydration data and the route manifest are inline scripts.
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self' https://checkout.stripe.com https://billing.stripe.com",
  "frame-ancestors 'none'",
].join("; ");

export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next();
    const h = c.res.headers;
    h.set("x-content-type-options", "nosniff");
    h.set("referrer-policy", "strict-origin-when-cross-origin");
    h.set("x-frame-options", "DENY");
    h.set("strict-transport-security", "max-age=31536000; includeSubDomains");
    h.set("cross-origin-opener-policy", "same-origin");
    h.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
    const path = c.req.path;
    if (path.startsWith("/v1/") || path.startsWith("/api/")) {
      if (!h.has("cache-control")) h.set("cache-control", "no-store");
    }
    if ((h.get("content-type") ?? "").startsWith("text/html") && !h.has("content-security-policy")) {
      h.set("content-security-policy", CSP);
    }
  };
}

export function apiCors(): MiddlewareHandler {
  return cors({
    origin: "*",
    credentials: false,
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID", "X-Request-Id"],
    exposeHeaders: ["X-Request-Id", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy", "Location"],
    maxAge: 600,
  });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Rejects state-changing requests that carry a session cookie but come from another site.
 * API-key requests (Authorization header, no cookie) are not exposed to CSRF and pass.
 */
export function csrfGuard(): MiddlewareHandler {
  return async function csrfGuard(c, next) {
    if (!SAFE_METHODS.has(c.req.method) && c.req.header("cookie") && !c.req.header("authorization")) {
      const own = new URL(c.req.url).origin;
      const origin = c.req.header("origin");
      const site = c.req.header("sec-fetch-site");
      const sameOrigin = origin ? origin === own || origin === c.env?.APP_URL : site === "same-origin" || site === "none";
      if (!sameOrigin) {
        throw new ApiError(403, "cross-site-request", "Cross-site request refused", "Cookie-authenticated changes must come from the Evolve web app itself; API clients use an API key.");
      }
    }
    await next();
  };
}

/** Is `origin` this Worker's own (the request URL's origin or APP_URL's)? */
export function isOwnOrigin(origin: string, requestUrl: string, appUrl: string | undefined): boolean {
  if (origin === new URL(requestUrl).origin) return true;
  try {
    return !!appUrl && origin === new URL(appUrl).origin;
  } catch {
    return false;
  }
}

/**
 * CSRF protection of the Remix app's actions beyond SameSite=Lax, with or without a session (a
 * cross-site POST to /sign-in would sign the victim into the attacker's account): a state-changing
 * request must carry our own Origin. Browsers send Origin on every POST; without it, a
 * Sec-Fetch-Site other than same-origin / none also refuses. A request with neither header is not
 * from a browser (no CSRF without a browser) and passes. Mounted for paths outside /v1 and /api.
 */
export function webOriginGuard(): MiddlewareHandler {
  return async function webOriginGuard(c, next) {
    const path = c.req.path;
    const isWebApp = !(path === "/v1" || path.startsWith("/v1/") || path === "/api" || path.startsWith("/api/"));
    if (isWebApp && !SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      const site = c.req.header("sec-fetch-site");
      const allowed = origin !== undefined ? isOwnOrigin(origin, c.req.url, c.env?.APP_URL) : site === undefined || site === "same-origin" || site === "none";
      if (!allowed) {
        throw new ApiError(403, "cross-site-request", "Cross-site request refused", "Forms of the Evolve web app can only be submitted from the web app itself.");
      }
    }
    await next();
  };
}
