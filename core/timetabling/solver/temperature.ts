/**
 * The instance features and temperatures the timetabling engine (engine.ts) anneals by: the start
 * temperature's scale from curricula per course, how full the rooms are, and the weights a
 * relaxed or missing-day-aware anneal adds to a move as the segment cools. Pure functions.
 */
import type { TimetablingProblem } from "../problem";

/** Curricula per course at or below which the parameters' temperatures are used as they are. */
export const CURRICULA_PER_COURSE_REFERENCE = 2.5;

/**
 * Start-temperature scale from the instance's features: the mean number of curricula a course
 * belongs to (times the compactness weight over ITC's 2), over CURRICULA_PER_COURSE_REFERENCE, and
 * never below 1. Moving one lecture changes
 * the compactness cost of every curriculum of its course (2 per isolated lecture), so a typical
 * worsening move grows with that number: on comp01–14 it is 1.4–3.3 except comp12 (7.2) and
 * comp05 (10.2), where the median worsening move is 2–3 times larger, and annealing at the
 * unscaled start temperature freezes near the constructed timetable (core/timetabling/README.md).
 */
export function temperatureScale(problem: TimetablingProblem): number {
  const C = problem.courseCurricula.length;
  if (C === 0) return 1;
  let n = 0;
  for (const qs of problem.courseCurricula) n += qs.length;
  // ITC's compactness weight is 2; other weights scale the typical move the same way.
  return Math.max(1, ((problem.weights.curriculumCompactness / 2) * (n / C)) / CURRICULA_PER_COURSE_REFERENCE);
}
/**
 * How full the rooms are: lectures / (rooms × periods). On comp01–14: comp01 0.89, comp07 0.87,
 * comp10 0.82, comp06 0.80, comp02 0.71, the others 0.47–0.72. In rooms this full most uniform
 * Move/Swap targets are taken by a lecture that cannot swap, so from feasibleTargetOccupancy on
 * (default 0.81) the targets are made feasible first (anneal.ts): better on comp07 and comp10,
 * worse on comp06 and comp02 (bench/results/timetabling-engine-1.7.0.md).
 */
export function roomOccupancy(problem: TimetablingProblem): number {
  const slots = problem.roomIds.length * problem.periods;
  return slots > 0 ? problem.lectureCourse.length / slots : 0;
}

/** conflictWeight's weight over temperature beyond which a conflict-free board anneals strictly. */
export const STRICT_RATIO = 20;

/**
 * Weight of one conflict unit in a relaxed anneal at temperature T of a segment that started at
 * T0: `w` at the start, growing as T falls (w × T0 / T), so the cooling also drives conflicts out.
 * Once a conflict would be accepted with probability below e^-STRICT_RATIO and the board has
 * none, it returns 0: the rest of the segment keeps every hard constraint (cheaper moves).
 */
export function conflictWeight(w: number, T0: number, T: number, conflicts: number): number {
  if (w <= 0) return 0;
  const weight = (w * T0) / T;
  return conflicts === 0 && weight / T > STRICT_RATIO ? 0 : weight;
}
/**
 * Extra cost of one working day lost, for judging moves in a segment that started at T0, now at T:
 * `k` minimum-working-days weights at the start, fading with the temperature (k × weight × T / T0),
 * so a hot search keeps courses on their days while the timetable forms around them and the cold
 * end judges by the real cost. Results are always scored with the real weights.
 */
export function missingDayWeightAt(k: number, weight: number, T0: number, T: number): number {
  return k > 0 ? (k * weight * T) / T0 : 0;
}
