/**
 * Reading jobs and controlling them. Every function takes the tenant id and scopes its query by
 * it: another tenant's job id answers 404, exactly like an id that does not exist.
 */
import { and, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { job } from "../db/schema";
import type { Env } from "../env";
import { ApiError } from "../http/problem";
import { isTerminal, toSolutionDocument, type JobResultDocument, type JobState } from "./vocabulary";
import type { ControlResult } from "../runtime/job-runner";
import { deleteJobBlobs, getJson, jobKeys } from "../storage/blobs";

export type JobRow = typeof job.$inferSelect;

export function jobRunner(env: Env, jobId: string) {
  return env.JOB_RUNNER.get(env.JOB_RUNNER.idFromName(jobId));
}

function notFound(id: string): ApiError {
  return new ApiError(404, "not-found", "Job not found", `No job ${id}.`);
}

export async function getJob(env: Env, tenantId: string, id: string): Promise<JobRow> {
  const row = await drizzle(env.DB)
    .select()
    .from(job)
    .where(and(eq(job.id, id), eq(job.tenantId, tenantId)))
    .get();
  if (!row) throw notFound(id);
  return row;
}

export interface ListJobsQuery {
  limit?: number;
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor?: string;
  state?: JobState;
  kind?: string;
  /** Created at or after / strictly before (the API's createdAfter / createdBefore). */
  createdAfter?: Date;
  createdBefore?: Date;
}

/** Newest first, cursor-paginated on (createdAt, id) so pages are stable while jobs are added. */
export async function listJobs(env: Env, tenantId: string, query: ListJobsQuery = {}): Promise<{ jobs: JobRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
  const where: SQL[] = [eq(job.tenantId, tenantId)];
  if (query.state) where.push(eq(job.state, query.state));
  if (query.kind) where.push(eq(job.kind, query.kind));
  if (query.createdAfter) where.push(gte(job.createdAt, query.createdAfter));
  if (query.createdBefore) where.push(lt(job.createdAt, query.createdBefore));
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    const at = new Date(c.t);
    where.push(or(lt(job.createdAt, at), and(eq(job.createdAt, at), lt(job.id, c.id)))!);
  }
  const rows = await drizzle(env.DB)
    .select()
    .from(job)
    .where(and(...where))
    .orderBy(desc(job.createdAt), desc(job.id))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { jobs: page, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt.getTime(), last.id) : null };
}

function encodeCursor(t: number, id: string): string {
  return btoa(JSON.stringify({ t, id })).replace(/=+$/, "");
}

function decodeCursor(cursor: string): { t: number; id: string } {
  try {
    const c = JSON.parse(atob(cursor)) as { t: unknown; id: unknown };
    if (typeof c.t === "number" && typeof c.id === "string") return { t: c.t, id: c.id };
  } catch {
    // fall through
  }
  throw new ApiError(422, "validation-error", "Validation failed", "The cursor is not one this API issued.", { errors: [{ path: "cursor", message: "invalid cursor" }] });
}

async function control(env: Env, tenantId: string, id: string, action: "pause" | "resume" | "cancel", allowed: string): Promise<JobRow> {
  const row = await getJob(env, tenantId, id);
  const runner = jobRunner(env, id);
  const answer: ControlResult = await runner[action]();
  if (!answer.ok) {
    const state = answer.view?.state ?? row.state;
    throw new ApiError(409, "invalid-state", `Cannot ${action} this job`, `The job is ${state}; ${action} applies to ${allowed} jobs.`, { state });
  }
  return getJob(env, tenantId, id);
}

export const pauseJob = (env: Env, tenantId: string, id: string) => control(env, tenantId, id, "pause", "running");
export const resumeJob = (env: Env, tenantId: string, id: string) => control(env, tenantId, id, "resume", "paused");
/** Stops the job; its best-so-far result is written and stays downloadable. */
export const cancelJob = (env: Env, tenantId: string, id: string) => control(env, tenantId, id, "cancel", "queued, running or paused");

/** Deletes the job, its stored data and its runner (a running job is cancelled first). */
export async function deleteJob(env: Env, tenantId: string, id: string): Promise<void> {
  const row = await getJob(env, tenantId, id);
  const runner = jobRunner(env, id);
  if (!isTerminal(row.state as JobState)) await runner.cancel();
  await runner.destroy();
  await deleteJobBlobs(env.BLOBS, tenantId, id);
  await drizzle(env.DB)
    .delete(job)
    .where(and(eq(job.id, id), eq(job.tenantId, tenantId)));
}

/** The result document (best solution, figures, convergence); 409 until the job has ended. */
export async function getJobResult(env: Env, tenantId: string, id: string): Promise<JobResultDocument> {
  const row = await getJob(env, tenantId, id);
  const doc = await getJson<JobResultDocument>(env.BLOBS, row.resultKey ?? jobKeys.result(tenantId, id));
  if (!doc) {
    throw new ApiError(409, "result-not-ready", "Result not ready", `The job is ${row.state}; its result is written when it ends (cancel keeps the best so far).`, { state: row.state });
  }
  // Documents written before solutions were stored as plain arrays read the same way.
  return doc.best ? { ...doc, best: { ...doc.best, solution: toSolutionDocument(doc.best.solution) } } : doc;
}

/** Live figures from the runner (fresher than the D1 mirror); null for an unknown job. */
export async function getJobLive(env: Env, tenantId: string, id: string) {
  await getJob(env, tenantId, id);
  return jobRunner(env, id).status();
}
