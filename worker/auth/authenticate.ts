/**
 * Who is calling /v1 (docs/decisions/001-platform-seams.md): a session cookie from the web app,
 * or `Authorization: Bearer evk_live_…`. Sets `c.get("auth")` plus the `tenantId` / `userId` /
 * `apiKeyId` shorthands, applies the tenant's API rate limit (TenantGate, RateLimit-* headers),
 * and answers 401 problem+json otherwise. Remix loaders use `requireUserSession`.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { Env } from "../env";
import type { AuthContext } from "../http/vars";
import { ApiError } from "../http/problem";
import { gateFor, rateLimitHeaders, tierLimits, upgradeUrl } from "../tenancy/admission";
import { recordUsage } from "../tenancy/usage";
import { verifyApiKey } from "../api-keys/service";
import { getAuth } from "./auth";
import { linkOrigin } from "./dev-origins";
import { firstTenantOf, membershipRole, type MemberRole } from "../tenancy/tenants";

/** Paths under /v1 that answer without credentials: health, the API description, and token links (calendar feeds, share links). */
export const PUBLIC_PATHS = ["/v1/health", "/v1/openapi.json", "/v1/docs", "/v1/feeds", "/v1/share"];

/** Failed API-key attempts allowed per client (IP) per minute before 429s. */
export const AUTH_FAILURES_PER_MINUTE = 10;

const SCOPES_BY_ROLE: Record<MemberRole, string[]> = {
  owner: ["jobs:read", "jobs:write", "admin"],
  admin: ["jobs:read", "jobs:write", "admin"],
  member: ["jobs:read", "jobs:write"],
};

function unauthorized(): ApiError {
  // One answer for every failure: no hint whether the key was unknown, revoked or expired.
  return new ApiError(401, "unauthorized", "Authentication required", "Send a valid API key as `Authorization: Bearer evk_live_…` or sign in.", {
    headers: { "WWW-Authenticate": 'Bearer realm="evolve"' },
  });
}

function isPublic(path: string): boolean {
  return PUBLIC_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

function hasSessionCookie(cookie: string | undefined): boolean {
  return !!cookie && /(^|;\s*)(__Secure-)?evolve\.session_token=/.test(cookie);
}

function clientAddress(headers: Headers): string {
  return headers.get("cf-connecting-ip") ?? headers.get("x-real-ip") ?? "unknown";
}

/**
 * The AuthContext of a signed-in user's session, or undefined when there is no valid session.
 * `onSetCookie` receives better-auth's refreshed session cookies (sliding expiry), if any.
 */
export async function sessionAuthContext(env: Env, headers: Headers, onSetCookie?: (cookies: string[]) => void): Promise<AuthContext | undefined> {
  const { headers: answerHeaders, response: session } = await getAuth(env).api.getSession({ headers, returnHeaders: true });
  // workerd's Headers has getSetCookie(); typed loosely because the web project checks this file
  // against the DOM's Headers type too.
  const cookies = (answerHeaders as { getSetCookie?: () => string[] } | null | undefined)?.getSetCookie?.() ?? [];
  if (onSetCookie && cookies.length > 0) onSetCookie(cookies);
  if (!session) return undefined;
  const userId = session.user.id;
  const active = (session.session as { activeOrganizationId?: string | null }).activeOrganizationId;
  let tenantId = active ?? undefined;
  let role = tenantId ? await membershipRole(env, tenantId, userId) : undefined;
  if (!role) {
    // The active tenant was left or removed: fall back to the first tenant the user still has.
    const first = await firstTenantOf(env, userId);
    if (!first) {
      throw new ApiError(403, "no-tenant", "No tenant", "Your account belongs to no tenant; create one or accept an invitation.");
    }
    ({ tenantId, role } = first);
  }
  return { tenantId: tenantId!, userId, role, scopes: SCOPES_BY_ROLE[role] };
}

async function apiKeyAuthContext(c: Context<{ Bindings: Env }>, key: string): Promise<AuthContext> {
  const verified = await verifyApiKey(c.env, key, (p) => waitUntil(c, p));
  if (verified) return { tenantId: verified.tenantId, apiKeyId: verified.id, role: "apikey", scopes: verified.scopes };
  const client = clientAddress(c.req.raw.headers);
  const answer = await c.env.TENANT_GATE.get(c.env.TENANT_GATE.idFromName(`client:${client}`)).hit("auth-failures", AUTH_FAILURES_PER_MINUTE, 60_000);
  if (!answer.ok) {
    throw new ApiError(429, "too-many-failed-attempts", "Too many failed attempts", "Too many requests with invalid credentials from this client; wait before retrying.", {
      headers: { "Retry-After": String(answer.resetSeconds), ...rateLimitHeaders(answer.limit, 0, answer.resetSeconds, 60) },
    });
  }
  throw unauthorized();
}

function waitUntil(c: Context, p: Promise<unknown>) {
  const guarded = p.catch((e) => console.error(JSON.stringify({ level: "error", msg: "background write failed", error: String(e) })));
  try {
    c.executionCtx.waitUntil(guarded);
  } catch {
    // No execution context (app.request in a unit test): the promise still settles on its own.
  }
}

/**
 * Authenticates /v1 requests (except PUBLIC_PATHS) and enforces the tenant's request rate.
 * Presented credentials that are wrong answer 401 at once. A request with no credentials at all
 * passes through unauthenticated so that an unknown path still answers 404; every handler reads
 * the caller through `authOf(c)` / `requireRole` / `requireScope`, which answer 401 then
 * (fail closed: no handler can act without a tenant).
 */
export function authenticate(): MiddlewareHandler<{ Bindings: Env }> {
  return async function authenticate(c, next) {
    if (c.req.method === "OPTIONS" || isPublic(c.req.path)) return next();
    const header = c.req.header("authorization");
    let auth: AuthContext | undefined;
    let refreshedCookies: string[] = [];
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      auth = await apiKeyAuthContext(c, match?.[1] ?? "");
    } else if (hasSessionCookie(c.req.header("cookie"))) {
      auth = await sessionAuthContext(c.env, c.req.raw.headers, (cookies) => (refreshedCookies = cookies));
      if (!auth) throw unauthorized();
    } else {
      return next();
    }
    c.set("auth", auth);
    c.set("tenantId", auth.tenantId);
    if (auth.userId) c.set("userId", auth.userId);
    if (auth.apiKeyId) c.set("apiKeyId", auth.apiKeyId);

    const limits = await tierLimits(c.env, auth.tenantId);
    const rate = await gateFor(c.env, auth.tenantId).hit("api", limits.apiRequestsPerMinute, 60_000);
    const headers = rateLimitHeaders(rate.limit, rate.remaining, rate.resetSeconds, 60);
    if (!rate.ok) {
      throw new ApiError(
        429,
        "rate-limited",
        "Too many requests",
        `The ${limits.tier} plan allows ${limits.apiRequestsPerMinute} API requests per minute; retry in ${rate.resetSeconds} s or upgrade at ${upgradeUrl(c.env, linkOrigin(c.env, c.req.url))}.`,
        {
          limit: "apiRequestsPerMinute",
          tier: limits.tier,
          max: limits.apiRequestsPerMinute,
          upgradeUrl: upgradeUrl(c.env, linkOrigin(c.env, c.req.url)),
          headers: { "Retry-After": String(rate.resetSeconds), ...headers },
        },
      );
    }
    waitUntil(c, recordUsage(c.env, auth.tenantId, { apiRequests: 1 }));
    await next();
    for (const [name, value] of Object.entries(headers)) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    // Keep the browser's session cookie in step when better-auth extended the session.
    for (const cookie of refreshedCookies) c.res.headers.append("set-cookie", cookie);
  };
}

function forbidden(detail: string): ApiError {
  return new ApiError(403, "forbidden", "Forbidden", detail);
}

/** Throws 403 unless the caller holds `scope` (session roles imply scopes; keys carry them). */
export function assertScope(auth: AuthContext | undefined, scope: string): AuthContext {
  if (!auth) throw unauthorized();
  if (!auth.scopes.includes(scope)) throw forbidden(`This action needs the ${scope} scope.`);
  return auth;
}

/**
 * Throws 403 unless the caller is an owner (for "owner"), or an owner/admin or a key with the
 * admin scope (for "admin").
 */
export function assertRole(auth: AuthContext | undefined, role: "admin" | "owner"): AuthContext {
  if (!auth) throw unauthorized();
  const ok = role === "owner" ? auth.role === "owner" : auth.role === "owner" || auth.role === "admin" || (auth.role === "apikey" && auth.scopes.includes("admin"));
  if (!ok) throw forbidden(role === "owner" ? "Only the tenant's owners can do this." : "Only the tenant's owners and admins (or an API key with the admin scope) can do this.");
  return auth;
}

export function requireScope(scope: string): MiddlewareHandler {
  return async function requireScope(c, next) {
    assertScope(c.get("auth"), scope);
    await next();
  };
}

export function requireRole(role: "admin" | "owner"): MiddlewareHandler {
  return async function requireRole(c, next) {
    assertRole(c.get("auth"), role);
    await next();
  };
}

/** The caller's AuthContext inside a handler behind `authenticate()` (401 if somehow absent). */
export function authOf(c: Context): AuthContext {
  const auth = c.get("auth");
  if (!auth) throw unauthorized();
  return auth;
}

/**
 * For Remix loaders/actions: the signed-in user's AuthContext, or a thrown redirect to /sign-in
 * (which returns to the current page afterwards).
 */
export async function requireUserSession(request: Request, env: Env): Promise<AuthContext> {
  let auth: AuthContext | undefined;
  try {
    auth = await sessionAuthContext(env, request.headers);
  } catch (e) {
    if (e instanceof ApiError && e.type === "no-tenant") auth = undefined;
    else throw e;
  }
  if (!auth) {
    const url = new URL(request.url);
    const back = encodeURIComponent(url.pathname + url.search);
    throw new Response(null, { status: 302, headers: { Location: `/sign-in?redirectTo=${back}` } });
  }
  return auth;
}
