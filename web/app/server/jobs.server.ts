/**
 * The jobs service layer (worker/jobs/, docs/decisions/001-platform-seams.md) as the web app uses
 * it: loaders and actions call the same functions as /v1/jobs, never /v1 over HTTP. Every call
 * takes the tenant id, and another tenant's job answers 404 from the service itself.
 */
import type { Env } from "@worker/env";
import type { AuthContext } from "@worker/http/vars";
import { cancelJob, createJob, forkJob, getJob, getJobLive, getJobResult, listJobs, pauseJob, resumeJob, type JobResultDocument } from "@worker/jobs/index";

import type { JobState } from "@worker/jobs/vocabulary";
import type { JobView as ApiJobView } from "@worker/jobs/view";

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
  budget: { evaluations?: number; seconds?: number };
  problem: unknown;
  name?: string;
  islands?: number;
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : typeof v === "number" ? new Date(v).toISOString() : String(v));

/** Normalise whatever the service returns (D1 row or API resource) into the view pages use. */
export function toJobView(raw: Record<string, any>): JobView {
  const p = raw.progress;
  const progressObj = p && typeof p === "object" ? p : {};
  return {
    id: String(raw.id),
    name: raw.name ?? null,
    kind: String(raw.kind),
    algorithm: String(raw.algorithm),
    state: raw.state as JobState,
    progress: typeof p === "number" ? p : Number(progressObj.fraction ?? progressObj.progress ?? 0),
    generation: Number(raw.generation ?? progressObj.generation ?? 0),
    evaluations: Number(raw.evaluations ?? progressObj.evaluations ?? 0),
    best: raw.best ?? progressObj.best ?? null,
    hard: raw.hard ?? progressObj.hard ?? null,
    soft: raw.soft ?? progressObj.soft ?? null,
    computeMs: Number(raw.computeMs ?? progressObj.computeMs ?? 0),
    islands: Number(raw.islands ?? 1),
    parentJobId: raw.parentJobId ?? raw.parentId ?? null,
    parameters: raw.parameters ?? {},
    budget: raw.budget ?? {},
    size: raw.size ?? null,
    error: raw.error ?? null,
    createdAt: iso(raw.createdAt) ?? new Date(0).toISOString(),
    startedAt: iso(raw.startedAt),
    finishedAt: iso(raw.finishedAt),
  };
}

/** A page of jobs, filtered by state and kind in the service (as GET /v1/jobs). */
export async function listJobsForPage(env: Env, tenantId: string, query: JobListQuery): Promise<{ jobs: JobView[]; nextCursor: string | null }> {
  const res = await listJobs(env, tenantId, { state: query.state as JobState | undefined, kind: query.kind, cursor: query.cursor, limit: query.limit });
  return { jobs: res.jobs.map((j) => toJobView(j as unknown as Record<string, any>)), nextCursor: res.nextCursor };
}

export async function getJobForPage(env: Env, tenantId: string, id: string): Promise<JobView> {
  return toJobView((await getJob(env, tenantId, id)) as unknown as Record<string, any>);
}

/** Fresher figures from the running job's runner (the D1 row is mirrored every few seconds). */
export async function getLiveFigures(env: Env, tenantId: string, id: string) {
  return getJobLive(env, tenantId, id);
}

export async function createJobFromPage(env: Env, auth: AuthContext, input: CreateJobInput): Promise<JobView> {
  const row = await createJob(env, { tenantId: auth.tenantId, userId: auth.userId, requestId: auth.requestId }, input);
  return toJobView(row as unknown as Record<string, any>);
}

const CONTROLS = { pause: pauseJob, resume: resumeJob, cancel: cancelJob };

export async function controlJob(env: Env, tenantId: string, id: string, command: keyof typeof CONTROLS): Promise<void> {
  await CONTROLS[command](env, tenantId, id);
}

/** Fork: a new job continuing from this one's latest checkpoint (worker/jobs/fork.ts, as POST /v1/jobs/{id}/fork). */
export async function forkJobFromPage(
  env: Env,
  auth: AuthContext,
  id: string,
  budget: { evaluations: number },
  parameters?: Record<string, number>,
  weights?: Record<string, number>,
): Promise<JobView> {
  const row = await forkJob(env, { tenantId: auth.tenantId, userId: auth.userId, requestId: auth.requestId }, id, {
    budget,
    parameters: parameters && Object.keys(parameters).length ? parameters : undefined,
    weights,
  });
  return toJobView(row as unknown as Record<string, any>);
}

/** The finished job's result document (best solution, figures, convergence history). */
export async function getJobResultForPage(env: Env, tenantId: string, id: string): Promise<JobResultDocument> {
  return getJobResult(env, tenantId, id);
}
