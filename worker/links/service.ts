/**
 * Calendar feeds (a secret URL per room / group / instructor of a timetabling job, revocable)
 * and share links (signed, expiring, read-only access to a job's result and exports). Rows live
 * in `access_link`; every query is scoped by tenant, and a public request resolves a token to
 * exactly one tenant's job.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { allViewRefs, parseSchoolViewRef, parseViewRef, schoolCalendarRefs, schoolViewRefString, viewRefString } from "@core/exports/index";
import { isSchoolProblem, type SchoolProblem } from "@core/school/index";
import { compileProblem } from "@core/index";
import type { TimetablingProblem } from "@core/timetabling/problem";
import { accessLink, job } from "../db/schema";
import type { Env } from "../env";
import { ApiError, validationError } from "../http/problem";
import { getJob, type JobRow } from "../jobs/job-queries";
import { getJson, jobKeys } from "../storage/blobs";
import { randomToken, sha256Hex, signShareToken, verifyShareToken } from "./tokens";

export type LinkRow = typeof accessLink.$inferSelect;

export const MAX_SHARE_HOURS = 24 * 30;

export interface FeedOptions {
  start?: string;
  weeks?: number;
  tz?: string;
}

const linkId = (prefix: string) => `${prefix}_${crypto.randomUUID().replaceAll("-", "")}`;
const gone = () => new ApiError(404, "not-found", "Not found", "This link does not exist, was revoked or has expired.");

function secretOf(env: Env): string {
  if (!env.BETTER_AUTH_SECRET) throw new ApiError(503, "not-configured", "Links unavailable", "Share links need BETTER_AUTH_SECRET to be set.");
  return env.BETTER_AUTH_SECRET;
}

/** Feed options ride along in `view` as a query string ("room:R1?weeks=10"). */
function splitView(stored: string): { view: string; options: FeedOptions } {
  const [view, query = ""] = stored.split("?", 2);
  const q = new URLSearchParams(query);
  return { view, options: { start: q.get("start") ?? undefined, weeks: q.has("weeks") ? Number(q.get("weeks")) : undefined, tz: q.get("tz") ?? undefined } };
}

export function linkView(row: LinkRow) {
  const { view, options } = row.view ? splitView(row.view) : { view: null, options: {} };
  return {
    id: row.id,
    jobId: row.jobId,
    kind: row.kind as "calendar" | "share",
    view,
    options,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createCalendarFeed(env: Env, tenantId: string, jobId: string, view: string, options: FeedOptions, origin: string) {
  const row = await getJob(env, tenantId, jobId);
  if (row.kind !== "timetabling") throw validationError([{ path: "view", message: `calendar feeds exist for timetabling jobs, not ${row.kind}` }]);
  const doc = await getJson(env.BLOBS, row.inputKey ?? jobKeys.input(tenantId, jobId));
  const compiled = doc === null ? null : compileProblem(doc).problem;
  let viewString: string;
  if (isSchoolProblem(compiled) || (compiled === null && row.algorithm === "school")) {
    // FET school jobs: a calendar per teacher, students set or room (core/exports/school.ts).
    const ref = parseSchoolViewRef(view);
    if (!ref || ref.kind === "subject") throw validationError([{ path: "view", message: "must look like teacher:<name>, students:<name> or room:<name>" }]);
    if (compiled && !schoolCalendarRefs(compiled as SchoolProblem).some((v) => v.kind === ref.kind && v.id === ref.id)) {
      throw validationError([{ path: "view", message: `this timetable has no ${schoolViewRefString(ref)}` }]);
    }
    viewString = schoolViewRefString(ref);
  } else {
    const ref = parseViewRef(view);
    if (!ref) throw validationError([{ path: "view", message: "must look like room:<id>, group:<id> or instructor:<id>" }]);
    const problem = compiled as TimetablingProblem | null;
    if (problem && !allViewRefs(problem).some((v) => v.kind === ref.kind && v.id === ref.id)) {
      throw validationError([{ path: "view", message: `this timetable has no ${viewRefString(ref)}` }]);
    }
    viewString = viewRefString(ref);
  }
  const token = randomToken();
  const q = new URLSearchParams();
  if (options.start) q.set("start", options.start);
  if (options.weeks) q.set("weeks", String(options.weeks));
  if (options.tz) q.set("tz", options.tz);
  const stored = viewString + (q.size ? `?${q}` : "");
  const link = { id: linkId("cal"), tenantId, jobId, kind: "calendar", view: stored, tokenHash: await sha256Hex(token), createdAt: new Date() };
  await drizzle(env.DB).insert(accessLink).values(link);
  return { ...linkView(link as LinkRow), url: `${origin}/v1/feeds/${token}.ics` };
}

export async function createShareLink(env: Env, tenantId: string, jobId: string, hours: number, origin: string) {
  await getJob(env, tenantId, jobId);
  const id = linkId("shr");
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  const token = await signShareToken(secretOf(env), id, expiresAt);
  const link = { id, tenantId, jobId, kind: "share", view: null, tokenHash: await sha256Hex(token), expiresAt, createdAt: new Date() };
  await drizzle(env.DB).insert(accessLink).values(link);
  return { ...linkView(link as LinkRow), url: `${origin}/v1/share/${token}` };
}

export async function listLinks(env: Env, tenantId: string, jobId: string, kind: "calendar" | "share") {
  await getJob(env, tenantId, jobId);
  const rows = await drizzle(env.DB)
    .select()
    .from(accessLink)
    .where(and(eq(accessLink.tenantId, tenantId), eq(accessLink.jobId, jobId), eq(accessLink.kind, kind)))
    .orderBy(desc(accessLink.createdAt));
  return rows.map(linkView);
}

export async function revokeLink(env: Env, tenantId: string, jobId: string, id: string, kind: "calendar" | "share"): Promise<void> {
  await getJob(env, tenantId, jobId);
  const done = await drizzle(env.DB)
    .update(accessLink)
    .set({ revokedAt: new Date() })
    .where(and(eq(accessLink.tenantId, tenantId), eq(accessLink.jobId, jobId), eq(accessLink.id, id), eq(accessLink.kind, kind), isNull(accessLink.revokedAt)))
    .returning({ id: accessLink.id });
  if (!done.length) throw new ApiError(404, "not-found", "Not found", `No active link ${id} on job ${jobId}.`);
}

async function activeByHash(env: Env, token: string, kind: "calendar" | "share"): Promise<LinkRow> {
  const [row] = await drizzle(env.DB)
    .select()
    .from(accessLink)
    .where(and(eq(accessLink.tokenHash, await sha256Hex(token)), eq(accessLink.kind, kind)));
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) throw gone();
  return row;
}

/**
 * The newest succeeded re-solve (fork) of a feed's job, so a subscribed calendar follows the
 * timetable as it is re-solved; the feed's own job when it has none.
 */
async function latestSolved(env: Env, root: JobRow): Promise<JobRow> {
  const db = drizzle(env.DB);
  let current = root;
  for (let hops = 0; hops < 50; hops++) {
    const [child] = await db
      .select()
      .from(job)
      .where(and(eq(job.tenantId, root.tenantId), eq(job.parentJobId, current.id), eq(job.state, "succeeded")))
      .orderBy(desc(job.createdAt))
      .limit(1);
    if (!child) break;
    current = child;
  }
  return current;
}

/** A feed token → the tenant, the job to render and the view with its calendar options. */
export async function resolveFeed(env: Env, token: string) {
  const row = await activeByHash(env, token.replace(/\.ics$/, ""), "calendar");
  const jobRow = await getJob(env, row.tenantId, row.jobId).catch(() => {
    throw gone();
  });
  const target = await latestSolved(env, jobRow);
  return { tenantId: row.tenantId, jobId: target.id, ...splitView(row.view ?? "") };
}

/** A share token → tenant and job (signature and expiry checked first, then revocation). */
export async function resolveShare(env: Env, token: string) {
  const id = await verifyShareToken(secretOf(env), token);
  if (!id) throw gone();
  const row = await activeByHash(env, token, "share");
  if (row.id !== id) throw gone();
  return { tenantId: row.tenantId, jobId: row.jobId, expiresAt: row.expiresAt };
}
