/**
 * /v1/tenants — the tenants (organizations) the caller belongs to, creating another one, and
 * switching the session's active tenant. An API key only ever sees its own tenant.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { createApiRouter } from "../http/openapi";
import { ApiError } from "../http/problem";
import { authOf } from "../auth/authenticate";
import { getAuth } from "../auth/auth";
import { createTenantForUser, membershipRole, tenantsOf } from "./tenants";
import { assertOrganizationAllowance } from "../auth/abuse-limits";
import { drizzle } from "drizzle-orm/d1";
import { eq } from "drizzle-orm";
import { organization } from "../db/schema";

const TenantSchema = z.object({ id: z.string(), name: z.string(), slug: z.string(), role: z.string(), active: z.boolean(), createdAt: z.string() }).openapi("Tenant");

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["Tenants"],
  summary: "Tenants I belong to",
  responses: { 200: { description: "Tenants", content: { "application/json": { schema: z.object({ data: z.array(TenantSchema) }) } } } },
});

const create = createRoute({
  method: "post",
  path: "/",
  tags: ["Tenants"],
  summary: "Create another tenant (signed-in users; you become its owner)",
  request: { body: { required: true, content: { "application/json": { schema: z.object({ name: z.string().trim().min(1).max(100) }) } } } },
  responses: { 201: { description: "Created", content: { "application/json": { schema: TenantSchema } } } },
});

const activate = createRoute({
  method: "put",
  path: "/active",
  tags: ["Tenants"],
  summary: "Switch the session's active tenant",
  request: { body: { required: true, content: { "application/json": { schema: z.object({ tenantId: z.string().min(1).max(100) }) } } } },
  responses: { 200: { description: "Switched", content: { "application/json": { schema: TenantSchema } } } },
});

function needsSession(): ApiError {
  return new ApiError(403, "session-required", "Signed-in user required", "API keys belong to one tenant; sign in to manage tenants.");
}

export const tenantRoutes = createApiRouter()
  .openapi(list, async (c) => {
    const auth = authOf(c);
    if (!auth.userId) {
      const org = await drizzle(c.env.DB).select().from(organization).where(eq(organization.id, auth.tenantId)).get();
      const data = org ? [{ id: org.id, name: org.name, slug: org.slug, role: "apikey", active: true, createdAt: org.createdAt.toISOString() }] : [];
      return c.json({ data }, 200);
    }
    const rows = await tenantsOf(c.env, auth.userId);
    return c.json({ data: rows.map((t) => ({ ...t, active: t.id === auth.tenantId, createdAt: t.createdAt.toISOString() })) }, 200);
  })
  .openapi(create, async (c) => {
    const auth = authOf(c);
    if (!auth.userId) throw needsSession();
    await assertOrganizationAllowance(c.env, auth.userId);
    const tenant = await createTenantForUser(c.env, auth.userId, c.req.valid("json").name);
    return c.json({ ...tenant, role: "owner", active: false, createdAt: new Date().toISOString() }, 201);
  })
  .openapi(activate, async (c) => {
    const auth = authOf(c);
    if (!auth.userId) throw needsSession();
    const { tenantId } = c.req.valid("json");
    const role = await membershipRole(c.env, tenantId, auth.userId);
    if (!role) throw new ApiError(404, "not-found", "Tenant not found", `You are not a member of tenant ${tenantId}.`);
    await getAuth(c.env).api.setActiveOrganization({ headers: c.req.raw.headers, body: { organizationId: tenantId } });
    const org = (await drizzle(c.env.DB).select().from(organization).where(eq(organization.id, tenantId)).get())!;
    return c.json({ id: org.id, name: org.name, slug: org.slug, role, active: true, createdAt: org.createdAt.toISOString() }, 200);
  });
