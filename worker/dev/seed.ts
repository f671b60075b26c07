/**
 * POST /api/dev/seed — local development only (DEV_SEED=true in .dev.vars; 404 everywhere else).
 * Idempotently creates the demo user and the "Demo University" tenant with the user as owner,
 * makes the demo user a platform operator (/ops), and issues a fresh demo API key (the previous seed key is revoked, so only one is ever live).
 * `npm run dev` (scripts/dev.mjs) calls it and prints the sign-in details and the key.
 */
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import type { Env } from "../env";
import { apikey, member, organization, platformAdmin, user } from "../db/schema";
import { createApiKey, revokeApiKey } from "../api-keys/service";
import { getAuth } from "../auth/auth";
import { createTenantForUser } from "../tenancy/tenants";

export const DEMO_EMAIL = "demo@evolve.dev";
/** Fixed and documented (README "Demo tenant"): the seed only ever runs locally. */
export const DEMO_PASSWORD = "evolve-demo-password";
export const DEMO_TENANT = "Demo University";
const DEMO_KEY_NAME = "Demo key (dev seed)";

export async function seedDemo(env: Env) {
  const db = drizzle(env.DB);
  let demo = await db.select({ id: user.id }).from(user).where(eq(user.email, DEMO_EMAIL)).get();
  if (!demo) {
    // Through better-auth, so the password is hashed exactly as for a real sign-up; the sign-up
    // hook creates the tenant named by `tenantName`.
    await getAuth(env).api.signUpEmail({ body: Object.assign({ name: "Demo User", email: DEMO_EMAIL, password: DEMO_PASSWORD }, { tenantName: DEMO_TENANT }) });
    demo = await db.select({ id: user.id }).from(user).where(eq(user.email, DEMO_EMAIL)).get();
    if (!demo) throw new Error("demo user was not created");
  }
  let tenant = await db
    .select({ id: organization.id, name: organization.name })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(and(eq(member.userId, demo.id), eq(organization.name, DEMO_TENANT), eq(member.role, "owner")))
    .get();
  if (!tenant) tenant = await createTenantForUser(env, demo.id, DEMO_TENANT);
  // The demo user is also a platform operator (the /ops console), locally only.
  await db.insert(platformAdmin).values({ userId: demo.id }).onConflictDoNothing();

  const previous = await db
    .select({ id: apikey.id })
    .from(apikey)
    .where(and(eq(apikey.referenceId, tenant.id), eq(apikey.name, DEMO_KEY_NAME), eq(apikey.enabled, true)))
    .all();
  for (const k of previous) await revokeApiKey(env, tenant.id, k.id);
  const { key } = await createApiKey(env, tenant.id, { name: DEMO_KEY_NAME, scopes: ["jobs:read", "jobs:write"], createdBy: demo.id });
  return { tenant: tenant.name, tenantId: tenant.id, email: DEMO_EMAIL, password: DEMO_PASSWORD, apiKey: key };
}

export const devSeedRoutes = new Hono<{ Bindings: Env }>().post("/", async (c) => {
  return c.json(await seedDemo(c.env), 200);
});
