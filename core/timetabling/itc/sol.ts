/**
 * ITC-2007 solution files: one `course room day period` line per scheduled lecture.
 * The reader follows the official validator: unknown ids, out-of-range times and a repeated
 * course/period pair are skipped with a warning (they then count as missing lectures), so
 * evaluating what we read gives the validator's figures.
 */
import { ProblemError } from "../../engine/errors";
import { checkTextBytes, MAX_SOLUTION_BYTES } from "../limits";
import type { TimetablingProblem } from "../problem";
import { placementsOf, type Placement, type Timetable } from "../solution";

export interface SolutionRead {
  placements: Placement[];
  /** Skipped lines, with why (the validator prints the same kind of warning); the first MAX_WARNINGS. */
  warnings: { line: number; message: string }[];
  /** How many lines were skipped in all (more than `warnings.length` when it was cut). */
  skipped: number;
}

/** Most warnings kept for one solution text (the rest are only counted). */
export const MAX_WARNINGS = 1_000;

/** Read a competition solution text (at most MAX_SOLUTION_BYTES) against a compiled problem. */
export function readCttSolution(problem: TimetablingProblem, text: string): SolutionRead {
  if (typeof text !== "string") throw new ProblemError({ path: ["solution"], message: "must be solution text (course room day period per line)" });
  checkTextBytes("MAX_SOLUTION_BYTES", MAX_SOLUTION_BYTES, text, { path: ["solution"] }, "the solution text");
  const courses = new Map(problem.courseIds.map((id, i) => [id, i]));
  const rooms = new Map(problem.roomIds.map((id, i) => [id, i]));
  const placements: Placement[] = [];
  const warnings: SolutionRead["warnings"] = [];
  let skipped = 0;
  const warn = (w: { line: number; message: string }): void => {
    if (skipped++ < MAX_WARNINGS) warnings.push(w);
  };
  const used = new Set<number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const tok = raw.trim().split(/\s+/).filter(Boolean);
    if (!tok.length) return;
    const line = i + 1;
    if (tok.length !== 4) {
      throw new ProblemError({ path: ["solution"], line, message: `expected "course room day period", got ${tok.length} fields` });
    }
    const [cid, rid, ds, ss] = tok;
    if (!/^\d+$/.test(ds) || !/^\d+$/.test(ss)) {
      throw new ProblemError({ path: ["solution"], line, message: "day and period must be non-negative integers" });
    }
    const c = courses.get(cid);
    const r = rooms.get(rid);
    const d = Number(ds);
    const s = Number(ss);
    if (c === undefined) return void warn({ line, message: `unknown course ${cid}` });
    if (r === undefined) return void warn({ line, message: `unknown room ${rid}` });
    if (d >= problem.days || s >= problem.slotsPerDay) return void warn({ line, message: `time ${d} ${s} out of range` });
    const p = d * problem.slotsPerDay + s;
    if (used.has(c * problem.periods + p)) return void warn({ line, message: `course ${cid} already has a lecture at ${d} ${s}` });
    used.add(c * problem.periods + p);
    placements.push({ course: c, room: r, period: p });
  });
  return { placements, warnings, skipped };
}

/** Write a timetable in the competition format (unscheduled lectures are left out). */
export function writeCttSolution(problem: TimetablingProblem, t: Timetable): string {
  return placementsOf(problem, t)
    .map((pl) => {
      const d = Math.floor(pl.period / problem.slotsPerDay);
      const s = pl.period % problem.slotsPerDay;
      return `${problem.courseIds[pl.course]} ${problem.roomIds[pl.room]} ${d} ${s}\n`;
    })
    .join("");
}
