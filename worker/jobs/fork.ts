/**
 * Fork and replay as service functions: POST /v1/jobs/{id}/fork and /replay (worker/jobs/routes.ts)
 * and the web app's fork form call these, so both follow one set of rules. Each ends in
 * createJob (worker/jobs/create-job.ts), which checks what a fork may change.
 */
import type { Env } from "../env";
import { ApiError } from "../http/problem";
import { getJson, jobKeys } from "../storage/blobs";
import { createJob, type CreateJobInput, type JobCaller } from "./create-job";
import { getJob, type JobRow } from "./job-queries";

export interface ForkChanges {
  /** Changed numeric rates and factors, merged over the parent's parameters. */
  parameters?: Record<string, unknown>;
  /** The child's additional budget; the parent's budget when absent. */
  budget?: { evaluations?: number; seconds?: number; stall?: number; target?: number };
  seed?: number;
  /** The parent's name + " (fork)" when absent. */
  name?: string;
  /** Timetabling only: soft-constraint weights replacing the parent's. */
  weights?: Record<string, unknown>;
  /** FET school jobs only: lessons moved and pinned by hand (worker/jobs/school-edit.ts); the child re-solves from the edit. */
  edit?: unknown;
}

/** A new job continuing from the parent's latest checkpoint (same problem and algorithm). */
export async function forkJob(env: Env, caller: JobCaller, parentId: string, changes: ForkChanges = {}): Promise<JobRow> {
  const parent = await getJob(env, caller.tenantId, parentId);
  return createJob(env, caller, {
    startFrom: { jobId: parent.id },
    parameters: changes.parameters ? { ...parent.parameters, ...changes.parameters } : undefined,
    budget: changes.budget ?? parent.budget,
    seed: changes.seed,
    name: changes.name ?? (parent.name ? `${parent.name} (fork)` : undefined),
    weights: changes.weights,
    edit: changes.edit,
  });
}

interface ReplayFields {
  replayable?: boolean;
  /** A FET school fork's weights (create-job.ts), applied again by its replay. */
  schoolWeights?: Record<string, unknown>;
  /** A fork from a timetable edited by hand (create-job.ts): its warm start is not stored. */
  edited?: boolean;
  /** Evaluations the run spent, recorded at finish (worker/runtime/d1-mirror.ts). */
  evaluationsRun?: number;
  stopReason?: string | null;
  islandChunkEvaluations?: number | null;
  migrateEvery?: number | null;
  migrants?: number | null;
}

/** Stops a replay reproduces by running the recorded evaluations (not cancels or failures). */
const REPLAY_TO_RECORDED = new Set(["budget", "time", "target", "stall", "replayed"]);

/**
 * Re-run a job from its receipt: same engine input, seed, budget and island settings. A fork
 * replays as a fork of the same parent with the weights its own input carries. A single-population
 * run that stopped on its budget, its time or convergence replays exactly the evaluations it spent
 * (`receipt.evaluationsRun`); other seconds-budgeted jobs are not replayable (409), nor jobs whose
 * input is gone (409).
 */
export async function replayJob(env: Env, caller: JobCaller, id: string): Promise<JobRow> {
  const row = await getJob(env, caller.tenantId, id);
  const receipt = (row.receipt ?? {}) as ReplayFields;
  if (receipt.edited) {
    throw new ApiError(409, "not-replayable", "Not replayable", "This job re-solved a timetable edited by hand: fork the parent with the same edit instead of replaying it.");
  }
  if (!receipt.replayable) {
    throw new ApiError(409, "not-replayable", "Not replayable", "Only jobs that ran to their budget, their time or convergence (or have an evaluation budget) replay exactly; this one did not.");
  }
  const toRecorded = row.islands === 1 && typeof receipt.evaluationsRun === "number" && receipt.evaluationsRun > 0 && REPLAY_TO_RECORDED.has(receipt.stopReason ?? "");
  const options =
    row.islands > 1
      ? { islandChunkEvaluations: receipt.islandChunkEvaluations ?? undefined, migrateEvery: receipt.migrateEvery ?? undefined, migrants: receipt.migrants ?? undefined }
      : toRecorded
        ? { stopAtEvaluations: receipt.evaluationsRun }
        : undefined;
  const base = { algorithm: row.algorithm, parameters: row.parameters, seed: row.seed, budget: row.budget, islands: row.islands, name: `replay of ${row.name ?? row.id}`, options };
  const problem = await getJson(env.BLOBS, row.inputKey ?? jobKeys.input(caller.tenantId, row.id));
  if (problem === null) throw new ApiError(409, "input-gone", "Input no longer stored", `The input of job ${row.id} is no longer stored.`);
  let input: CreateJobInput;
  if (row.parentJobId) {
    const weights = row.kind === "timetabling" ? ((problem as { weights?: Record<string, unknown> }).weights ?? receipt.schoolWeights ?? undefined) : undefined;
    input = { ...base, startFrom: { jobId: row.parentJobId }, weights };
  } else input = { ...base, problem };
  return createJob(env, caller, input);
}
