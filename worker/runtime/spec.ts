/**
 * What a JobRunner is started with, decided once by the service layer at admission and stored in
 * the Durable Object. Everything that influences the solver's trajectory is in here (and in the
 * replay receipt), so the same spec always produces the same result.
 */

import type { RaceSpec } from "./race";

export { isTerminal, TERMINAL_STATES, type JobState } from "../jobs/vocabulary";

export interface JobSpec {
  jobId: string;
  tenantId: string;
  kind: string;
  algorithm: string;
  /** Resolved solver parameters (defaults filled in). */
  parameters: Record<string, unknown>;
  seed: number;
  /** Total evaluations over all islands; null for seconds-budgeted runs (not replayable). */
  maxEvaluations: number | null;
  /** Seconds budget as compute milliseconds; the run ends as `succeeded` when reached. */
  maxComputeMs: number | null;
  /**
   * Stop early at this best value (a known optimum or lower bound, or the job's own target);
   * null = none. Stop rules: worker/runtime/stop-rules.ts.
   */
  target?: number | null;
  /** Stop when the best has not improved for this share of the budget (0..1); null = never. */
  stallShare?: number | null;
  /**
   * Replays of runs that stopped on time or convergence: run exactly this many evaluations (the
   * original's receipt `evaluationsRun`) with the stop rules off. Null otherwise.
   */
  stopAtEvaluations?: number | null;
  /** The tier's compute limit per job; reaching it ends the run as `expired` (best kept). */
  computeLimitMs: number | null;
  /** R2 key of the problem document. */
  inputKey: string;
  islands: number;
  /** CPU target of one DO chunk; the evaluation budget adapts to it. */
  chunkTargetMs: number;
  /**
   * Islands: evaluations per island chunk. Fixed before the first round so island runs are
   * replayable; null = calibrated by the runner at start to ~`islandChunkTargetMs` of CPU and then
   * written into the job's receipt (a replay passes it back as `options.islandChunkEvaluations`).
   */
  islandChunkEvaluations: number | null;
  /** Islands: how long a chunk may stay unreported before the watchdog re-enqueues it. */
  islandDeadlineMs: number;
  /** Islands: migrate every this many rounds, this many individuals per island (ring). */
  migrateEvery: number;
  migrants: number;
  /**
   * Contributed compute (worker/contribute/): island units may be lent to connected contributors
   * (the tenant's setting must allow it too). Lease per unit and the share of units the server
   * re-runs after a contributor's probation; defaults in worker/contribute/lender.ts.
   */
  allowContributions?: boolean;
  contributionLeaseMs?: number;
  contributionSampleRate?: number;
  /**
   * `algorithm: "race"`: one island per algorithm, budget by successive halving (worker/runtime/race.ts,
   * core/engine/race.ts): the plan and each algorithm's resolved parameters. Absent for other jobs.
   */
  race?: RaceSpec | null;
  /**
   * Fork: start from this job's latest checkpoint (same tenant, kind, algorithm and input).
   * `warmStart`: a fork from a timetable edited by hand (worker/jobs/school-edit.ts) continues from
   * this solution instead of the parent's (Solver.warmStart); dropped from the stored spec once applied.
   */
  startFrom?: { jobId: string; evaluations: number; warmStart?: { start: number[]; room: number[] } } | null;
  /**
   * The id of the request that created the job. Runner, coordinator and queue log lines carry it
   * (with tenant and job ids), so one grep follows a job from its POST to its last chunk.
   */
  requestId?: string;
}

/** Fields every log line about a job carries (request, tenant and job ids). */
export function jobLogFields(spec: Pick<JobSpec, "tenantId" | "jobId" | "requestId">): { requestId?: string; tenantId: string; jobId: string } {
  return { ...(spec.requestId ? { requestId: spec.requestId } : {}), tenantId: spec.tenantId, jobId: spec.jobId };
}

/** Island seeds differ per island but follow from the job's seed (deterministic). */
export function islandSeed(seed: number, island: number): number {
  if (island === 0) return seed >>> 0;
  let h = (seed ^ Math.imul(island + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Island i's share of the total evaluations (the remainder goes to the first islands). */
export function islandEvaluations(total: number | null, islands: number, island: number): number {
  if (total === null) return Number.POSITIVE_INFINITY;
  const base = Math.floor(total / islands);
  return base + (island < total % islands ? 1 : 0);
}

export const RUNTIME_DEFAULTS = {
  chunkTargetMs: 300,
  islandDeadlineMs: 60_000,
  migrateEvery: 2,
  migrants: 2,
  /** Islands: CPU target of one (longer) island chunk in the queue consumer. */
  islandChunkTargetMs: 2_000,
  /** Checkpoints above this go to R2 with a pointer (DO values are limited to ~2 MB). */
  inlineCheckpointBytes: 1_500_000,
  /** D1 mirror at most this often while running (state changes always write). */
  mirrorIntervalMs: 2_000,
  /** The running (or paused) job renews its admission slot's lease this often (lease: 5 min). */
  leaseRenewMs: 60_000,
  /** Progress pushes at most this often (≤ 10/s). */
  broadcastIntervalMs: 100,
};
