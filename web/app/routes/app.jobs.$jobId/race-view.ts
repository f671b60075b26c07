/**
 * A race job's record (worker/jobs/vocabulary.ts RaceResult) as the job page shows it: one row per
 * algorithm with its human title, evaluations, share of the race's budget, best value and outcome,
 * and the chart's series. Pure, so it is tested in Node (race-view.test.ts).
 */
import type { RaceResult } from "@worker/jobs/vocabulary";

export interface RaceRow {
  algorithm: string;
  title: string;
  evaluations: number;
  /** Share of the evaluations the race spent so far, 0..1. */
  share: number;
  best: number | null;
  /** "Winner", "Stopped after rung 2 of 4 (at 12,345 evaluations of the race)", "Running", … */
  outcome: string;
  winner: boolean;
}

const COLORS = ["#7cf0b5", "#6fb3ff", "#ffd479", "#ff8f8f", "#c9a0ff", "#7fe3f0", "#f0a37f"];

/** `running`: the job still runs (a finished job whose race had no winner stopped early: target, cancel, limit). */
export function raceRows(race: RaceResult, titles: Record<string, string>, running = true): RaceRow[] {
  const spent = race.summary.algorithms.reduce((s, a) => s + a.evaluations, 0);
  const rungs = race.summary.rungs.length;
  return race.summary.algorithms.map((a) => {
    const winner = race.summary.winner === a.algorithm;
    const outcome = winner
      ? "Winner: ran every rung"
      : a.droppedAfterRung !== null
        ? `Stopped after rung ${a.droppedAfterRung + 1} of ${rungs}${a.droppedAtRaceEvaluations !== null ? ` (at ${a.droppedAtRaceEvaluations.toLocaleString("en-US")} evaluations of the race)` : ""}`
        : race.summary.winner
          ? "Ran to the end"
          : running
            ? "Running"
            : "Running when the job stopped";
    return { algorithm: a.algorithm, title: titles[a.algorithm] ?? a.algorithm, evaluations: a.evaluations, share: spent > 0 ? a.evaluations / spent : 0, best: a.best, outcome, winner };
  });
}

/** One chart series per algorithm, in island order (the curve's columns after x). */
export function raceSeries(race: RaceResult, titles: Record<string, string>): { label: string; color: string }[] {
  return race.algorithms.map((a, i) => ({ label: titles[a] ?? a, color: COLORS[i % COLORS.length] }));
}

/** A log scale when every plotted value is positive (objective values spanning many decades). */
export function raceLogScale(race: RaceResult): boolean {
  let any = false;
  for (const p of race.curve) {
    for (let i = 1; i < p.length; i++) {
      const v = p[i];
      if (v === null || !Number.isFinite(v)) continue;
      if (v <= 0) return false;
      any = true;
    }
  }
  return any;
}
