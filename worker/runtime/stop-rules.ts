/**
 * When a run stops before its budget is spent, and why. Each rule is a named pure function of the
 * job's spec and its status after a chunk (worker/runtime/job-run.ts `endOf` asks them in order):
 *
 * - `targetReached`: the best value reached a known optimum or lower bound — the job's own
 *   `budget.target`, a TSP document's `optimum`, a built-in continuous function's optimum, or a
 *   timetable with hard 0 and soft 0 (nothing left to improve).
 * - `stalled`: no improvement for `stallShare` of the budget (seconds of compute for a time
 *   budget, evaluations for an evaluation budget).
 *
 * The rules look at chunk boundaries, whose positions depend on measured rates; the evaluations
 * the run actually spent are recorded in the receipt (`evaluationsRun`), and a replay runs exactly
 * that many (spec `stopAtEvaluations`) with the rules off, so early stops replay exactly.
 */
import type { RunnerStatus } from "./runner-store";
import type { JobSpec } from "./spec";

/** Why a run ended, as a stable code (the human sentence is the job's `reason`). */
export type StopReason = "budget" | "time" | "target" | "stall" | "replayed" | "plan-limit" | "cancelled" | "failed";

/** Share of the budget without improvement after which a time-budgeted job stops by default. */
export const DEFAULT_STALL_SHARE = 0.25;

/** Relative tolerance when comparing a real-valued best with a known optimum. */
const TARGET_TOLERANCE = 1e-9;

/**
 * The value below which (above, when maximising) nothing better can exist or the caller wants no
 * more: the job's own target, else the problem's known optimum. Null when there is none.
 */
export function knownTarget(kind: string, doc: unknown, problem: unknown, own: number | undefined): number | null {
  if (own !== undefined && Number.isFinite(own)) return own;
  const d = (doc ?? {}) as { optimum?: unknown };
  if (kind === "tsp" && typeof d.optimum === "number" && Number.isFinite(d.optimum)) return d.optimum;
  // Timetables (ITC-2007 and FET): the best is the weighted cost, 0 = no hard and no soft violation.
  if (kind === "timetabling") return 0;
  const optimum = (problem as { optimum?: unknown } | null)?.optimum;
  if (kind === "continuous" && typeof optimum === "number" && Number.isFinite(optimum)) return optimum;
  return null;
}

/** True when `best` is at (or past) the target in the problem's direction. */
export function targetReached(best: number | null, target: number | null, direction: "minimize" | "maximize" = "minimize"): boolean {
  if (best === null || target === null || !Number.isFinite(best)) return false;
  const slack = TARGET_TOLERANCE * Math.max(1, Math.abs(target));
  return direction === "maximize" ? best >= target - slack : best <= target + slack;
}

/** Compute and evaluations at the last improvement of the best value (kept in the run's status). */
export interface ImprovementMark {
  improvedAtMs: number;
  improvedAtEvaluations: number;
}

/** The mark after a chunk: moved to now when the best improved, else unchanged. */
export function markImprovement(prev: ImprovementMark, improved: boolean, now: { computeMs: number; evaluations: number }): ImprovementMark {
  return improved ? { improvedAtMs: now.computeMs, improvedAtEvaluations: now.evaluations } : prev;
}

/**
 * No improvement for `stallShare` of the budget: for a time budget measured in compute ms, for an
 * evaluation budget in evaluations. Returns the sentence explaining the stop, or null.
 */
export function stalled(spec: Pick<JobSpec, "stallShare" | "maxComputeMs" | "maxEvaluations">, s: Pick<RunnerStatus, "computeMs" | "evaluations"> & Partial<ImprovementMark>): string | null {
  const share = spec.stallShare ?? null;
  if (share === null || !(share > 0 && share < 1)) return null;
  const pct = `${Math.round(share * 100)}% of the budget`;
  if (spec.maxComputeMs !== null) {
    const flat = s.computeMs - (s.improvedAtMs ?? 0);
    if (flat >= share * spec.maxComputeMs) return `no improvement in the last ${(flat / 1000).toFixed(1)} s of compute (${pct})`;
    return null;
  }
  if (spec.maxEvaluations !== null) {
    const flat = s.evaluations - (s.improvedAtEvaluations ?? 0);
    if (flat >= share * spec.maxEvaluations) return `no improvement in the last ${flat.toLocaleString("en-US")} evaluations (${pct})`;
  }
  return null;
}

/** A replay ends when it has run the evaluations the original recorded. */
export function replayDone(spec: Pick<JobSpec, "stopAtEvaluations">, evaluations: number): boolean {
  return spec.stopAtEvaluations != null && evaluations >= spec.stopAtEvaluations;
}

/** A chunk's evaluation budget never runs a replay past its recorded stop. */
export function capChunk(spec: Pick<JobSpec, "stopAtEvaluations">, evaluations: number, budget: number): number {
  if (spec.stopAtEvaluations == null) return budget;
  return Math.max(1, Math.min(budget, spec.stopAtEvaluations - evaluations));
}
