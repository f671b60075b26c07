/**
 * Share links and calendar feeds as the job page uses them: the same service functions as
 * /v1/jobs/{id}/share-links and /calendar-feeds (worker/links/service.ts), never /v1 over HTTP.
 * A share link opens this app's read-only page /share/<token> (the API's /v1/share/<token> is
 * JSON); a feed URL is the API's /v1/feeds/<token>.ics, which calendar apps subscribe to.
 */
import type { Env } from "@worker/env";
import { createCalendarFeed, createShareLink, listLinks, MAX_SHARE_HOURS, resolveShare, revokeLink } from "@worker/links/service";
import { getJob, getJobResult } from "@worker/jobs/index";

export { MAX_SHARE_HOURS };

export interface LinkItem {
  id: string;
  view: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export async function linksOfJob(env: Env, tenantId: string, jobId: string, isTimetable: boolean): Promise<{ share: LinkItem[]; feeds: LinkItem[] }> {
  const [share, feeds] = await Promise.all([listLinks(env, tenantId, jobId, "share"), isTimetable ? listLinks(env, tenantId, jobId, "calendar") : Promise.resolve([])]);
  const item = (l: Awaited<ReturnType<typeof listLinks>>[number]): LinkItem => ({ id: l.id, view: l.view, expiresAt: l.expiresAt, revokedAt: l.revokedAt, createdAt: l.createdAt });
  return { share: share.map(item), feeds: feeds.map(item) };
}

/** A new share link; the URL (with its secret token) exists only in this answer. */
export async function createShareUrl(env: Env, tenantId: string, jobId: string, hours: number, origin: string): Promise<string> {
  const link = await createShareLink(env, tenantId, jobId, hours, origin);
  const token = link.url.slice(link.url.lastIndexOf("/") + 1);
  return `${origin}/share/${token}`;
}

export async function createFeedUrl(env: Env, tenantId: string, jobId: string, view: string, origin: string): Promise<string> {
  return (await createCalendarFeed(env, tenantId, jobId, view, {}, origin)).url;
}

export async function revokeJobLink(env: Env, tenantId: string, jobId: string, linkId: string, kind: "share" | "calendar"): Promise<void> {
  await revokeLink(env, tenantId, jobId, linkId, kind);
}

/** The job behind a share token (404 ApiError when invalid, expired or revoked). */
export async function sharedJob(env: Env, token: string) {
  const share = await resolveShare(env, token);
  const row = await getJob(env, share.tenantId, share.jobId);
  const result = await getJobResult(env, share.tenantId, share.jobId).catch(() => null);
  return { share, row, result };
}
