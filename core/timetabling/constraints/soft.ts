/**
 * Soft constraints: the ITC-2007 four (docs/itc2007-format.md, weights 1/5/2/1 by default) and the three the
 * rich model adds. Each returns its violations with units and weighted cost; the objective is the
 * sum of costs. The local search (solver/board.ts) keeps the same figures incrementally, and tests
 * check both agree.
 */
import type { TimetablingProblem } from "../problem";
import type { Placement } from "../solution";
import { violation, type Violation } from "./violation";

/** Room capacity: each lecture in a room too small costs one unit per student without a seat. */
export function roomCapacityConstraint(pr: TimetablingProblem, list: readonly Placement[]): Violation[] {
  const out: Violation[] = [];
  for (const pl of list) {
    const over = pr.courseStudents[pl.course] - pr.roomCapacity[pl.room];
    if (over > 0) out.push(violation("roomCapacity", false, over, pr.weights.roomCapacity, { courses: [pl.course], rooms: [pl.room], periods: [pl.period] }));
  }
  return out;
}

/** Min working days: a course spread over fewer days than asked costs one unit per missing day. */
export function minWorkingDaysConstraint(pr: TimetablingProblem, list: readonly Placement[]): Violation[] {
  const days: Set<number>[] = pr.courseIds.map(() => new Set());
  for (const pl of list) days[pl.course].add(Math.floor(pl.period / pr.slotsPerDay));
  const out: Violation[] = [];
  days.forEach((set, c) => {
    const missing = pr.courseMinDays[c] - set.size;
    if (missing > 0) out.push(violation("minWorkingDays", false, missing, pr.weights.minWorkingDays, { courses: [c] }));
  });
  return out;
}

/**
 * Curriculum compactness: a curriculum's lectures in a period with no lecture of that curriculum
 * just before or after on the same day are isolated; each isolated lecture is one unit, counted
 * once per curriculum it belongs to.
 */
export function curriculumCompactnessConstraint(pr: TimetablingProblem, list: readonly Placement[]): Violation[] {
  const P = pr.periods;
  const count = new Int32Array(pr.curriculumIds.length * P);
  for (const pl of list) for (const q of pr.courseCurricula[pl.course]) count[q * P + pl.period]++;
  const out: Violation[] = [];
  for (let q = 0; q < pr.curriculumIds.length; q++) {
    for (let p = 0; p < P; p++) {
      const n = count[q * P + p];
      if (!n) continue;
      const s = p % pr.slotsPerDay;
      const before = s > 0 && count[q * P + p - 1] > 0;
      const after = s < pr.slotsPerDay - 1 && count[q * P + p + 1] > 0;
      if (before || after) continue;
      const courses = list.filter((pl) => pl.period === p && pr.courseCurricula[pl.course].includes(q)).map((pl) => pl.course);
      out.push(violation("curriculumCompactness", false, n, pr.weights.curriculumCompactness, { curricula: [q], periods: [p], courses }));
    }
  }
  return out;
}

/** Room stability: all lectures of a course in one room; each further room costs one unit. */
export function roomStabilityConstraint(pr: TimetablingProblem, list: readonly Placement[]): Violation[] {
  const rooms: Set<number>[] = pr.courseIds.map(() => new Set());
  for (const pl of list) rooms[pl.course].add(pl.room);
  const out: Violation[] = [];
  rooms.forEach((set, c) => {
    if (set.size > 1) out.push(violation("roomStability", false, set.size - 1, pr.weights.roomStability, { courses: [c], rooms: [...set] }));
  });
  return out;
}

/** Period preference (rich model): a lecture in an instructor's unwanted period costs its penalty. */
export function periodPreferenceConstraint(pr: TimetablingProblem, list: readonly Placement[]): Violation[] {
  const pen = pr.periodPenalty;
  if (!pen) return [];
  const out: Violation[] = [];
  for (const pl of list) {
    const units = pen[pl.course * pr.periods + pl.period];
    const t = pr.courseInstructor[pl.course];
    if (units > 0) out.push(violation("periodPreference", false, units, pr.weights.periodPreference, { courses: [pl.course], periods: [pl.period], instructors: t >= 0 ? [t] : [] }));
  }
  return out;
}

/** Instructor daily limit (rich model): each lecture above an instructor's daily maximum costs one unit. */
export function instructorDailyLimitConstraint(pr: TimetablingProblem, list: readonly Placement[]): Violation[] {
  const D = pr.days;
  const count = new Int32Array(pr.instructorIds.length * D);
  for (const pl of list) {
    const t = pr.courseInstructor[pl.course];
    if (t >= 0) count[t * D + Math.floor(pl.period / pr.slotsPerDay)]++;
  }
  const out: Violation[] = [];
  for (let t = 0; t < pr.instructorIds.length; t++) {
    const max = pr.instructorMaxPerDay[t];
    if (!max) continue;
    for (let d = 0; d < D; d++) {
      const over = count[t * D + d] - max;
      if (over <= 0) continue;
      const periods = list.filter((pl) => pr.courseInstructor[pl.course] === t && Math.floor(pl.period / pr.slotsPerDay) === d).map((pl) => pl.period);
      out.push(violation("instructorDailyLimit", false, over, pr.weights.instructorDailyLimit, { instructors: [t], periods }));
    }
  }
  return out;
}

/** Double lectures (rich model): a lecture of a double-lecture course with no lecture of the same course next to it that day costs one unit. */
export function doubleLecturesConstraint(pr: TimetablingProblem, list: readonly Placement[]): Violation[] {
  const P = pr.periods;
  const has = new Set<number>();
  for (const pl of list) if (pr.courseDouble[pl.course]) has.add(pl.course * P + pl.period);
  const out: Violation[] = [];
  for (const pl of list) {
    if (!pr.courseDouble[pl.course]) continue;
    const s = pl.period % pr.slotsPerDay;
    const key = pl.course * P + pl.period;
    const paired = (s > 0 && has.has(key - 1)) || (s < pr.slotsPerDay - 1 && has.has(key + 1));
    if (!paired) out.push(violation("doubleLectures", false, 1, pr.weights.doubleLectures, { courses: [pl.course], periods: [pl.period], rooms: [pl.room] }));
  }
  return out;
}

export const SOFT_CONSTRAINTS = [
  roomCapacityConstraint,
  minWorkingDaysConstraint,
  curriculumCompactnessConstraint,
  roomStabilityConstraint,
  periodPreferenceConstraint,
  instructorDailyLimitConstraint,
  doubleLecturesConstraint,
] as const;
