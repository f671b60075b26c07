/**
 * better-auth on D1 (drizzle adapter), mounted at /api/auth/*: email + password accounts,
 * sessions in HttpOnly cookies (Secure when APP_URL is https), password reset through the
 * Mailer, and organizations (= tenants) with owner/admin/member roles and invitations.
 *
 * Sign-up creates the user's first tenant (databaseHooks.user.create.after), and every new
 * session starts with an active tenant (databaseHooks.session.create.before), so a fresh account
 * can call /v1 at once. Keep the plugin list in step with schema-source.ts (it shapes the tables).
 */
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { organization } from "better-auth/plugins";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import * as schema from "../db/schema";
import { getMailer } from "../mail/mailer";
import { invitationMail, passwordResetMail } from "../mail/templates";
import { createTenantForUser, firstTenantOf } from "../tenancy/tenants";
import { revokeKeysCreatedBy, revokeTenantKeys } from "../api-keys/service";
import { ApiError } from "../http/problem";
import { assertInvitationAllowance, assertOrganizationAllowance, checkAuthLimit, clientIp, type AuthAction } from "./abuse-limits";
import { linkOrigin, onOrigin, trustedOrigins } from "./dev-origins";

/** better-auth endpoints behind our Durable-Object limiter (worker/auth/abuse-limits.ts), and whose body field names the account. */
const LIMITED_PATHS: Record<string, { action: AuthAction; accountField?: string }> = {
  "/sign-in/email": { action: "sign-in", accountField: "email" },
  "/sign-up/email": { action: "sign-up", accountField: "email" },
  "/request-password-reset": { action: "password-reset", accountField: "email" },
  "/forget-password": { action: "password-reset", accountField: "email" },
  "/reset-password": { action: "reset-password" },
  "/organization/accept-invitation": { action: "accept-invitation" },
};

/** Our typed refusal as better-auth's error (same status, message and Retry-After). */
function asAuthError(e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  const retry = (e.extra.headers as Record<string, string> | undefined)?.["Retry-After"];
  return new APIError(e.status as 429, { message: e.message, code: e.type.toUpperCase().replaceAll("-", "_") }, retry ? { "Retry-After": retry } : undefined);
}

/** better-auth's error body shape ({ message, code }) with our status and Retry-After. */
function limitedResponse(e: ApiError): Response {
  const retry = (e.extra.headers as Record<string, string> | undefined)?.["Retry-After"];
  return new Response(JSON.stringify({ message: e.message, code: e.type.toUpperCase().replaceAll("-", "_") }), {
    status: e.status,
    headers: { "content-type": "application/json", ...(retry ? { "retry-after": retry } : {}) },
  });
}

/** Invitations are valid for 7 days. */
export const INVITATION_EXPIRES_SECONDS = 7 * 24 * 3600;

function createAuth(env: Env) {
  if (!env.BETTER_AUTH_SECRET || env.BETTER_AUTH_SECRET.length < 32) {
    throw new Error("BETTER_AUTH_SECRET must be set to at least 32 characters (wrangler secret put / .dev.vars).");
  }
  const mailer = getMailer(env);
  return betterAuth({
    appName: "Evolve",
    baseURL: env.APP_URL,
    basePath: "/api/auth",
    secret: env.BETTER_AUTH_SECRET,
    trustedOrigins: trustedOrigins(env),
    database: drizzleAdapter(drizzle(env.DB, { schema }), { provider: "sqlite", schema }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      resetPasswordTokenExpiresIn: 3600,
      revokeSessionsOnPasswordReset: true,
      // In development the link opens on the origin the visitor asked from (worker/auth/dev-origins.ts).
      sendResetPassword: async ({ user, url }, request) => {
        await mailer.send(passwordResetMail(user.email, onOrigin(url, linkOrigin(env, request))));
      },
    },
    // Password-reset and other verification tokens are stored as hashes, never in clear.
    verification: { storeIdentifier: "hashed" },
    advanced: {
      useSecureCookies: env.APP_URL.startsWith("https://"),
      cookiePrefix: "evolve",
    },
    // Runs for HTTP calls and for auth.api.* calls from the Remix actions alike.
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const limited = LIMITED_PATHS[ctx.path];
        if (!limited) return;
        const body = (ctx.body ?? {}) as Record<string, unknown>;
        const account = limited.accountField && typeof body[limited.accountField] === "string" ? (body[limited.accountField] as string) : undefined;
        try {
          await checkAuthLimit(env, limited.action, { ip: clientIp(ctx.headers ?? ctx.request?.headers), account });
        } catch (e) {
          // Answered as a response (not thrown): better-auth passes a hook's response through to
          // HTTP callers and to the Remix actions' `asResponse` calls alike, which show its message.
          if (!(e instanceof ApiError)) throw e;
          return limitedResponse(e);
        }
        return undefined;
      }),
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user, ctx) => {
            const body = (ctx?.body ?? {}) as { tenantName?: unknown };
            const name = typeof body.tenantName === "string" && body.tenantName.trim() ? body.tenantName.trim().slice(0, 100) : `${user.name || user.email}'s workspace`;
            await createTenantForUser(env, user.id, name);
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            if (session.activeOrganizationId) return;
            const first = await firstTenantOf(env, session.userId);
            if (first) return { data: { ...session, activeOrganizationId: first.tenantId } };
            return undefined;
          },
        },
      },
    },
    plugins: [
      organization({
        creatorRole: "owner",
        invitationExpiresIn: INVITATION_EXPIRES_SECONDS,
        cancelPendingInvitationsOnReInvite: true,
        // Keys never outlive their creator's admin rights or the organization (worker/api-keys/service.ts
        // also checks this on every request; these mark the keys revoked at once).
        organizationHooks: {
          beforeCreateOrganization: async ({ user }) => {
            await assertOrganizationAllowance(env, user.id).catch((e) => {
              throw asAuthError(e);
            });
          },
          beforeCreateInvitation: async ({ inviter, organization }) => {
            await Promise.all([assertInvitationAllowance(env, organization.id), checkAuthLimit(env, "invitation", { account: inviter.id })]).catch((e) => {
              throw asAuthError(e);
            });
          },
          afterRemoveMember: async ({ member, organization }) => {
            await revokeKeysCreatedBy(env, organization.id, member.userId);
          },
          afterUpdateMemberRole: async ({ member, organization }) => {
            if (member.role === "member") await revokeKeysCreatedBy(env, organization.id, member.userId);
          },
          afterDeleteOrganization: async ({ organization }) => {
            await revokeTenantKeys(env, organization.id);
          },
        },
        sendInvitationEmail: async (data, request) => {
          const link = `${linkOrigin(env, request)}/accept-invitation/${data.id}`;
          await mailer.send(invitationMail({ to: data.email, tenantName: data.organization.name, role: data.role, inviterName: data.inviter.user.name, link, expiresAt: data.invitation.expiresAt }));
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

// One instance per env object (an isolate reuses it across requests); it holds no per-tenant state.
const instances = new WeakMap<Env, Auth>();

/** The better-auth instance for this Worker's bindings. */
export function getAuth(env: Env): Auth {
  let auth = instances.get(env);
  if (!auth) {
    auth = createAuth(env);
    instances.set(env, auth);
  }
  return auth;
}
