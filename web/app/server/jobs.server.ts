/**
 * The jobs service layer (worker/jobs/, docs/decisions/001-platform-seams.md) as the web app uses
 * it: loaders and actions call the same functions as /v1/jobs, never /v1 over HTTP. Every call
 * takes the tenant id, and another tenant's job answers 404 from the service itself.
 */
import { linkOrigin } from "@worker/auth/dev-origins";
import type { Env } from "@worker/env";
import type { AuthContext } from "@worker/http/vars";
import { cancelJob, createJob, forkJob, getJob, getJobLive, getJobResult, listJobs, pauseJob, resumeJob, type JobResultDocument, type JobRow } from "@worker/jobs/index";
import type { JobState } from "@worker/jobs/vocabulary";
import { jobView as apiJobView, type JobView as ApiJobView } from "@worker/jobs/view";
import { tierLimits } from "@worker/tenancy/admission";

export type { JobState } from "@worker/jobs/vocabulary";

/** The job as pages show it: the /v1 job resource (worker/jobs/view.ts) without receipt, links and webhook. */
export type JobView = Omit<ApiJobView, "receipt" | "links" | "webhookUrl" | "seed">;

export interface JobListQuery {
  state?: string;
  kind?: string;
  cursor?: string;
  limit?: number;
}

export interface CreateJobInput {
  kind: string;
  algorithm: string;
  parameters: Record<string, unknown>;
  /** None: the plan's default time budget. */
  budget?: { evaluations?: number; seconds?: number };
  problem: unknown;
  name?: string;
  islands?: number;
}

/** A job row as pages show it: the API's view of it (worker/jobs/view.ts) without receipt, links, webhook and seed. */
export function toJobView(row: JobRow): JobView {
  const { receipt: _receipt, links: _links, webhookUrl: _webhookUrl, seed: _seed, ...view } = apiJobView(row);
  return view;
}

/** A page of jobs, filtered by state and kind in the service (as GET /v1/jobs). */
export async function listJobsForPage(env: Env, tenantId: string, query: JobListQuery): Promise<{ jobs: JobView[]; nextCursor: string | null }> {
  const res = await listJobs(env, tenantId, { state: query.state as JobState | undefined, kind: query.kind, cursor: query.cursor, limit: query.limit });
  return { jobs: res.jobs.map((j) => toJobView(j)), nextCursor: res.nextCursor };
}

export async function getJobForPage(env: Env, tenantId: string, id: string): Promise<JobView> {
  return toJobView(await getJob(env, tenantId, id));
}

/** Fresher figures from the running job's runner (the D1 row is mirrored every few seconds). */
export async function getLiveFigures(env: Env, tenantId: string, id: string) {
  return getJobLive(env, tenantId, id);
}

/** The new-job form's time budget: the plan's default and its per-job limit (worker/tenancy/tiers.ts). */
export async function planBudget(env: Env, tenantId: string): Promise<{ tier: string; defaultSeconds: number; maxSeconds: number }> {
  const limits = await tierLimits(env, tenantId);
  return { tier: limits.tier, defaultSeconds: limits.defaultJobSeconds, maxSeconds: limits.computeSecondsPerJob };
}

/** A job from the new-job page; `request` puts a refusal's upgrade link on the visitor's trusted origin (worker/auth/dev-origins.ts). */
export async function createJobFromPage(env: Env, auth: AuthContext, input: CreateJobInput, request?: Request): Promise<JobView> {
  const row = await createJob(env, { tenantId: auth.tenantId, userId: auth.userId, requestId: auth.requestId, linkOrigin: request ? linkOrigin(env, request) : undefined }, input);
  return toJobView(row);
}

const CONTROLS = { pause: pauseJob, resume: resumeJob, cancel: cancelJob };

export async function controlJob(env: Env, tenantId: string, id: string, command: keyof typeof CONTROLS): Promise<void> {
  await CONTROLS[command](env, tenantId, id);
}

/**
 * Fork: a new job continuing from this one's latest checkpoint (worker/jobs/fork.ts, as POST /v1/jobs/{id}/fork);
 * `request` puts a refusal's upgrade link on the visitor's trusted origin, as createJobFromPage does.
 */
export async function forkJobFromPage(
  env: Env,
  auth: AuthContext,
  id: string,
  budget: { evaluations: number },
  parameters?: Record<string, number>,
  weights?: Record<string, number>,
  request?: Request,
): Promise<JobView> {
  const caller = { tenantId: auth.tenantId, userId: auth.userId, requestId: auth.requestId, linkOrigin: request ? linkOrigin(env, request) : undefined };
  const row = await forkJob(env, caller, id, {
    budget,
    parameters: parameters && Object.keys(parameters).length ? parameters : undefined,
    weights,
  });
  return toJobView(row);
}

/** The finished job's result document (best solution, figures, convergence history). */
export async function getJobResultForPage(env: Env, tenantId: string, id: string): Promise<JobResultDocument> {
  return getJobResult(env, tenantId, id);
}
