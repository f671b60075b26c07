/**
 * Links to a job that work without credentials:
 * - calendar feeds: /v1/jobs/{id}/calendar-feeds (create, list, revoke) → public /v1/feeds/{token}.ics
 * - share links:    /v1/jobs/{id}/share-links (create, list, revoke)    → public /v1/share/{token}
 *   (read-only result summary) and /v1/share/{token}/exports/{format}.
 * Managing links needs jobs:write (creating) or jobs:read (listing); the public side needs the token.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { escapeHtml } from "@core/exports/timetable-html";
import { downloadResponse, formatsForJob, jobExport } from "../jobs/exports";
import { AUTHED_ERRORS, errorResponses, IdParam, jsonContent } from "../api/schemas";
import { assertScope, authOf } from "../auth/authenticate";
import { createApiRouter } from "../http/openapi";
import { markOneTimeSecret } from "../api/idempotency";
import { getJob, getJobResult } from "../jobs/job-queries";
import { createCalendarFeed, createShareLink, listLinks, MAX_SHARE_HOURS, resolveFeed, resolveShare, revokeLink } from "./service";
import { ExportQuery } from "../jobs/schemas";
import { linkOrigin } from "../auth/dev-origins";
import type { Env } from "../env";

const Link = z
  .object({
    id: z.string(),
    jobId: z.string(),
    kind: z.enum(["calendar", "share"]),
    view: z.string().nullable(),
    options: z.object({ start: z.string().optional(), weeks: z.number().optional(), tz: z.string().optional() }),
    expiresAt: z.string().datetime().nullable(),
    revokedAt: z.string().datetime().nullable(),
    createdAt: z.string().datetime(),
  })
  .openapi("AccessLink");
const LinkWithUrl = Link.extend({ url: z.string().url().openapi({ description: "The secret URL. Shown only now." }) }).openapi("AccessLinkWithUrl");
const LinkList = z.object({ items: z.array(Link) });
const LinkParams = IdParam.extend({ linkId: z.string().openapi({ param: { name: "linkId", in: "path" } }) });

const CreateFeed = z
  .object({
    view: z.string().openapi({ example: "room:R101", description: "room:<id>, group:<id> or instructor:<id>" }),
    start: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .openapi({ description: "First day of the first teaching week" }),
    weeks: z.number().int().min(1).max(60).optional(),
    tz: z.string().max(64).optional(),
  })
  .openapi("CreateCalendarFeed");
const CreateShare = z.object({ expiresInHours: z.number().int().min(1).max(MAX_SHARE_HOURS).default(168) }).openapi("CreateShareLink");

const TokenParam = z.object({
  token: z
    .string()
    .min(10)
    .openapi({ param: { name: "token", in: "path" } }),
});
const SharedJob = z
  .object({
    job: z.object({
      id: z.string(),
      name: z.string().nullable(),
      kind: z.string(),
      algorithm: z.string(),
      state: z.string(),
      best: z.number().nullable(),
      hard: z.number().nullable(),
      soft: z.number().nullable(),
      evaluations: z.number(),
      finishedAt: z.string().nullable(),
    }),
    result: z.record(z.string(), z.unknown()).nullable(),
    exports: z.array(z.object({ format: z.string(), url: z.string() })),
    expiresAt: z.string().datetime().nullable(),
  })
  .openapi("SharedJob");

const origin = (url: string) => new URL(url).origin;
/** Where new share and feed links point: APP_URL, or in development the caller's loopback origin. */
const linkBase = (c: { env: Env; req: { url: string } }) => linkOrigin(c.env, c.req.url);

/** The read-only result page behind a share link: figures and downloads, no scripts. */
function sharedPage(row: Awaited<ReturnType<typeof getJob>>, exports: { format: string; url: string }[], expiresAt: Date | null): string {
  const figures: [string, unknown][] = [
    ["Kind", row.kind],
    ["Algorithm", row.algorithm],
    ["State", row.state],
    ["Best", row.best],
    ["Hard violations", row.hard],
    ["Soft cost", row.soft],
    ["Evaluations", row.evaluations],
    ["Finished", row.finishedAt?.toISOString()],
  ];
  const rows = figures
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(String(v))}</td></tr>`)
    .join("");
  const links = exports.map((x) => `<li><a href="${escapeHtml(x.url)}">${escapeHtml(x.format)}</a></li>`).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(row.name ?? row.id)} — shared result</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:720px;margin:2rem auto;padding:0 1rem}th{text-align:left;padding-right:1rem}</style></head>
<body><h1>${escapeHtml(row.name ?? row.id)}</h1><table>${rows}</table><h2>Downloads</h2><ul>${links}</ul>
<p><small>Read-only link${expiresAt ? `, valid until ${escapeHtml(expiresAt.toISOString())}` : ""}.</small></p></body></html>`;
}
const tags = ["Links"];

/** Authenticated management under /v1/jobs/{id}/… */
export const jobLinkRoutes = createApiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/calendar-feeds",
      tags,
      summary: "Create a subscribable calendar feed for one room, group or instructor",
      request: { params: IdParam, body: { required: true, content: { "application/json": { schema: CreateFeed } } } },
      responses: { 201: jsonContent(LinkWithUrl, "The feed; its URL is shown once"), ...errorResponses(...AUTHED_ERRORS, 404, 422) },
    }),
    async (c) => {
      const auth = assertScope(authOf(c), "jobs:write");
      const { view, ...options } = c.req.valid("json");
      markOneTimeSecret(c);
      return c.json(await createCalendarFeed(c.env, auth.tenantId, c.req.valid("param").id, view, options, linkBase(c)), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/calendar-feeds",
      tags,
      summary: "List the job's calendar feeds",
      request: { params: IdParam },
      responses: { 200: jsonContent(LinkList, "Feeds (without their secret URLs)"), ...errorResponses(...AUTHED_ERRORS, 404) },
    }),
    async (c) => c.json({ items: await listLinks(c.env, assertScope(authOf(c), "jobs:read").tenantId, c.req.valid("param").id, "calendar") }, 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/calendar-feeds/{linkId}",
      tags,
      summary: "Revoke a calendar feed",
      request: { params: LinkParams },
      responses: { 204: { description: "Revoked: the URL answers 404 from now on" }, ...errorResponses(...AUTHED_ERRORS, 404) },
    }),
    async (c) => {
      const { id, linkId } = c.req.valid("param");
      await revokeLink(c.env, assertScope(authOf(c), "jobs:write").tenantId, id, linkId, "calendar");
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/share-links",
      tags,
      summary: "Create a signed, expiring, read-only link to the job's result and exports",
      request: { params: IdParam, body: { required: false, content: { "application/json": { schema: CreateShare } } } },
      responses: { 201: jsonContent(LinkWithUrl, "The link; its URL is shown once"), ...errorResponses(...AUTHED_ERRORS, 404, 422) },
    }),
    async (c) => {
      const auth = assertScope(authOf(c), "jobs:write");
      const hours = (c.req.valid("json") as { expiresInHours?: number } | undefined)?.expiresInHours ?? 168;
      markOneTimeSecret(c);
      return c.json(await createShareLink(c.env, auth.tenantId, c.req.valid("param").id, hours, linkBase(c)), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/share-links",
      tags,
      summary: "List the job's share links",
      request: { params: IdParam },
      responses: { 200: jsonContent(LinkList, "Share links (without their URLs)"), ...errorResponses(...AUTHED_ERRORS, 404) },
    }),
    async (c) => c.json({ items: await listLinks(c.env, assertScope(authOf(c), "jobs:read").tenantId, c.req.valid("param").id, "share") }, 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}/share-links/{linkId}",
      tags,
      summary: "Revoke a share link",
      request: { params: LinkParams },
      responses: { 204: { description: "Revoked" }, ...errorResponses(...AUTHED_ERRORS, 404) },
    }),
    async (c) => {
      const { id, linkId } = c.req.valid("param");
      await revokeLink(c.env, assertScope(authOf(c), "jobs:write").tenantId, id, linkId, "share");
      return c.body(null, 204);
    },
  );

/** Public: GET /v1/feeds/{token}.ics */
export const feedRoutes = createApiRouter().openapi(
  createRoute({
    method: "get",
    path: "/{token}",
    tags,
    summary: "A calendar feed (iCalendar), for calendar apps to subscribe to",
    description: "Follows re-solves: when the job was forked and the fork succeeded, the feed serves the newest timetable with the same event UIDs.",
    request: { params: TokenParam },
    responses: { 200: { description: "text/calendar", content: { "text/calendar": { schema: z.string() } } }, ...errorResponses(404, 409) },
  }),
  async (c) => {
    const feed = await resolveFeed(c.env, c.req.valid("param").token);
    const x = await jobExport(c.env, feed.tenantId, feed.jobId, "ics", { view: feed.view, ...feed.options });
    const res = downloadResponse(x, "inline");
    res.headers.set("cache-control", "public, max-age=900");
    return res as never;
  },
);

/** Public: GET /v1/share/{token} and /v1/share/{token}/exports/{format} */
export const shareRoutes = createApiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{token}",
      tags,
      summary: "A shared job: figures, result and export links (read-only)",
      request: { params: TokenParam },
      responses: {
        200: {
          description: "The shared job (JSON, or a small HTML page when the client accepts text/html)",
          content: { "application/json": { schema: SharedJob }, "text/html": { schema: z.string() } },
        },
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const { token } = c.req.valid("param");
      const share = await resolveShare(c.env, token);
      const row = await getJob(c.env, share.tenantId, share.jobId);
      const result = await getJobResult(c.env, share.tenantId, share.jobId).catch(() => null);
      const base = `${origin(c.req.url)}/v1/share/${token}/exports/`;
      const formats = result?.best ? formatsForJob(row) : [];
      // Browsers get a small read-only page; API clients the JSON below.
      if ((c.req.header("accept") ?? "").includes("text/html")) {
        return c.html(
          sharedPage(
            row,
            formats.map((f) => ({ format: f, url: base + f })),
            share.expiresAt,
          ),
        ) as never;
      }
      return c.json(
        {
          job: {
            id: row.id,
            name: row.name,
            kind: row.kind,
            algorithm: row.algorithm,
            state: row.state,
            best: row.best,
            hard: row.hard,
            soft: row.soft,
            evaluations: row.evaluations,
            finishedAt: row.finishedAt?.toISOString() ?? null,
          },
          result: result as unknown as Record<string, unknown> | null,
          exports: formats.map((f) => ({ format: f, url: base + f })),
          expiresAt: share.expiresAt?.toISOString() ?? null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{token}/exports/{format}",
      tags,
      summary: "Download an export of a shared job",
      request: { params: TokenParam.extend({ format: z.string().openapi({ param: { name: "format", in: "path" } }) }), query: ExportQuery },
      responses: { 200: { description: "The file", content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } }, ...errorResponses(404, 409, 422) },
    }),
    async (c) => {
      const { token, format } = c.req.valid("param");
      const share = await resolveShare(c.env, token);
      return downloadResponse(await jobExport(c.env, share.tenantId, share.jobId, format, c.req.valid("query"))) as never;
    },
  );
