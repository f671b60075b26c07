/**
 * Members and invitations of a tenant, always scoped by the tenant id (another tenant's member
 * or invitation answers 404). Rows are better-auth's `member` and `invitation`, so invitees accept
 * through the organization plugin's own endpoint.
 */
import { and, count, desc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { apikey, invitation, member, organization, user } from "../db/schema";
import { ApiError } from "../http/problem";
import type { AuthContext } from "../http/vars";
import { INVITATION_EXPIRES_SECONDS } from "../auth/auth";
import { getMailer } from "../mail/mailer";
import { invitationMail } from "../mail/templates";
import { MailError } from "../mail/message";
import { linkOrigin } from "../auth/dev-origins";
import type { MemberRole } from "../tenancy/tenants";
import { revokeKeysCreatedBy } from "../api-keys/service";
import { assertInvitationAllowance, checkAuthLimit } from "../auth/abuse-limits";

function notFound(what: string, id: string): ApiError {
  return new ApiError(404, "not-found", `${what} not found`, `No ${what.toLowerCase()} ${id} in this tenant.`);
}

function ownerOnly(): ApiError {
  return new ApiError(403, "forbidden", "Forbidden", "Only owners can grant, change or remove the owner role.");
}

export async function listMembers(env: Env, tenantId: string) {
  const rows = await drizzle(env.DB)
    .select({ id: member.id, userId: member.userId, email: user.email, name: user.name, role: member.role, createdAt: member.createdAt })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, tenantId))
    .orderBy(member.createdAt)
    .all();
  return rows.map((r) => ({ ...r, role: r.role as MemberRole, createdAt: r.createdAt.toISOString() }));
}

async function getMember(env: Env, tenantId: string, id: string) {
  const row = (await listMembers(env, tenantId)).find((m) => m.id === id);
  if (!row) throw notFound("Member", id);
  return row;
}

async function ownerCount(env: Env, tenantId: string): Promise<number> {
  const row = await drizzle(env.DB)
    .select({ n: count() })
    .from(member)
    .where(and(eq(member.organizationId, tenantId), eq(member.role, "owner")))
    .get();
  return row?.n ?? 0;
}

export async function changeMemberRole(env: Env, auth: AuthContext, id: string, role: MemberRole) {
  const target = await getMember(env, auth.tenantId, id);
  if ((role === "owner" || target.role === "owner") && auth.role !== "owner") throw ownerOnly();
  if (target.role === "owner" && role !== "owner" && (await ownerCount(env, auth.tenantId)) <= 1) {
    throw new ApiError(409, "last-owner", "Last owner", "A tenant needs at least one owner; make someone else owner first.");
  }
  await drizzle(env.DB)
    .update(member)
    .set({ role })
    .where(and(eq(member.id, id), eq(member.organizationId, auth.tenantId)));
  // Only owners and admins may hold keys: a demoted member's keys (and the keys those minted) go.
  if (role === "member" && target.role !== "member") await revokeKeysCreatedBy(env, auth.tenantId, target.userId);
  return { ...target, role };
}

export async function removeMember(env: Env, auth: AuthContext, id: string): Promise<void> {
  const target = await getMember(env, auth.tenantId, id);
  if (target.role === "owner") {
    if (auth.role !== "owner") throw ownerOnly();
    if ((await ownerCount(env, auth.tenantId)) <= 1) throw new ApiError(409, "last-owner", "Last owner", "The last owner cannot be removed.");
  }
  await drizzle(env.DB)
    .delete(member)
    .where(and(eq(member.id, id), eq(member.organizationId, auth.tenantId)));
  await revokeKeysCreatedBy(env, auth.tenantId, target.userId);
}

type InvitationRow = typeof invitation.$inferSelect;

function invitationView(r: InvitationRow) {
  const expired = r.status === "pending" && r.expiresAt.getTime() <= Date.now();
  return {
    id: r.id,
    email: r.email,
    role: r.role ?? "member",
    status: expired ? "expired" : r.status,
    expiresAt: r.expiresAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    inviterId: r.inviterId,
  };
}

export async function listInvitations(env: Env, tenantId: string) {
  const rows = await drizzle(env.DB).select().from(invitation).where(eq(invitation.organizationId, tenantId)).orderBy(desc(invitation.createdAt)).all();
  return rows.map(invitationView);
}

/** The user an invitation is sent on behalf of: the signed-in admin, or the admin key's creator. */
async function inviterOf(env: Env, auth: AuthContext): Promise<string> {
  if (auth.userId) return auth.userId;
  const key = auth.apiKeyId ? await drizzle(env.DB).select({ metadata: apikey.metadata }).from(apikey).where(eq(apikey.id, auth.apiKeyId)).get() : undefined;
  const createdBy = key?.metadata ? (JSON.parse(key.metadata) as { createdBy?: string }).createdBy : undefined;
  const stillMember = createdBy
    ? await drizzle(env.DB)
        .select({ id: member.id })
        .from(member)
        .where(and(eq(member.userId, createdBy), eq(member.organizationId, auth.tenantId)))
        .get()
    : undefined;
  if (!createdBy || !stillMember) throw new ApiError(403, "forbidden", "Forbidden", "Invitations are sent on behalf of a member; sign in to invite.");
  return createdBy;
}

/**
 * Creates (or replaces) the pending invitation of `input.email` and mails its link. `request` is the
 * caller's request: in development the link opens on its origin (worker/auth/dev-origins.ts).
 */
export async function createInvitation(env: Env, auth: AuthContext, input: { email: string; role: MemberRole; expiresInHours?: number }, request?: Request) {
  if (input.role === "owner" && auth.role !== "owner") throw ownerOnly();
  const db = drizzle(env.DB);
  const email = input.email.trim().toLowerCase();
  const already = await db
    .select({ id: member.id })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, auth.tenantId), eq(user.email, email)))
    .get();
  if (already) throw new ApiError(409, "already-member", "Already a member", `${email} is already a member of this tenant.`);
  const inviterId = await inviterOf(env, auth);
  // Invitations send mail: capped per tenant per day and per inviter (worker/auth/abuse-limits.ts).
  await assertInvitationAllowance(env, auth.tenantId);
  await checkAuthLimit(env, "invitation", { account: inviterId });
  // A new invitation replaces any pending one for the same address.
  await db
    .update(invitation)
    .set({ status: "canceled" })
    .where(and(eq(invitation.organizationId, auth.tenantId), eq(invitation.email, email), eq(invitation.status, "pending")));
  const row: InvitationRow = {
    id: `inv_${crypto.randomUUID().replaceAll("-", "")}`,
    organizationId: auth.tenantId,
    email,
    role: input.role,
    status: "pending",
    expiresAt: new Date(Date.now() + (input.expiresInHours ? input.expiresInHours * 3600 : INVITATION_EXPIRES_SECONDS) * 1000),
    createdAt: new Date(),
    inviterId,
  };
  await db.insert(invitation).values(row);
  const org = await db.select({ name: organization.name }).from(organization).where(eq(organization.id, auth.tenantId)).get();
  const link = `${linkOrigin(env, request)}/accept-invitation/${row.id}`;
  const inviter = await db.select({ name: user.name }).from(user).where(eq(user.id, inviterId)).get();
  try {
    await getMailer(env).send(invitationMail({ to: email, tenantName: org?.name ?? "a tenant", role: input.role, inviterName: inviter?.name, link, expiresAt: row.expiresAt }));
  } catch (e) {
    if (!(e instanceof MailError)) throw e;
    // An invitation nobody was told about is withdrawn; inviting again sends a new one.
    await db
      .update(invitation)
      .set({ status: "canceled" })
      .where(and(eq(invitation.id, row.id), eq(invitation.organizationId, auth.tenantId)));
    console.error(JSON.stringify({ level: "error", msg: "mail not sent", kind: "invitation", reason: e.reason, tenantId: auth.tenantId }));
    throw new ApiError(502, "mail-not-sent", "Invitation mail not sent", `The mail to ${email} could not be sent, so the invitation was withdrawn; try again later.`);
  }
  return invitationView(row);
}

export async function revokeInvitation(env: Env, tenantId: string, id: string) {
  const db = drizzle(env.DB);
  const row = await db
    .select()
    .from(invitation)
    .where(and(eq(invitation.id, id), eq(invitation.organizationId, tenantId)))
    .get();
  if (!row) throw notFound("Invitation", id);
  if (row.status === "pending")
    await db
      .update(invitation)
      .set({ status: "canceled" })
      .where(and(eq(invitation.id, id), eq(invitation.organizationId, tenantId)));
  return invitationView({ ...row, status: row.status === "pending" ? "canceled" : row.status });
}
