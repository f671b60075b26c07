/**
 * The job vocabulary, one definition for the worker and the web app: states, terminal states,
 * kinds, the progress figures and events watchers receive, the convergence history's points and
 * the stored result document. Types and constants only (no runtime imports), so it is safe in the
 * browser bundle too.
 */
import type { RaceSummary } from "@core/engine/race";

export const JOB_STATES = ["queued", "running", "paused", "succeeded", "failed", "cancelled", "expired"] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States a job never leaves; its result document is then stored. */
export const TERMINAL_STATES = ["succeeded", "failed", "cancelled", "expired"] as const satisfies readonly JobState[];
export type TerminalState = (typeof TERMINAL_STATES)[number];

export function isTerminal(state: string): state is TerminalState {
  return (TERMINAL_STATES as readonly string[]).includes(state);
}

/** The problem kinds a job can have; the same keys as core's kind registry (core/index.ts `kinds`). */
export const JOB_KINDS = ["timetabling", "tsp", "continuous", "permutation"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** A running job's figures, as pushed to watchers and stored as the latest. */
export interface ProgressFigures {
  generation: number;
  evaluations: number;
  best: number | null;
  mean: number | null;
  hard?: number | null;
  soft?: number | null;
  elapsedMs: number;
  computeMs: number;
  state: JobState;
  islands?: { island: number; seq: number; evaluations: number; best: number | null }[];
  reason?: string | null;
  error?: string | null;
}

/** One pushed event (WebSocket message, SSE `progress` / `state` event). */
export interface ProgressEvent extends ProgressFigures {
  seq: number;
  type: "progress" | "state";
  at: number;
}

/** Why a run ended (worker/runtime/stop-rules.ts `StopReason`), in words for the job page. */
export const STOP_REASON_LABELS: Record<string, string> = {
  budget: "evaluation budget spent",
  time: "time budget spent",
  target: "known optimum reached",
  stall: "converged (no improvement for a share of the budget)",
  replayed: "replayed the original's evaluations",
  "plan-limit": "plan's compute limit reached",
  cancelled: "cancelled",
  failed: "failed",
};

export function stopReasonLabel(code: string | null | undefined): string | null {
  return code ? (STOP_REASON_LABELS[code] ?? code) : null;
}

/** The columns of a history point, in order. */
export const HISTORY_COLUMNS = ["evaluations", "best", "mean", "elapsedMs", "hard", "soft"] as const;

/** [evaluations, best, mean, elapsedMs, hard, soft] — compact so 500 points stay small. */
export type HistoryPoint = [number, number | null, number | null, number, (number | null)?, (number | null)?];

/** The first message to any watcher: current figures and the whole downsampled curve. */
export interface ProgressSnapshot {
  type: "snapshot";
  seq: number;
  latest: ProgressFigures | null;
  history: HistoryPoint[];
  historyColumns: string[];
}

/**
 * A best solution as stored, in plain arrays: a timetable's period and room per lecture, a FET
 * school timetable's start slot and room per activity (core/school/evaluate.ts), or the numbers of
 * a point, tour or ordering.
 */
export type SolutionDocument = number[] | { period: number[]; room: number[] } | { start: number[]; room: number[] };

/** The finished job's result document in R2 (GET /v1/jobs/{id}/result). */
export interface JobResultDocument {
  jobId: string;
  kind: string;
  algorithm: string;
  state: string;
  reason: string | null;
  /**
   * Why the run ended: "budget" (evaluations spent), "time" (seconds spent), "target" (a known
   * optimum or the job's target reached), "stall" (no improvement for a share of the budget),
   * "replayed", "plan-limit", "cancelled" or "failed" (worker/runtime/stop-rules.ts). Null in
   * results stored before it existed.
   */
  stopReason?: string | null;
  error: string | null;
  engineVersion: string;
  best: { value: number | null; solution: SolutionDocument; hard?: number; soft?: number; island: number } | null;
  figures: ProgressFigures;
  islands: { island: number; evaluations: number; generation: number; best: number | null }[];
  history: { columns: string[]; points: HistoryPoint[] };
  /** Race jobs (`algorithm: "race"`) only: how the budget was spent, per algorithm. */
  race?: RaceResult | null;
}

/**
 * A race's record (worker/runtime/race.ts, rules in core/engine/race.ts): the algorithms by island,
 * the budget summary (evaluations per algorithm, the rung after which each stopped, the winner)
 * and the anytime curve: points [race evaluations, best so far of algorithm 0, 1, …], null once
 * an algorithm stopped (≤ 500 points, downsampled like the history).
 */
export interface RaceResult {
  algorithms: string[];
  summary: RaceSummary;
  curve: (number | null)[][];
}

/**
 * A solver's best solution as a SolutionDocument: typed arrays become plain arrays. Result
 * documents stored before solutions were plain arrays hold typed arrays as {"0": …, "1": …}
 * objects; reading them through this gives the same plain arrays (worker/jobs/job-queries.ts).
 */
export function toSolutionDocument(solution: unknown): SolutionDocument {
  const list = (v: unknown): number[] => {
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, Number);
    if (Array.isArray(v)) return v.map(Number);
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      return Object.keys(o)
        .filter((k) => /^\d+$/.test(k))
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => Number(o[k]));
    }
    return [];
  };
  if (solution && typeof solution === "object" && !Array.isArray(solution) && !ArrayBuffer.isView(solution) && "period" in solution && "room" in solution) {
    const t = solution as { period: unknown; room: unknown };
    return { period: list(t.period), room: list(t.room) };
  }
  if (solution && typeof solution === "object" && !Array.isArray(solution) && !ArrayBuffer.isView(solution) && "start" in solution && "room" in solution) {
    const t = solution as { start: unknown; room: unknown };
    return { start: list(t.start), room: list(t.room) };
  }
  return list(solution);
}
