/**
 * ITC-2007 solution files: one `course room day period` line per scheduled lecture.
 * The reader follows the official validator: unknown ids, out-of-range times and a repeated
 * course/period pair are skipped with a warning (they then count as missing lectures), so
 * evaluating what we read gives the validator's figures.
 */
import { ProblemError } from "../../engine/errors";
import type { TimetablingProblem } from "../problem";
import { placementsOf, type Placement, type Timetable } from "../solution";

export interface SolutionRead {
  placements: Placement[];
  /** Skipped lines, with why (the validator prints the same kind of warning). */
  warnings: { line: number; message: string }[];
}

/** Read a competition solution text against a compiled problem. */
export function readCttSolution(problem: TimetablingProblem, text: string): SolutionRead {
  const courses = new Map(problem.courseIds.map((id, i) => [id, i]));
  const rooms = new Map(problem.roomIds.map((id, i) => [id, i]));
  const placements: Placement[] = [];
  const warnings: SolutionRead["warnings"] = [];
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
    if (c === undefined) return void warnings.push({ line, message: `unknown course ${cid}` });
    if (r === undefined) return void warnings.push({ line, message: `unknown room ${rid}` });
    if (d >= problem.days || s >= problem.slotsPerDay) return void warnings.push({ line, message: `time ${d} ${s} out of range` });
    const p = d * problem.slotsPerDay + s;
    if (used.has(c * problem.periods + p)) return void warnings.push({ line, message: `course ${cid} already has a lecture at ${d} ${s}` });
    used.add(c * problem.periods + p);
    placements.push({ course: c, room: r, period: p });
  });
  return { placements, warnings };
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
