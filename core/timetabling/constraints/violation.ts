/** One violation of one constraint: what is involved and what it costs. */
export type HardConstraint = "lectures" | "conflicts" | "availability" | "roomOccupancy" | "roomAvailability" | "roomSuitability";
export type SoftConstraint = "roomCapacity" | "minWorkingDays" | "curriculumCompactness" | "roomStability" | "periodPreference" | "instructorDailyLimit" | "doubleLectures";
export type ConstraintId = HardConstraint | SoftConstraint;

export interface Violation {
  constraint: ConstraintId;
  hard: boolean;
  /** Units of violation (students over capacity, missing days, isolated lectures, …). */
  units: number;
  /** What it adds: units for hard constraints, units × weight for soft ones. */
  cost: number;
  courses: number[];
  rooms: number[];
  periods: number[];
  curricula: number[];
  instructors: number[];
}

export function violation(
  constraint: ConstraintId,
  hard: boolean,
  units: number,
  weight: number,
  involved: Partial<Pick<Violation, "courses" | "rooms" | "periods" | "curricula" | "instructors">>,
): Violation {
  return {
    constraint,
    hard,
    units,
    cost: hard ? units : units * weight,
    courses: involved.courses ?? [],
    rooms: involved.rooms ?? [],
    periods: involved.periods ?? [],
    curricula: involved.curricula ?? [],
    instructors: involved.instructors ?? [],
  };
}
