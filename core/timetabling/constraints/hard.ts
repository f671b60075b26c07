/**
 * Hard constraints, counted exactly as the ITC-2007 validator counts them (docs/itc2007-format.md), plus the
 * two the rich model adds (room availability, room suitability). Each takes the problem and the
 * placements and lists its violations; a feasible timetable has none.
 */
import type { TimetablingProblem } from "../problem";
import type { Placement } from "../solution";
import { violation, type Violation } from "./violation";

/** Lectures: every course has exactly its number of lectures; each missing or extra one counts 1. */
export function lecturesConstraint(pr: TimetablingProblem, list: readonly Placement[]): Violation[] {
  const count = new Int32Array(pr.courseIds.length);
  for (const pl of list) count[pl.course]++;
  const out: Violation[] = [];
  for (let c = 0; c < count.length; c++) {
    const diff = Math.abs(count[c] - pr.courseLectures[c]);
    if (diff) out.push(violation("lectures", true, diff, 1, { courses: [c] }));
  }
  return out;
}

/**
 * Conflicts: two courses sharing a curriculum or an instructor never meet in one period;
 * +1 per conflicting pair of courses per period (a pair sharing both still counts once).
 */
export function conflictsConstraint(pr: TimetablingProblem, list: readonly Placement[]): Violation[] {
  const byPeriod: number[][] = Array.from({ length: pr.periods }, () => []);
  for (const pl of list) if (!byPeriod[pl.period].includes(pl.course)) byPeriod[pl.period].push(pl.course);
  const out: Violation[] = [];
  byPeriod.forEach((courses, p) => {
    for (let i = 0; i < courses.length; i++)
      for (let j = i + 1; j < courses.length; j++) {
        const a = courses[i];
        const b = courses[j];
        if (!pr.courseConflicts[a].includes(b)) continue;
        const curricula = [...pr.courseCurricula[a]].filter((q) => pr.courseCurricula[b].includes(q));
        const t = pr.courseInstructor[a];
        const instructors = t >= 0 && t === pr.courseInstructor[b] ? [t] : [];
        out.push(violation("conflicts", true, 1, 1, { courses: [a, b], periods: [p], curricula, instructors }));
      }
  });
  return out;
}

/** Availability: a lecture in a period its course (or instructor) cannot use counts 1. */
export function availabilityConstraint(pr: TimetablingProblem, list: readonly Placement[]): Violation[] {
  return list
    .filter((pl) => pr.courseUnavailable[pl.course * pr.periods + pl.period])
    .map((pl) => violation("availability", true, 1, 1, { courses: [pl.course], periods: [pl.period], rooms: [pl.room] }));
}

/** Room occupancy: a room holds one lecture per period; n lectures in one room and period count n − 1. */
export function roomOccupancyConstraint(pr: TimetablingProblem, list: readonly Placement[]): Violation[] {
  const at = new Map<number, number[]>();
  for (const pl of list) {
    const key = pl.room * pr.periods + pl.period;
    const cs = at.get(key);
    if (cs) cs.push(pl.course);
    else at.set(key, [pl.course]);
  }
  const out: Violation[] = [];
  for (const [key, courses] of at) {
    if (courses.length < 2) continue;
    const room = Math.floor(key / pr.periods);
    out.push(violation("roomOccupancy", true, courses.length - 1, 1, { courses, rooms: [room], periods: [key % pr.periods] }));
  }
  return out;
}

/** Room availability (rich model): a lecture in a period its room is closed counts 1. */
export function roomAvailabilityConstraint(pr: TimetablingProblem, list: readonly Placement[]): Violation[] {
  return list
    .filter((pl) => pr.roomUnavailable[pl.room * pr.periods + pl.period])
    .map((pl) => violation("roomAvailability", true, 1, 1, { courses: [pl.course], rooms: [pl.room], periods: [pl.period] }));
}

/** Room suitability (rich model): a lecture in a room lacking a required feature counts 1. */
export function roomSuitabilityConstraint(pr: TimetablingProblem, list: readonly Placement[]): Violation[] {
  const R = pr.roomIds.length;
  return list.filter((pl) => !pr.courseRoomAllowed[pl.course * R + pl.room]).map((pl) => violation("roomSuitability", true, 1, 1, { courses: [pl.course], rooms: [pl.room], periods: [pl.period] }));
}

export const HARD_CONSTRAINTS = [lecturesConstraint, conflictsConstraint, availabilityConstraint, roomOccupancyConstraint, roomAvailabilityConstraint, roomSuitabilityConstraint] as const;
