/**
 * The figures a JobRunner shows: totals over islands, progress events and the status view.
 * Pure functions of the stored rows, so the same numbers reach events, D1 and the result.
 */
import { better } from "./loaded-solver";
import type { ProgressFigures } from "./progress-feed";
import type { IslandRow, RunnerStatus, RunnerStore } from "./runner-store";
import type { RaceResult } from "../jobs/vocabulary";
import { raceView } from "./race";
import type { JobState } from "./spec";

export interface JobView {
  jobId: string;
  state: JobState;
  evaluations: number;
  generation: number;
  computeMs: number;
  best: number | null;
  mean: number | null;
  hard: number | null;
  soft: number | null;
  reason: string | null;
  error: string | null;
  round: number;
  /** Island mode: ring migrations done so far. */
  migrations: number;
  islands: { island: number; seq: number; evaluations: number; best: number | null; inFlight: boolean }[];
  /** Race jobs only: the budget summary and the per-algorithm curve so far (worker/runtime/race.ts). */
  race?: RaceResult | null;
}

/** DO-mode chunk timing totals (benchmark): compute vs overhead, wall and CPU. */
export interface ChunkTiming {
  chunks: number;
  computeMs: number;
  overheadMs: number;
  cpuOverheadMs: number;
  checkpointBytes: number;
}

/** Sums over islands; best (and its hard/soft) from the best island in the problem's direction. */
export function islandTotals(problem: unknown, rows: IslandRow[]): Pick<RunnerStatus, "evaluations" | "generation" | "best" | "mean" | "hard" | "soft"> {
  let bestRow: IslandRow | null = null;
  let evaluations = 0;
  let generation = 0;
  let meanSum = 0;
  let means = 0;
  for (const r of rows) {
    evaluations += r.progress.evaluations;
    generation = Math.max(generation, r.progress.generation);
    if (r.progress.mean !== null && Number.isFinite(r.progress.mean)) {
      meanSum += r.progress.mean;
      means++;
    }
    if (better(problem, r.progress.best, bestRow?.progress.best ?? null)) bestRow = r;
  }
  return {
    evaluations,
    generation,
    best: bestRow?.progress.best ?? null,
    mean: means ? meanSum / means : null,
    hard: bestRow?.progress.hard ?? null,
    soft: bestRow?.progress.soft ?? null,
  };
}

export function progressFigures(s: RunnerStatus, rows: IslandRow[]): ProgressFigures {
  return {
    generation: s.generation,
    evaluations: s.evaluations,
    best: s.best,
    mean: s.mean,
    hard: s.hard,
    soft: s.soft,
    elapsedMs: s.startedAt ? Math.max(0, (s.finishedAt ?? Date.now()) - s.startedAt) : 0,
    computeMs: s.computeMs,
    state: s.state,
    reason: s.reason,
    error: s.error,
    ...(rows.length > 1 ? { islands: rows.map((r) => ({ island: r.island, seq: r.seq, evaluations: r.progress.evaluations, best: r.progress.best })) } : {}),
  };
}

export function jobView(store: RunnerStore): JobView {
  const spec = store.spec()!;
  const s = store.status()!;
  return {
    jobId: spec.jobId,
    state: s.state,
    evaluations: s.evaluations,
    generation: s.generation,
    computeMs: s.computeMs,
    best: s.best,
    mean: s.mean,
    hard: s.hard,
    soft: s.soft,
    reason: s.reason,
    error: s.error,
    round: s.round,
    migrations: store.getMeta<number>("migrations") ?? 0,
    islands: store.islands().map((r) => ({
      island: r.island,
      seq: r.seq,
      evaluations: r.progress.evaluations,
      best: r.progress.best,
      inFlight: r.deadline !== null,
    })),
    ...(spec.race ? { race: raceView(spec, store, store.islands()) } : {}),
  };
}
