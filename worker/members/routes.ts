/**
 * /v1/members and /v1/invitations — who belongs to the tenant and who is invited. Everyone in
 * the tenant may list; owners and admins change roles, remove members and manage invitations;
 * only owners touch the owner role, and the last owner can neither leave nor be demoted.
 * Invitees accept through better-auth (POST /api/auth/organization/accept-invitation).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { createApiRouter } from "../http/openapi";
import { assertRole, authOf } from "../auth/authenticate";
import { changeMemberRole, createInvitation, listInvitations, listMembers, removeMember, revokeInvitation } from "./service";

const Role = z.enum(["owner", "admin", "member"]);
const IdParam = z.object({ id: z.string().min(1).max(100) });

const MemberSchema = z.object({ id: z.string(), userId: z.string(), email: z.string(), name: z.string(), role: Role, createdAt: z.string() }).openapi("Member");
const InvitationSchema = z
  .object({ id: z.string(), email: z.string(), role: z.string(), status: z.string(), expiresAt: z.string(), createdAt: z.string(), inviterId: z.string() })
  .openapi("Invitation");

export const memberRoutes = createApiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["Members"],
      summary: "List the tenant's members",
      responses: { 200: { description: "Members", content: { "application/json": { schema: z.object({ data: z.array(MemberSchema) }) } } } },
    }),
    async (c) => c.json({ data: await listMembers(c.env, authOf(c).tenantId) }, 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags: ["Members"],
      summary: "Change a member's role (owners/admins; owner role by owners only)",
      request: { params: IdParam, body: { required: true, content: { "application/json": { schema: z.object({ role: Role }) } } } },
      responses: { 200: { description: "Updated", content: { "application/json": { schema: MemberSchema } } } },
    }),
    async (c) => {
      const auth = assertRole(authOf(c), "admin");
      return c.json(await changeMemberRole(c.env, auth, c.req.valid("param").id, c.req.valid("json").role), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags: ["Members"],
      summary: "Remove a member (owners/admins)",
      request: { params: IdParam },
      responses: { 204: { description: "Removed" } },
    }),
    async (c) => {
      const auth = assertRole(authOf(c), "admin");
      await removeMember(c.env, auth, c.req.valid("param").id);
      return c.body(null, 204);
    },
  );

export const invitationRoutes = createApiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["Members"],
      summary: "List invitations (owners/admins)",
      responses: { 200: { description: "Invitations", content: { "application/json": { schema: z.object({ data: z.array(InvitationSchema) }) } } } },
    }),
    async (c) => c.json({ data: await listInvitations(c.env, assertRole(authOf(c), "admin").tenantId) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags: ["Members"],
      summary: "Invite someone by email (owners/admins); the link expires",
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                email: z.email().max(254),
                role: Role.default("member"),
                expiresInHours: z
                  .number()
                  .int()
                  .min(1)
                  .max(24 * 30)
                  .optional(),
              }),
            },
          },
        },
      },
      responses: { 201: { description: "Invited", content: { "application/json": { schema: InvitationSchema } } } },
    }),
    async (c) => {
      const auth = assertRole(authOf(c), "admin");
      return c.json(await createInvitation(c.env, auth, c.req.valid("json"), c.req.raw), 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags: ["Members"],
      summary: "Revoke a pending invitation (owners/admins)",
      request: { params: IdParam },
      responses: { 200: { description: "Revoked", content: { "application/json": { schema: InvitationSchema } } } },
    }),
    async (c) => {
      const auth = assertRole(authOf(c), "admin");
      return c.json(await revokeInvitation(c.env, auth.tenantId, c.req.valid("param").id), 200);
    },
  );
