/**
 * Trust nothing: the checks a contributed unit must pass before the server accepts it
 * (docs/decisions/008-contributed-compute.md, "Trust model"). Each check is its own function
 * returning null when it passes or a plain-language reason when it does not; `verifyUnit` runs
 * them in order. The server derives every figure it keeps from the returned checkpoint itself;
 * the contributor's reported progress only has to agree with it.
 */
import type { Progress } from "@core/engine/contract";
import { reevaluateBest, runUnit, storedProgress, type PreparedJob } from "./compute";

export interface ContributedUnit {
  /** The checkpoint the unit started from (the server's own) and its figures. */
  before: { checkpoint: Uint8Array; progress: Progress };
  /** The unit's evaluation budget (`step(state, { evaluations })`). */
  evaluations: number;
  /** What the contributor returned. */
  returned: { checkpoint: Uint8Array; progress: Progress };
  /** Re-run the unit on the server and compare bytes (the sampled check). */
  rerun: boolean;
}

export type UnitVerdict = { ok: true; progress: Progress } | { ok: false; check: string; reason: string };

/** The returned checkpoint must restore under the job's own problem (a garbled or foreign one fails). */
export function restoresCleanly(job: PreparedJob, bytes: Uint8Array): { state: unknown } | { reason: string } {
  try {
    return { state: job.solver.restore(job.problem, bytes) };
  } catch (e) {
    return { reason: `the returned checkpoint does not restore: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The figures the contributor reported must be exactly those its checkpoint holds. */
export function progressMatchesCheckpoint(reported: Progress, derived: Progress): string | null {
  for (const k of ["generation", "evaluations", "best", "mean", "done", "hard", "soft"] as const) {
    const a = reported[k] ?? null;
    const b = derived[k] ?? null;
    if (!Object.is(a, b)) return `reported ${k} ${String(a)} but the checkpoint holds ${String(b)}`;
  }
  return null;
}

/** The unit must have done its budget: more evaluations and iterations than before, the whole budget unless the island finished. */
export function evaluationsAdvanced(before: Progress, after: Progress, budget: number): string | null {
  if (before.done) return "the island had already finished";
  if (!(after.evaluations > before.evaluations) || !(after.generation > before.generation)) {
    return `the checkpoint did not advance (evaluations ${before.evaluations} → ${after.evaluations}, iterations ${before.generation} → ${after.generation})`;
  }
  if (!after.done && after.evaluations < before.evaluations + budget) {
    return `the unit ran ${after.evaluations - before.evaluations} evaluations of its ${budget}`;
  }
  return null;
}

/** The best so far never gets worse in the problem's direction. */
export function bestNotWorse(before: Progress, after: Progress, direction: "minimize" | "maximize"): string | null {
  if (before.best === null || !Number.isFinite(before.best)) return null;
  if (after.best === null || !Number.isFinite(after.best)) return "the best value disappeared";
  const worse = direction === "maximize" ? after.best < before.best : after.best > before.best;
  return worse ? `the best went from ${before.best} to the worse ${after.best}` : null;
}

/** The best solution in the checkpoint, evaluated afresh by the server, must give exactly the claimed best value. */
export function bestReevaluates(job: PreparedJob, state: unknown, derived: Progress): string | null {
  const best = job.solver.best(state);
  let value: number;
  try {
    value = reevaluateBest(job.kind, job.problem, best);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (!Object.is(value, best.value)) return `the best solution evaluates to ${value}, not the claimed ${best.value}`;
  if (derived.best !== null && !Object.is(value, derived.best)) return `the best solution evaluates to ${value}, the figures claim ${derived.best}`;
  return null;
}

/** The server's own run of the unit must produce the very same checkpoint bytes (runs are deterministic). */
export function matchesRerun(job: PreparedJob, before: Uint8Array, budget: number, returned: Uint8Array): string | null {
  const mine = runUnit(job, budget, before).checkpoint;
  if (mine.byteLength !== returned.byteLength) return `the server's re-run gives a ${mine.byteLength}-byte checkpoint, the contributor's has ${returned.byteLength}`;
  for (let i = 0; i < mine.byteLength; i++) if (mine[i] !== returned[i]) return `the server's re-run differs from the returned checkpoint at byte ${i}`;
  return null;
}

export function verifyUnit(job: PreparedJob, unit: ContributedUnit): UnitVerdict {
  const restored = restoresCleanly(job, unit.returned.checkpoint);
  if ("reason" in restored) return { ok: false, check: "restores", reason: restored.reason };
  const derived = storedProgress(job.solver.progress(restored.state));
  const direction = (job.problem as { direction?: "minimize" | "maximize" }).direction ?? "minimize";
  const checks: [string, () => string | null][] = [
    ["progress", () => progressMatchesCheckpoint(unit.returned.progress, derived)],
    ["advanced", () => evaluationsAdvanced(unit.before.progress, derived, unit.evaluations)],
    ["best-not-worse", () => bestNotWorse(unit.before.progress, derived, direction)],
    ["best-reevaluates", () => bestReevaluates(job, restored.state, derived)],
    ["rerun", () => (unit.rerun ? matchesRerun(job, unit.before.checkpoint, unit.evaluations, unit.returned.checkpoint) : null)],
  ];
  for (const [check, run] of checks) {
    const reason = run();
    if (reason) return { ok: false, check, reason };
  }
  return { ok: true, progress: derived };
}
