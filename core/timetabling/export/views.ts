/**
 * View models of a timetable for exporters and the web app: one grid (day × period → lectures)
 * per room, per curriculum (student group) and per instructor. Exporters (CSV, XLSX, ICS, HTML)
 * only format these; they never re-derive who is where.
 */
import type { TimetablingProblem } from "../problem";
import type { Timetable } from "../solution";

export interface GridEntry {
  course: string;
  /** 0-based lecture number within its course. */
  lecture: number;
  room: string;
  instructor: string | null;
  curricula: string[];
}

export interface GridView {
  kind: "room" | "curriculum" | "instructor";
  id: string;
  days: string[];
  periods: string[];
  /** cells[day][period] = lectures there (more than one only in an infeasible timetable). */
  cells: GridEntry[][][];
}

export type ViewKind = GridView["kind"];

/** All grids of one kind, e.g. `timetableViews(problem, t, "room")` → one grid per room. */
export function timetableViews(problem: TimetablingProblem, t: Timetable, kind: ViewKind): GridView[] {
  const ids = kind === "room" ? problem.roomIds : kind === "curriculum" ? problem.curriculumIds : problem.instructorIds;
  const grids: GridView[] = ids.map((id) => ({
    kind,
    id,
    days: problem.dayNames,
    periods: problem.slotNames,
    cells: problem.dayNames.map(() => problem.slotNames.map(() => [] as GridEntry[])),
  }));
  for (let l = 0; l < t.period.length; l++) {
    const p = t.period[l];
    if (p < 0) continue;
    const c = problem.lectureCourse[l];
    const teacher = problem.courseInstructor[c];
    const entry: GridEntry = {
      course: problem.courseIds[c],
      lecture: l - problem.courseFirstLecture[c],
      room: t.room[l] >= 0 ? problem.roomIds[t.room[l]] : "",
      instructor: teacher >= 0 ? problem.instructorIds[teacher] : null,
      curricula: [...problem.courseCurricula[c]].map((q) => problem.curriculumIds[q]),
    };
    const d = Math.floor(p / problem.slotsPerDay);
    const s = p % problem.slotsPerDay;
    const owners = kind === "room" ? (t.room[l] >= 0 ? [t.room[l]] : []) : kind === "curriculum" ? [...problem.courseCurricula[c]] : teacher >= 0 ? [teacher] : [];
    for (const o of owners) grids[o].cells[d][s].push(entry);
  }
  return grids;
}
