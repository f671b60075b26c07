/**
 * The evaluator: runs every constraint on a list of placements and sums the costs. For ITC input
 * it reproduces the official validator's Violations and Total Cost (docs/itc2007-format.md).
 */
import { HARD_CONSTRAINTS } from "./constraints/hard";
import { SOFT_CONSTRAINTS } from "./constraints/soft";
import type { ConstraintId, Violation } from "./constraints/violation";
import type { TimetablingProblem } from "./problem";
import { placementsOf, type Placement, type Timetable } from "./solution";

export interface Evaluation {
  /** Sum of hard violations (the validator's "Violations"). */
  hard: number;
  /** Weighted soft cost (the validator's "Total Cost"). */
  soft: number;
  /** Cost per constraint (hard: count; soft: weighted). */
  byConstraint: Record<ConstraintId, number>;
}

/** Every violation of every constraint, hard ones first. */
export function violations(problem: TimetablingProblem, list: readonly Placement[]): Violation[] {
  return [...HARD_CONSTRAINTS, ...SOFT_CONSTRAINTS].flatMap((check) => check(problem, list));
}

/** Evaluate placements (e.g. read from a solution file). */
export function evaluatePlacements(problem: TimetablingProblem, list: readonly Placement[]): Evaluation {
  const byConstraint = Object.fromEntries(
    [
      "lectures",
      "conflicts",
      "availability",
      "roomOccupancy",
      "roomAvailability",
      "roomSuitability",
      "roomCapacity",
      "minWorkingDays",
      "curriculumCompactness",
      "roomStability",
      "periodPreference",
      "instructorDailyLimit",
      "doubleLectures",
    ].map((k) => [k, 0]),
  ) as Record<ConstraintId, number>;
  let hard = 0;
  let soft = 0;
  for (const v of violations(problem, list)) {
    byConstraint[v.constraint] += v.cost;
    if (v.hard) hard += v.cost;
    else soft += v.cost;
  }
  return { hard, soft, byConstraint };
}

/** Evaluate a timetable (lecture → period, room). */
export function evaluate(problem: TimetablingProblem, t: Timetable): Evaluation {
  return evaluatePlacements(problem, placementsOf(problem, t));
}
