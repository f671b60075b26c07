/**
 * Tenants are better-auth organizations. These helpers read and create them directly in D1 so
 * that sign-up (a database hook) and the dev seed can make a user's first tenant without an
 * HTTP round trip through the organization plugin.
 */
import { and, asc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { member, organization, subscription } from "../db/schema";

export type MemberRole = "owner" | "admin" | "member";

export function isMemberRole(value: unknown): value is MemberRole {
  return value === "owner" || value === "admin" || value === "member";
}

function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "tenant"}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Creates an organization with `userId` as its owner and a free subscription row. */
export async function createTenantForUser(env: Env, userId: string, name: string): Promise<{ id: string; name: string; slug: string }> {
  const db = drizzle(env.DB);
  const id = `org_${crypto.randomUUID().replaceAll("-", "")}`;
  const slug = slugify(name);
  const now = new Date();
  await db.batch([
    db.insert(organization).values({ id, name, slug, createdAt: now }),
    db.insert(member).values({ id: `mem_${crypto.randomUUID().replaceAll("-", "")}`, organizationId: id, userId, role: "owner", createdAt: now }),
    db.insert(subscription).values({ tenantId: id, tier: "free", status: "none" }).onConflictDoNothing(),
  ]);
  return { id, name, slug };
}

/** The user's role in the tenant, or undefined when the user is not a member. */
export async function membershipRole(env: Env, tenantId: string, userId: string): Promise<MemberRole | undefined> {
  const row = await drizzle(env.DB)
    .select({ role: member.role })
    .from(member)
    .where(and(eq(member.organizationId, tenantId), eq(member.userId, userId)))
    .get();
  return row && isMemberRole(row.role) ? row.role : undefined;
}

/** The tenant the user joined first (the default active tenant of a new session). */
export async function firstTenantOf(env: Env, userId: string): Promise<{ tenantId: string; role: MemberRole } | undefined> {
  const row = await drizzle(env.DB).select({ tenantId: member.organizationId, role: member.role }).from(member).where(eq(member.userId, userId)).orderBy(asc(member.createdAt)).get();
  return row && isMemberRole(row.role) ? { tenantId: row.tenantId, role: row.role } : undefined;
}

/** Every tenant the user belongs to, with their role. */
export async function tenantsOf(env: Env, userId: string) {
  return drizzle(env.DB)
    .select({ id: organization.id, name: organization.name, slug: organization.slug, role: member.role, createdAt: organization.createdAt })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(eq(member.userId, userId))
    .orderBy(asc(member.createdAt))
    .all();
}
