/**
 * The hook at a job's end. The JobRunner calls `onJobFinished` once per job, after the result is
 * in R2 and the final row is in D1. Features that react to finished jobs (the tenant's signed
 * webhook, e-mail, analytics) register a listener here instead of editing the runtime, from an
 * explicit register function the Worker's entry calls (worker/webhooks/index.ts,
 * `registerWebhookListener`, called in worker/index.ts and worker/app.ts).
 *
 * A listener that throws is retried with the rest of the finish steps (the runner's alarm), so
 * listeners must be idempotent (e.g. key the webhook delivery by `${job.id}:${job.state}`).
 */
import type { Env } from "../env";
import type { JobState } from "../runtime/spec";

export interface FinishedJob {
  id: string;
  tenantId: string;
  kind: string;
  algorithm: string;
  state: Extract<JobState, "succeeded" | "failed" | "cancelled" | "expired">;
  reason: string | null;
  error: string | null;
  best: number | null;
  evaluations: number;
  computeMs: number;
  resultKey: string | null;
  finishedAt: number;
}

export type JobFinishedListener = (env: Env, job: FinishedJob) => Promise<void>;

/** Everyone interested in finished jobs; run in order, each awaited. */
export const jobFinishedListeners: JobFinishedListener[] = [];

export async function onJobFinished(env: Env, finished: FinishedJob): Promise<void> {
  for (const listener of jobFinishedListeners) await listener(env, finished);
}

/** Progress of a running job, as the runner mirrors it (at most once a minute per job). */
export interface JobProgressUpdate {
  id: string;
  tenantId: string;
  state: JobState;
  generation: number;
  evaluations: number;
  best: number | null;
  hard: number | null;
  soft: number | null;
  computeMs: number;
}

export type JobProgressListener = (env: Env, update: JobProgressUpdate) => Promise<void>;

/**
 * Everyone interested in running jobs' progress (the tenant's throttled `job.progress` webhook).
 * The runner calls `onJobProgress` at most every PROGRESS_LISTENER_INTERVAL_MS per job; a failing
 * listener is logged and never stops the job.
 */
export const jobProgressListeners: JobProgressListener[] = [];
export const PROGRESS_LISTENER_INTERVAL_MS = 60_000;

export async function onJobProgress(env: Env, update: JobProgressUpdate): Promise<void> {
  for (const listener of jobProgressListeners) await listener(env, update);
}
