/**
 * What the solver assigns: each lecture's period and room (a Timetable), and the flat list of
 * placements the evaluator scores. Placements are what a competition solution file holds; they can
 * have more or fewer entries per course than required, which a Timetable (one slot per lecture)
 * cannot express, so the evaluator works on placements to match the official validator exactly.
 */
import type { TimetablingProblem } from "./problem";

/** Lecture → period / room; -1 = not scheduled. Plain arrays of small integers. */
export interface Timetable {
  period: Int16Array;
  room: Int16Array;
}

/** One scheduled lecture: course, room and period indices. */
export interface Placement {
  course: number;
  room: number;
  period: number;
}

export function emptyTimetable(problem: TimetablingProblem): Timetable {
  const n = problem.lectureCourse.length;
  return { period: new Int16Array(n).fill(-1), room: new Int16Array(n).fill(-1) };
}

/**
 * The placements a timetable stands for. Like the validator reading our written file, a second
 * lecture of one course in one period is dropped (it would be skipped there and count as missing).
 */
export function placementsOf(problem: TimetablingProblem, t: Timetable): Placement[] {
  const seen = new Set<number>();
  const out: Placement[] = [];
  for (let l = 0; l < t.period.length; l++) {
    const p = t.period[l];
    if (p < 0) continue;
    const c = problem.lectureCourse[l];
    const key = c * problem.periods + p;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ course: c, room: t.room[l], period: p });
  }
  return out;
}

/** Give placements to lectures, course by course in order; surplus placements are dropped. */
export function timetableFromPlacements(problem: TimetablingProblem, list: readonly Placement[]): Timetable {
  const t = emptyTimetable(problem);
  const next = Int32Array.from(problem.courseFirstLecture.subarray(0, problem.courseIds.length));
  for (const pl of list) {
    const l = next[pl.course];
    if (l >= problem.courseFirstLecture[pl.course + 1]) continue;
    t.period[l] = pl.period;
    t.room[l] = pl.room;
    next[pl.course]++;
  }
  return t;
}

/** JSON shape of a solution for the API and rich-model users. */
export interface TimetableJson {
  assignments: {
    course: string;
    lecture: number;
    room: string | null;
    /** Display names of the day and period. */
    day: string | null;
    period: string | null;
    /** Ids as the model names them (what `pinned` / `start` entries use). */
    dayId: string | null;
    periodId: string | null;
    dayIndex: number;
    periodIndex: number;
  }[];
}

/** Readable JSON: one entry per lecture with ids and day/period names. */
export function timetableToJson(problem: TimetablingProblem, t: Timetable): TimetableJson {
  const assignments: TimetableJson["assignments"] = [];
  for (let l = 0; l < t.period.length; l++) {
    const c = problem.lectureCourse[l];
    const p = t.period[l];
    const d = p >= 0 ? Math.floor(p / problem.slotsPerDay) : -1;
    const s = p >= 0 ? p % problem.slotsPerDay : -1;
    assignments.push({
      course: problem.courseIds[c],
      lecture: l - problem.courseFirstLecture[c],
      room: t.room[l] >= 0 ? problem.roomIds[t.room[l]] : null,
      day: d >= 0 ? problem.dayNames[d] : null,
      period: s >= 0 ? problem.slotNames[s] : null,
      dayId: d >= 0 ? problem.dayIds[d] : null,
      periodId: s >= 0 ? problem.slotIds[s] : null,
      dayIndex: d,
      periodIndex: s,
    });
  }
  return { assignments };
}
