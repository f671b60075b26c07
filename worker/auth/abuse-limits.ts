/**
 * Limits on the account surface: sign-in, sign-up, password reset, invitations, and organizations
 * per user. Counters live in Durable Objects (TenantGate's `hitFromFirst`, one object per IP or
 * account), so they hold across isolates and restarts — unlike better-auth's built-in limiter,
 * which is in-memory per isolate and off outside NODE_ENV=production.
 *
 * Where they are enforced:
 * - better-auth's `hooks.before` (worker/auth/auth.ts) for sign-in, sign-up, password-reset request
 *   and reset, accepting invitations. Those hooks also run when the Remix actions call
 *   `auth.api.*` directly, so the web app's forms are limited the same way.
 * - better-auth's organization hooks (beforeCreateOrganization / beforeCreateInvitation) and our own
 *   services (worker/members/service.ts, worker/tenancy/tenant-routes.ts) for the organization and
 *   invitation caps.
 *
 * The client IP is Cloudflare's `CF-Connecting-IP` (set by the edge, not by clients). Where it is
 * absent (local tools without an edge) only the per-account limits apply.
 */
import { and, count, eq, gt } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { invitation, member } from "../db/schema";
import { ApiError } from "../http/problem";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface Window {
  limit: number;
  windowMs: number;
}

/** Per action: attempts allowed per client IP and per account (email or user) in a window. */
export const AUTH_LIMITS = {
  /** Guessing passwords: 10 tries per account per 15 min; a school behind one NAT still signs in. */
  "sign-in": { ip: { limit: 100, windowMs: 15 * MINUTE }, account: { limit: 10, windowMs: 15 * MINUTE } },
  /** Mass account creation. */
  "sign-up": { ip: { limit: 60, windowMs: HOUR }, account: { limit: 5, windowMs: HOUR } },
  /** Mail bombing someone with reset links. */
  "password-reset": { ip: { limit: 20, windowMs: HOUR }, account: { limit: 3, windowMs: HOUR } },
  /** Guessing reset tokens. */
  "reset-password": { ip: { limit: 20, windowMs: 15 * MINUTE }, account: { limit: 10, windowMs: 15 * MINUTE } },
  /** Sending invitation mail (account = the inviter). */
  invitation: { ip: { limit: 100, windowMs: HOUR }, account: { limit: 30, windowMs: HOUR } },
  /** Guessing invitation ids (account = the signed-in user). */
  "accept-invitation": { ip: { limit: 30, windowMs: 15 * MINUTE }, account: { limit: 10, windowMs: 15 * MINUTE } },
} as const satisfies Record<string, { ip: Window; account: Window }>;

export type AuthAction = keyof typeof AUTH_LIMITS;

/** Organizations one user may own (sign-up's first one included). */
export const MAX_ORGANIZATIONS_PER_USER = 10;
/** Invitations one tenant may send per rolling 24 hours. */
export const MAX_INVITATIONS_PER_TENANT_PER_DAY = 50;

/** The client IP as Cloudflare's edge reports it, or undefined (local tools). */
export function clientIp(headers: Headers | undefined | null): string | undefined {
  const ip = headers?.get("cf-connecting-ip")?.trim();
  return ip ? ip.slice(0, 64) : undefined;
}

function tooMany(action: AuthAction, scope: "ip" | "account", retryAfter: number): ApiError {
  return new ApiError(429, "too-many-attempts", "Too many attempts", `Too many ${action} attempts from this ${scope === "ip" ? "network address" : "account"}; try again in ${retryAfter} s.`, {
    limit: `${action}.${scope}`,
    headers: { "Retry-After": String(retryAfter) },
  });
}

/**
 * Counts one `action` attempt for the client IP and the account and throws a 429 ApiError
 * (Retry-After) when either is over its limit. `now` is injectable for tests (a fake clock).
 */
export async function checkAuthLimit(env: Env, action: AuthAction, who: { ip?: string; account?: string }, now = Date.now()): Promise<void> {
  const limits = AUTH_LIMITS[action];
  const checks: ["ip" | "account", string, Window][] = [];
  if (who.ip) checks.push(["ip", `auth-ip:${who.ip}`, limits.ip]);
  if (who.account) checks.push(["account", `auth-account:${who.account.trim().toLowerCase().slice(0, 320)}`, limits.account]);
  const answers = await Promise.all(checks.map(([, name, w]) => env.TENANT_GATE.get(env.TENANT_GATE.idFromName(name)).hitFromFirst(action, w.limit, w.windowMs, now)));
  answers.forEach((answer, i) => {
    if (!answer.ok) throw tooMany(action, checks[i][0], answer.resetSeconds);
  });
}

/** Throws 409 when the user already owns MAX_ORGANIZATIONS_PER_USER organizations. */
export async function assertOrganizationAllowance(env: Env, userId: string): Promise<void> {
  const row = await drizzle(env.DB)
    .select({ n: count() })
    .from(member)
    .where(and(eq(member.userId, userId), eq(member.role, "owner")))
    .get();
  if ((row?.n ?? 0) >= MAX_ORGANIZATIONS_PER_USER) {
    throw new ApiError(409, "organization-limit", "Too many organizations", `One account can own at most ${MAX_ORGANIZATIONS_PER_USER} organizations.`, {
      limit: "organizationsPerUser",
      max: MAX_ORGANIZATIONS_PER_USER,
    });
  }
}

/** Throws 429 when the tenant sent MAX_INVITATIONS_PER_TENANT_PER_DAY invitations in the last 24 h. */
export async function assertInvitationAllowance(env: Env, tenantId: string, now = Date.now()): Promise<void> {
  const row = await drizzle(env.DB)
    .select({ n: count() })
    .from(invitation)
    .where(and(eq(invitation.organizationId, tenantId), gt(invitation.createdAt, new Date(now - 24 * HOUR))))
    .get();
  if ((row?.n ?? 0) >= MAX_INVITATIONS_PER_TENANT_PER_DAY) {
    throw new ApiError(429, "invitation-limit", "Too many invitations", `A tenant can send at most ${MAX_INVITATIONS_PER_TENANT_PER_DAY} invitations per 24 hours.`, {
      limit: "invitationsPerDay",
      max: MAX_INVITATIONS_PER_TENANT_PER_DAY,
      headers: { "Retry-After": "3600" },
    });
  }
}
