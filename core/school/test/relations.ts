/**
 * Tiny timetables for the activity-relation constraint tests (core/school/constraints/: consecutive,
 * grouped, ordered, same day / hour, min gaps, ends students' day, selected slots, subactivities…):
 * a `TinySchool` (./fet.ts: subjects, tags, split activities, student groups, breaks as raw
 * constraints) plus a placement by activity Id that is locked into the file, our verdict on it, and
 * fet-cl's verdict on the same file (accepted at 100%, and its soft conflicts below 100%).
 *
 * Days are D0, D1, …, hours H0, H1, … so `at(day, hour)` reads like the placement.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runFetCl } from "../cli/fetcl";
import { evaluateSchool, type SchoolEvaluation } from "../evaluate";
import { compileFet, type SchoolProblem } from "../problem";
import { constraint, fetText, type TinySchool } from "./fet";

export { hasFetCl, boardDisagreements } from "./locked";
import { LOCKED_CPU_SECONDS } from "./locked";

/** Placement by FET activity Id: [day, hour]; activities left out are not placed (nor locked). */
export type At = Record<number, [number, number]>;

export interface RelSpec extends Omit<TinySchool, "days" | "hours"> {
  days?: number;
  hours?: number;
  /** Slots that are 100% breaks ([day, hour]). */
  breaks?: [number, number][];
}

const dayName = (d: number) => `D${d}`;
const hourName = (h: number) => `H${h}`;

/** The `.fet` text with every placed activity locked by a 100% ConstraintActivityPreferredStartingTime. */
export function relFet(spec: RelSpec, at: At = {}): string {
  const days = Array.from({ length: spec.days ?? 3 }, (_, d) => dayName(d));
  const hours = Array.from({ length: spec.hours ?? 6 }, (_, h) => hourName(h));
  const locks = Object.entries(at).map(([id, [d, h]]) =>
    constraint(
      "ConstraintActivityPreferredStartingTime",
      100,
      `\t<Activity_Id>${id}</Activity_Id>\n\t<Preferred_Day>${dayName(d)}</Preferred_Day>\n\t<Preferred_Hour>${hourName(h)}</Preferred_Hour>\n\t<Permanently_Locked>true</Permanently_Locked>`,
    ),
  );
  const breaks = spec.breaks?.length
    ? [
        constraint(
          "ConstraintBreakTimes",
          100,
          `\t<Number_of_Break_Times>${spec.breaks.length}</Number_of_Break_Times>\n` +
            spec.breaks.map(([d, h]) => `\t<Break_Time>\n\t\t<Day>${dayName(d)}</Day>\n\t\t<Hour>${hourName(h)}</Hour>\n\t</Break_Time>`).join("\n"),
        ),
      ]
    : [];
  return fetText({ ...spec, days, hours, time: [...breaks, ...locks, ...(spec.time ?? [])] });
}

export interface RelVerdict {
  problem: SchoolProblem;
  evaluation: SchoolEvaluation;
  /** Σ violations of the elements of `type`. */
  violations(type: string): number;
}

/** Compile and evaluate the placement from scratch (activities not in `at` are unplaced). */
export function ours(spec: RelSpec, at: At): RelVerdict {
  const problem = compileFet(relFet(spec, at));
  const start = new Int32Array(problem.nActivities).fill(-1);
  for (let a = 0; a < problem.nActivities; a++) {
    const p = at[problem.actId[a]];
    if (p) start[a] = p[0] * problem.nHours + p[1];
  }
  const evaluation = evaluateSchool(problem, { start, room: new Int32Array(problem.nActivities).fill(-1) });
  return { problem, evaluation, violations: (type) => evaluation.constraints.filter((c) => c.type === type).reduce((s, c) => s + c.violations, 0) };
}

/**
 * fet-cl on the locked file (call only when `hasFetCl`): `accepted` when FET generates it at once,
 * i.e. the placement respects every 100% constraint, and then FET's "Total soft conflicts".
 */
export function theirs(spec: RelSpec, at: At, seconds = 2): { accepted: boolean; softConflicts?: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "fetcl-rel-"));
  try {
    const r = runFetCl(relFet(spec, at), seconds, { keep: dir, cpuSeconds: LOCKED_CPU_SECONDS });
    let softConflicts: number | undefined;
    const tt = join(dir, "out", "timetables");
    if (r.success && existsSync(tt)) {
      for (const sub of readdirSync(tt)) {
        const f = join(tt, sub, `${sub}_soft_conflicts.txt`);
        const m = existsSync(f) ? /Total soft conflicts:\s*([\d.]+)/.exec(readFileSync(f, "utf8")) : null;
        if (m) softConflicts = Number(m[1]);
      }
    }
    return { accepted: r.success, softConflicts, output: r.output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A constraint element naming activities: `ids("ConstraintActivitiesSameStartingDay", 100, [1, 2], "<MinGaps>1</MinGaps>")`. */
export function ids(type: string, weight: number, activityIds: number[], extra = ""): string {
  const list = `\t<Number_of_Activities>${activityIds.length}</Number_of_Activities>\n` + activityIds.map((i) => `\t<Activity_Id>${i}</Activity_Id>`).join("\n");
  return constraint(type, weight, extra ? `${list}\n${extra}` : list);
}

/** A two / three activities element: First_Activity_Id, Second_Activity_Id (, Third_Activity_Id). */
export function pair(type: string, weight: number, first: number, second: number, third?: number): string {
  const inner =
    `\t<First_Activity_Id>${first}</First_Activity_Id>\n\t<Second_Activity_Id>${second}</Second_Activity_Id>` + (third === undefined ? "" : `\n\t<Third_Activity_Id>${third}</Third_Activity_Id>`);
  return constraint(type, weight, inner);
}

/** Selected_Time_Slot elements. */
export function selected(slots: [number, number][]): string {
  return (
    `\t<Number_of_Selected_Time_Slots>${slots.length}</Number_of_Selected_Time_Slots>\n` +
    slots.map(([d, h]) => `\t<Selected_Time_Slot>\n\t\t<Selected_Day>${dayName(d)}</Selected_Day>\n\t\t<Selected_Hour>${hourName(h)}</Selected_Hour>\n\t</Selected_Time_Slot>`).join("\n")
  );
}

/** The first issue of the ProblemError compiling the spec throws, with the 1-based line where `needle` first occurs. */
export function refused(spec: RelSpec, needle: string): { path: string; message: string; line?: number; expectedLine: number } {
  const text = relFet(spec);
  const expectedLine = text.slice(0, text.indexOf(needle)).split("\n").length;
  try {
    compileFet(text);
  } catch (e) {
    const issue = (e as { issues?: { path: (string | number)[]; message: string; line?: number }[] }).issues?.[0];
    if (!issue) throw e;
    return { path: issue.path.join("/"), message: issue.message, line: issue.line, expectedLine };
  }
  throw new Error("compiling did not fail");
}
