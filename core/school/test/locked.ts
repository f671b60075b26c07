/**
 * Tiny `.fet` texts with a LOCKED timetable (every activity fixed by a 100%
 * ConstraintActivityPreferredStartingTime), for the teacher / students constraint tests in
 * core/school/constraints/: build the text, read our verdict on that timetable, check that the
 * incremental Board agrees with the from-scratch evaluation, and ask `fet-cl` for its verdict.
 *
 * Names: days D0, D1, …; hours H0, H1, …; subject S. Activities get Ids 1, 2, … in order.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Board } from "../board";
import { fetClAvailable, runFetCl } from "../cli/fetcl";
import { evaluateSchool, type SchoolEvaluation } from "../evaluate";
import { compileFet, SOFT_SCALE, type SchoolProblem } from "../problem";

export interface LockedActivity {
  teachers?: string[];
  students?: string[];
  day: number;
  hour: number;
  duration?: number;
}

export type LockedYear = string | { name: string; groups: (string | { name: string; subgroups: string[] })[] };

export interface LockedSpec {
  days?: number;
  hours?: number;
  teachers?: string[];
  years?: LockedYear[];
  activities: LockedActivity[];
  /** Extra time constraint elements, as XML. */
  constraints?: string[];
  /** Leave the activities free (no locking constraints): for compile-only tests. */
  unlocked?: boolean;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/**
 * Activities from a picture of one resource's week: one string per day, `X` = a one-hour
 * activity at that hour, anything else = free. E.g. `week(["XX.X", "...."], { teachers: ["T"] })`.
 */
export function week(days: string[], who: { teachers?: string[]; students?: string[] }): LockedActivity[] {
  const out: LockedActivity[] = [];
  days.forEach((row, day) => {
    for (let hour = 0; hour < row.length; hour++) if (row[hour] === "X") out.push({ ...who, day, hour });
  });
  return out;
}

/** The `.fet` text of a spec (FET 6 layout, accepted by fet-cl 6.8.5). */
export function lockedFet(spec: LockedSpec): string {
  const nDays = spec.days ?? 5;
  const nHours = spec.hours ?? 6;
  const teachers = spec.teachers ?? ["T"];
  const years = spec.years ?? ["Y"];
  const named = (tag: string, names: string[]) => names.map((n) => `<${tag}><Name>${esc(n)}</Name></${tag}>`).join("\n");
  const yearXml = years
    .map((y) => {
      if (typeof y === "string") return `<Year><Name>${esc(y)}</Name><Number_of_Students>1</Number_of_Students></Year>`;
      const groups = y.groups
        .map((g) => {
          if (typeof g === "string") return `<Group><Name>${esc(g)}</Name><Number_of_Students>1</Number_of_Students></Group>`;
          const subs = g.subgroups.map((s) => `<Subgroup><Name>${esc(s)}</Name><Number_of_Students>1</Number_of_Students></Subgroup>`).join("");
          return `<Group><Name>${esc(g.name)}</Name><Number_of_Students>1</Number_of_Students>${subs}</Group>`;
        })
        .join("\n");
      return `<Year><Name>${esc(y.name)}</Name><Number_of_Students>1</Number_of_Students>\n${groups}\n</Year>`;
    })
    .join("\n");
  const acts = spec.activities
    .map((a, i) => {
      const d = a.duration ?? 1;
      const t = (a.teachers ?? []).map((n) => `<Teacher>${esc(n)}</Teacher>`).join("");
      const s = (a.students ?? []).map((n) => `<Students>${esc(n)}</Students>`).join("");
      return `<Activity>${t}<Subject>S</Subject>${s}<Duration>${d}</Duration><Total_Duration>${d}</Total_Duration><Id>${i + 1}</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active><Comments></Comments></Activity>`;
    })
    .join("\n");
  const locks = spec.unlocked
    ? ""
    : spec.activities
        .map(
          (a, i) =>
            `<ConstraintActivityPreferredStartingTime><Weight_Percentage>100</Weight_Percentage><Activity_Id>${i + 1}</Activity_Id><Preferred_Day>D${a.day}</Preferred_Day><Preferred_Hour>H${a.hour}</Preferred_Hour><Permanently_Locked>true</Permanently_Locked><Active>true</Active><Comments></Comments></ConstraintActivityPreferredStartingTime>`,
        )
        .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
<Institution_Name>Test school</Institution_Name>
<Comments></Comments>
<Days_List>
<Number_of_Days>${nDays}</Number_of_Days>
${named(
  "Day",
  Array.from({ length: nDays }, (_, d) => `D${d}`),
)}
</Days_List>
<Hours_List>
<Number_of_Hours>${nHours}</Number_of_Hours>
${named(
  "Hour",
  Array.from({ length: nHours }, (_, h) => `H${h}`),
)}
</Hours_List>
<Subjects_List>
<Subject><Name>S</Name></Subject>
</Subjects_List>
<Activity_Tags_List>
</Activity_Tags_List>
<Teachers_List>
${named("Teacher", teachers)}
</Teachers_List>
<Students_List>
${yearXml}
</Students_List>
<Buildings_List>
</Buildings_List>
<Rooms_List>
</Rooms_List>
<Activities_List>
${acts}
</Activities_List>
<Time_Constraints_List>
<ConstraintBasicCompulsoryTime><Weight_Percentage>100</Weight_Percentage><Active>true</Active><Comments></Comments></ConstraintBasicCompulsoryTime>
${locks}
${(spec.constraints ?? []).join("\n")}
</Time_Constraints_List>
<Space_Constraints_List>
<ConstraintBasicCompulsorySpace><Weight_Percentage>100</Weight_Percentage><Active>true</Active><Comments></Comments></ConstraintBasicCompulsorySpace>
</Space_Constraints_List>
</fet>
`;
}

export interface Verdict {
  problem: SchoolProblem;
  evaluation: SchoolEvaluation;
  /** Σ violations of the elements of `type` (our count, FET's meaning). */
  violations(type: string): number;
}

/** Compile the spec and evaluate its locked timetable from scratch. */
export function ourVerdict(spec: LockedSpec): Verdict {
  const problem = compileFet(lockedFet(spec));
  const nHours = spec.hours ?? 6;
  const start = Int32Array.from(spec.activities, (a) => a.day * nHours + a.hour);
  const room = new Int32Array(spec.activities.length).fill(-1);
  const evaluation = evaluateSchool(problem, { start, room });
  return {
    problem,
    evaluation,
    violations: (type) => evaluation.constraints.filter((c) => c.type === type).reduce((s, c) => s + c.violations, 0),
  };
}

/** Small deterministic PRNG for the Board checks. */
function lcg(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 4294967296;
  };
}

/**
 * Random place / move / unplace steps on the incremental Board; after each step its hard and soft
 * costs must equal evaluateSchool's from scratch. Returns the number of steps whose costs differed
 * (0 when the Board agrees), so a test asserts `toBe(0)`.
 */
export function boardDisagreements(problem: SchoolProblem, steps = 300, seed = 7): number {
  const board = new Board(problem);
  const rnd = lcg(seed);
  const n = problem.nActivities;
  let bad = 0;
  const check = () => {
    const e = evaluateSchool(problem, { start: board.start, room: board.room });
    if (e.hard !== board.hard || Math.abs(e.soft - board.soft / SOFT_SCALE) > 1e-9) bad++;
  };
  check();
  for (let i = 0; i < steps && n > 0; i++) {
    const a = Math.floor(rnd() * n);
    if (board.start[a] >= 0 && rnd() < 0.2) {
      board.unplace(a);
    } else {
      const starts: number[] = [];
      for (let s = 0; s < problem.nSlots; s++) if (problem.fits[a * problem.nSlots + s]) starts.push(s);
      board.unplace(a);
      board.place(a, starts[Math.floor(rnd() * starts.length)], -1);
    }
    check();
  }
  return bad;
}

export const hasFetCl = fetClAvailable();

/**
 * CPU-seconds after which fet-cl counts a locked timetable as refused (runFetCl's `cpuSeconds`):
 * FET generates an acceptable tiny locked timetable at once — under 0.01 CPU-s in each of the 134
 * runs of core/school's tests that ended by themselves (bench/results/test-suite.md) — and searches
 * a refused one until it is stopped, ignoring its own --timelimitseconds. CPU time does not stretch
 * on a loaded machine as wall-clock time does, so one budget serves expected acceptances and
 * refusals alike, 25 times what an acceptance takes.
 */
export const LOCKED_CPU_SECONDS = 0.25;

export interface FetClVerdict {
  /** FET generated a timetable ("Simulation successful"): the locked timetable respects every 100% constraint. */
  accepted: boolean;
  /** FET's "Total soft conflicts" (Σ violations × weight / 100) when accepted. */
  softConflicts?: number;
  /** FET's log (why it refused). */
  log: string;
}

/**
 * FET's own --timelimitseconds where a refusal is expected. fet-cl 6.8.5 does not stop at it on a
 * locked timetable it cannot generate; LOCKED_CPU_SECONDS decides.
 */
export const REFUSE_SECONDS = 2;

/**
 * Run fet-cl on a locked timetable (call only when `hasFetCl`). A locked timetable that respects
 * every 100% constraint is generated at once; one that does not is refused at FET's precompute or
 * searched for in vain until fet-cl has used LOCKED_CPU_SECONDS of CPU. `seconds` is FET's own time
 * limit (REFUSE_SECONDS where a refusal is expected).
 */
export function fetClVerdict(spec: LockedSpec, seconds = 20): FetClVerdict {
  const dir = mkdtempSync(join(tmpdir(), "fetcl-locked-"));
  try {
    const r = runFetCl(lockedFet(spec), seconds, { keep: dir, cpuSeconds: LOCKED_CPU_SECONDS });
    let softConflicts: number | undefined;
    const tdir = join(dir, "out", "timetables");
    if (r.success && existsSync(tdir)) {
      for (const sub of readdirSync(tdir)) {
        const f = join(tdir, sub, `${sub}_soft_conflicts.txt`);
        if (!existsSync(f)) continue;
        const m = /Total soft conflicts:\s*([\d.]+)/.exec(readFileSync(f, "utf8"));
        if (m) softConflicts = Number(m[1]);
      }
    }
    return { accepted: r.success, softConflicts, log: r.output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One XML constraint element from a type name and its fields (Weight_Percentage first, Active last). */
export function element(type: string, weight: number, fields: Record<string, string | number | boolean>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => `<${k}>${esc(String(v))}</${k}>`)
    .join("");
  return `<${type}><Weight_Percentage>${weight}</Weight_Percentage>${body}<Active>true</Active><Comments></Comments></${type}>`;
}

/** The first issue of the ProblemError compiling the spec throws, and the 1-based line where `needle` first occurs in its text. */
export function refusal(spec: LockedSpec, needle: string): { path: string; message: string; line?: number; expectedLine: number } {
  const text = lockedFet(spec);
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

/** A 100% ConstraintBreakTimes element at the given [day, hour] pairs. */
export function breaks(pairs: [number, number][]): string {
  const items = pairs.map(([d, h]) => `<Break_Time><Day>D${d}</Day><Hour>H${h}</Hour></Break_Time>`).join("");
  return `<ConstraintBreakTimes><Weight_Percentage>100</Weight_Percentage><Number_of_Break_Times>${pairs.length}</Number_of_Break_Times>${items}<Active>true</Active><Comments></Comments></ConstraintBreakTimes>`;
}

/** A 100% ConstraintStudentsSetNotAvailableTimes element for `students` at the given [day, hour] pairs. */
export function studentsNotAvailable(students: string, pairs: [number, number][]): string {
  const items = pairs.map(([d, h]) => `<Not_Available_Time><Day>D${d}</Day><Hour>H${h}</Hour></Not_Available_Time>`).join("");
  return `<ConstraintStudentsSetNotAvailableTimes><Weight_Percentage>100</Weight_Percentage><Students>${esc(students)}</Students><Number_of_Not_Available_Times>${pairs.length}</Number_of_Not_Available_Times>${items}<Active>true</Active><Comments></Comments></ConstraintStudentsSetNotAvailableTimes>`;
}
