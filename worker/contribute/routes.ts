/**
 * Contributed compute over HTTP (docs/decisions/008-contributed-compute.md):
 *   GET  /v1/jobs/{id}/contribute          WebSocket upgrade for a contributor: an API key with the
 *                                           `contribute` scope (the job's own tenant) or `?join=<token>`
 *   POST /v1/jobs/{id}/contribute/links     a short-lived signed join link (jobs:write)
 *   GET  /v1/jobs/{id}/contributors         metering per contributor (jobs:read)
 *   GET  /v1/contribute/settings, PUT …     the tenant's setting (read: jobs:read; change: admin)
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { markOneTimeSecret } from "../api/idempotency";
import { AUTHED_ERRORS, errorResponses, IdParam, jsonContent } from "../api/schemas";
import { assertRole, assertScope, authOf } from "../auth/authenticate";
import { linkOrigin } from "../auth/dev-origins";
import type { Env } from "../env";
import { createApiRouter } from "../http/openapi";
import { ApiError } from "../http/problem";
import { getJob, jobRunner } from "../jobs/job-queries";
import { contributionsOff, takeContributorSlot, releaseContributorSlot } from "./admission";
import { DEFAULT_JOIN_LINK_SECONDS, joinUrl, MAX_JOIN_LINK_SECONDS, signJoinToken, verifyJoinToken } from "./join-link";
import { CONTRIBUTOR_HEADER, LABEL_HEADER, SLOT_HEADER, SLOT_UNTIL_HEADER } from "./lender";
import { contributionSetting, jobContributors, MAX_CONTRIBUTORS_LIMIT, setContributionSetting } from "./metering";

const tags = ["Contributed compute"];

export const ContributionSettingSchema = z
  .object({
    allowContributions: z.boolean(),
    maxContributors: z.number().int().min(1).max(MAX_CONTRIBUTORS_LIMIT),
  })
  .openapi("ContributionSetting");

const JoinLink = z.object({ url: z.string(), token: z.string(), expiresAt: z.string() }).openapi("JoinLink");
const CreateJoinLink = z.object({ expiresInSeconds: z.number().int().min(60).max(MAX_JOIN_LINK_SECONDS).optional() }).openapi("CreateJoinLink");
const Contributor = z
  .object({
    contributorId: z.string(),
    label: z.string(),
    acceptedUnits: z.number().int(),
    acceptedEvaluations: z.number().int(),
    rejectedUnits: z.number().int(),
    rerunUnits: z.number().int(),
    computeMs: z.number().int(),
    strikes: z.number().int(),
    banned: z.boolean(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
  })
  .openapi("Contributor");

function secretOf(env: Env): string {
  if (!env.BETTER_AUTH_SECRET) throw new ApiError(503, "not-configured", "Join links unavailable", "The server has no signing secret configured.");
  return env.BETTER_AUTH_SECRET;
}

/** Who is connecting: the tenant whose job it is, a stable contributor id, and a label for the job page. */
async function identify(c: Context<{ Bindings: Env }>, jobId: string): Promise<{ tenantId: string; contributor: string; label: string }> {
  const join = c.req.query("join");
  const label = (c.req.query("label") ?? "").replace(/[^\p{L}\p{N} ._-]/gu, "").slice(0, 60);
  if (join !== undefined) {
    const link = await verifyJoinToken(secretOf(c.env), join, jobId);
    if (!link) throw new ApiError(403, "invalid-join-link", "Join link refused", "The join link is not valid for this job or has expired; ask for a new one.");
    const row = await c.env.DB.prepare("SELECT tenant_id FROM job WHERE id = ?").bind(jobId).first<{ tenant_id: string }>();
    if (!row) throw new ApiError(404, "not-found", "Job not found", `No job ${jobId}.`);
    const client = c.req.query("client") ?? "";
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(client)) {
      throw new ApiError(422, "validation-error", "Validation failed", "A join-link contributor names itself.", {
        errors: [{ path: "client", message: "must be 1-40 letters, digits, - or _ (a random id the client keeps)" }],
      });
    }
    return { tenantId: row.tenant_id, contributor: `link:${link.tag}:${client}`, label: label || "browser" };
  }
  const auth = assertScope(c.get("auth" as never) as ReturnType<typeof authOf> | undefined, "contribute");
  await getJob(c.env, auth.tenantId, jobId); // 404 for another tenant's job
  const id = auth.apiKeyId ?? auth.userId ?? "unknown";
  return { tenantId: auth.tenantId, contributor: `key:${id}`, label: label || `API key ${id.slice(0, 8)}` };
}

export const contributeJobRoutes = createApiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/contribute/links",
      tags,
      summary: "Create a short-lived join link for lending compute to this job",
      description:
        "Anyone holding the link can lend a browser tab (open it) or a machine (`npm run contribute -- <url>`) to this job until it expires. Results are never trusted: the server checks every unit.",
      request: { params: IdParam, body: { required: false, content: { "application/json": { schema: CreateJoinLink } } } },
      responses: { 201: jsonContent(JoinLink, "The join link"), ...errorResponses(...AUTHED_ERRORS, 404, 409, 422, 503) },
    }),
    async (c) => {
      const auth = assertScope(authOf(c), "jobs:write");
      const { id } = c.req.valid("param");
      await getJob(c.env, auth.tenantId, id);
      if (!(await contributionSetting(c.env, auth.tenantId)).allowContributions) throw contributionsOff();
      const terms = await jobRunner(c.env, id).contributionTerms(auth.tenantId, "link:probe");
      if (!terms.ok) throw new ApiError(409, "not-contributable", "This job takes no contributors", `Contributions are not possible: ${terms.reason}.`);
      const body = (c.req.header("content-type")?.includes("json") ? c.req.valid("json") : undefined) ?? {};
      const expiresAt = new Date(Date.now() + (body.expiresInSeconds ?? DEFAULT_JOIN_LINK_SECONDS) * 1000);
      const token = await signJoinToken(secretOf(c.env), id, expiresAt);
      markOneTimeSecret(c); // a replayed idempotent POST must not hand the link out again
      return c.json({ url: joinUrl(linkOrigin(c.env, c.req.url), id, token), token, expiresAt: expiresAt.toISOString() }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/contributors",
      tags,
      summary: "Contributors of this job and what each contributed",
      request: { params: IdParam },
      responses: { 200: jsonContent(z.object({ items: z.array(Contributor) }), "Per contributor: accepted units and evaluations, rejected units, strikes"), ...errorResponses(...AUTHED_ERRORS, 404) },
    }),
    async (c) => {
      const auth = assertScope(authOf(c), "jobs:read");
      const { id } = c.req.valid("param");
      await getJob(c.env, auth.tenantId, id);
      return c.json({ items: await jobContributors(c.env, auth.tenantId, id) }, 200);
    },
  );

/** The WebSocket upgrade (plain Hono: documented below with registerPath). */
contributeJobRoutes.get("/:id/contribute", async (c) => {
  const id = c.req.param("id");
  // Who and whether first, so a plain GET (a client asking why its upgrade failed) gets the reason.
  const who = await identify(c, id);
  const setting = await contributionSetting(c.env, who.tenantId);
  if (!setting.allowContributions) throw contributionsOff();
  const runner = jobRunner(c.env, id);
  const terms = await runner.contributionTerms(who.tenantId, who.contributor);
  if (!terms.ok)
    throw new ApiError(
      terms.status,
      terms.status === 403 ? "contributor-banned" : terms.status === 404 ? "not-found" : "not-contributable",
      "Cannot contribute",
      `Cannot contribute to job ${id}: ${terms.reason}.`,
    );
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, "upgrade-required", "WebSocket upgrade required", "Contributors connect with a WebSocket (Upgrade: websocket).");
  }
  const slot = await takeContributorSlot(c.env, who.tenantId, setting.maxContributors);
  const headers = new Headers({ Upgrade: "websocket", [CONTRIBUTOR_HEADER]: who.contributor, [LABEL_HEADER]: who.label, [SLOT_HEADER]: slot.slot, [SLOT_UNTIL_HEADER]: String(slot.until) });
  const res = await runner.fetch(new Request(`https://job-runner/${id}/contribute`, { headers }));
  if (res.status !== 101) {
    await releaseContributorSlot(c.env, who.tenantId, slot.slot);
    throw new ApiError(409, "not-contributable", "Cannot contribute", `Cannot contribute to job ${id}: ${await res.text()}.`);
  }
  return res;
});

contributeJobRoutes.openAPIRegistry.registerPath({
  method: "get",
  path: "/{id}/contribute",
  tags,
  summary: "Connect as a contributor (WebSocket)",
  description:
    "Send `Upgrade: websocket` with an API key holding the `contribute` scope, or `?join=<token>&client=<id>` from a join link. Protocol: docs/decisions/008-contributed-compute.md (welcome, binary unit frames, binary result frames, verdicts).",
  request: {
    params: IdParam,
    query: z.object({ join: z.string().optional(), client: z.string().optional(), label: z.string().optional() }),
  },
  responses: { 101: { description: "Switching protocols" }, ...errorResponses(...AUTHED_ERRORS, 404, 409, 422, 426) },
});

export const contributeSettingsRoutes = createApiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/settings",
      tags,
      summary: "Whether this organization's jobs may take contributors",
      responses: { 200: jsonContent(ContributionSettingSchema, "The setting"), ...errorResponses(...AUTHED_ERRORS) },
    }),
    async (c) => {
      const auth = assertScope(authOf(c), "jobs:read");
      return c.json(await contributionSetting(c.env, auth.tenantId), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/settings",
      tags,
      summary: "Allow or forbid contributed compute, and cap contributors connected at once",
      request: { body: { required: true, content: { "application/json": { schema: ContributionSettingSchema } } } },
      responses: { 200: jsonContent(ContributionSettingSchema, "The new setting"), ...errorResponses(...AUTHED_ERRORS, 422) },
    }),
    async (c) => {
      const auth = assertRole(authOf(c), "admin");
      return c.json(await setContributionSetting(c.env, auth.tenantId, c.req.valid("json")), 200);
    },
  );
