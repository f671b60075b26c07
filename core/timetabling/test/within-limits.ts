/** Test helper: a compiled problem is within core/timetabling/limits.ts (nothing larger was allocated for it). */
import { expect } from "vitest";
import { MAX_CONFLICT_PAIRS, MAX_COURSES, MAX_CURRICULA, MAX_DAYS, MAX_INSTRUCTORS, MAX_LECTURES, MAX_PERIODS_PER_DAY, MAX_ROOMS } from "../limits";
import type { TimetablingProblem } from "../problem";

export function withinLimits(p: TimetablingProblem): void {
  expect(p.courseIds.length).toBeLessThanOrEqual(MAX_COURSES);
  expect(p.roomIds.length).toBeLessThanOrEqual(MAX_ROOMS);
  expect(p.instructorIds.length).toBeLessThanOrEqual(MAX_INSTRUCTORS);
  expect(p.days).toBeLessThanOrEqual(MAX_DAYS);
  expect(p.slotsPerDay).toBeLessThanOrEqual(MAX_PERIODS_PER_DAY);
  expect(p.lectureCourse.length).toBeLessThanOrEqual(MAX_LECTURES);
  expect(p.curriculumIds.length).toBeLessThanOrEqual(MAX_CURRICULA);
  expect(p.courseConflicts.reduce((s, c) => s + c.length, 0)).toBeLessThanOrEqual(MAX_CONFLICT_PAIRS);
  expect(p.courseUnavailable.length).toBe(p.courseIds.length * p.periods);
  expect(p.courseRoomAllowed.length).toBe(p.courseIds.length * p.roomIds.length);
}
