/**
 * Contributed compute for the web app (worker/contribute/): the job page's lend panel (whether
 * this job takes contributors, a fresh join link, who contributed what) and the public join page
 * /contribute/<job>?join=<token>. The same service functions as /v1/jobs/{id}/contribute/links and
 * /contributors, never /v1 over HTTP.
 */
import type { Env } from "@worker/env";
import { linkOrigin } from "@worker/auth/dev-origins";
import { getJob, jobRunner } from "@worker/jobs/job-queries";
import { DEFAULT_JOIN_LINK_SECONDS, joinUrl, signJoinToken, verifyJoinToken } from "@worker/contribute/join-link";
import { contributionSetting, jobContributors, type ContributorFigures } from "@worker/contribute/metering";

export interface LendState {
  contributable: boolean;
  /** Why not, in plain words (null when contributable). */
  reason: string | null;
  /** Same-origin WebSocket path with a fresh join token (this tab's own lending). */
  wsPath: string | null;
  /** The join link to hand to others (machines: `npm run contribute -- <url>`). */
  joinUrl: string | null;
  contributors: ContributorFigures[];
}

function wsPathOf(jobId: string, token: string): string {
  return `/v1/jobs/${encodeURIComponent(jobId)}/contribute?join=${encodeURIComponent(token)}`;
}

export async function lendStateForPage(env: Env, tenantId: string, jobId: string, request: Request): Promise<LendState> {
  await getJob(env, tenantId, jobId); // 404 for another tenant's job
  const contributors = await jobContributors(env, tenantId, jobId);
  const setting = await contributionSetting(env, tenantId);
  const none = (reason: string): LendState => ({ contributable: false, reason, wsPath: null, joinUrl: null, contributors });
  if (!setting.allowContributions) return none("Contributed compute is off for this organization (an admin can allow it: PUT /v1/contribute/settings).");
  const terms = await jobRunner(env, jobId).contributionTerms(tenantId, "link:page");
  if (!terms.ok) return none(`This job takes no contributors: ${terms.reason}.`);
  if (!env.BETTER_AUTH_SECRET) return none("The server has no signing secret for join links.");
  const token = await signJoinToken(env.BETTER_AUTH_SECRET, jobId, new Date(Date.now() + DEFAULT_JOIN_LINK_SECONDS * 1000));
  return { contributable: true, reason: null, wsPath: wsPathOf(jobId, token), joinUrl: joinUrl(linkOrigin(env, request), jobId, token), contributors };
}

/** The public join page: the job's name and kind when the token is genuine and unexpired; null otherwise. */
export async function joinPageData(env: Env, jobId: string, token: string): Promise<{ jobId: string; name: string | null; kind: string; state: string; expiresAt: string; wsPath: string } | null> {
  if (!env.BETTER_AUTH_SECRET) return null;
  const link = await verifyJoinToken(env.BETTER_AUTH_SECRET, token, jobId);
  if (!link) return null;
  const row = await env.DB.prepare("SELECT name, kind, state FROM job WHERE id = ?").bind(jobId).first<{ name: string | null; kind: string; state: string }>();
  if (!row) return null;
  return { jobId, name: row.name, kind: row.kind, state: row.state, expiresAt: new Date(link.expiresAt).toISOString(), wsPath: wsPathOf(jobId, token) };
}
