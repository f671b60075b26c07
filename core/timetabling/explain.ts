/**
 * Explanation of a timetable: every hard and soft violation, grouped by constraint, naming the
 * courses, rooms, periods, instructors and curricula involved, what each costs, and a sentence a
 * registrar can read. Totals per constraint add up to the evaluator's hard and soft figures.
 */
import type { ConstraintId, Violation } from "./constraints/violation";
import { violations } from "./evaluate";
import type { TimetablingProblem } from "./problem";
import { placementsOf, type Placement, type Timetable } from "./solution";

export interface ExplainedItem {
  constraint: ConstraintId;
  hard: boolean;
  units: number;
  cost: number;
  courses: string[];
  rooms: string[];
  periods: { day: string; period: string; index: number }[];
  instructors: string[];
  curricula: string[];
  label: string;
}

export interface Explanation {
  hard: number;
  soft: number;
  /** Per constraint: its total and items, hard constraints first. */
  constraints: { constraint: ConstraintId; hard: boolean; weight: number; total: number; items: ExplainedItem[] }[];
}

const TITLES: Record<ConstraintId, string> = {
  lectures: "Lectures",
  conflicts: "Conflicts",
  availability: "Availability",
  roomOccupancy: "Room occupancy",
  roomAvailability: "Room availability",
  roomSuitability: "Room suitability",
  roomCapacity: "Room capacity",
  minWorkingDays: "Minimum working days",
  curriculumCompactness: "Curriculum compactness",
  roomStability: "Room stability",
  periodPreference: "Period preferences",
  instructorDailyLimit: "Instructor daily limit",
  doubleLectures: "Double lectures",
};

/** Explain a timetable (or placements read from a file). */
export function explain(problem: TimetablingProblem, solution: Timetable | readonly Placement[]): Explanation {
  const list = Array.isArray(solution) ? (solution as readonly Placement[]) : placementsOf(problem, solution as Timetable);
  const byId = new Map<ConstraintId, Explanation["constraints"][number]>();
  let hard = 0;
  let soft = 0;
  for (const v of violations(problem, list)) {
    let group = byId.get(v.constraint);
    if (!group) {
      const weight = v.hard ? 1 : problem.weights[v.constraint as keyof typeof problem.weights];
      group = { constraint: v.constraint, hard: v.hard, weight, total: 0, items: [] };
      byId.set(v.constraint, group);
    }
    group.total += v.cost;
    group.items.push(describe(problem, v, list));
    if (v.hard) hard += v.cost;
    else soft += v.cost;
  }
  return { hard, soft, constraints: [...byId.values()] };
}

function periodName(pr: TimetablingProblem, p: number): { day: string; period: string; index: number } {
  return { day: pr.dayNames[Math.floor(p / pr.slotsPerDay)], period: pr.slotNames[p % pr.slotsPerDay], index: p };
}

function describe(pr: TimetablingProblem, v: Violation, list: readonly Placement[]): ExplainedItem {
  const courses = v.courses.map((c) => pr.courseIds[c]);
  const rooms = v.rooms.map((r) => pr.roomIds[r]);
  const periods = v.periods.map((p) => periodName(pr, p));
  const when = periods.map((p) => `${p.day} ${p.period}`).join(", ");
  const instructors = v.instructors.map((t) => pr.instructorIds[t]);
  const curricula = v.curricula.map((q) => pr.curriculumIds[q]);
  const c0 = v.courses[0];
  let label: string;
  switch (v.constraint) {
    case "lectures": {
      const have = list.filter((pl) => pl.course === c0).length;
      label = `${courses[0]} has ${have} lectures scheduled but needs ${pr.courseLectures[c0]}`;
      break;
    }
    case "conflicts":
      label =
        `${courses.join(" and ")} meet at the same time (${when})` +
        (curricula.length ? `, both in curriculum ${curricula.join(", ")}` : "") +
        (instructors.length ? `, both taught by ${instructors.join(", ")}` : "");
      break;
    case "availability":
      label = `${courses[0]} is scheduled at ${when}, when it is unavailable`;
      break;
    case "roomOccupancy":
      label = `${rooms[0]} holds ${courses.length} lectures at ${when} (${courses.join(", ")})`;
      break;
    case "roomAvailability":
      label = `${courses[0]} is in ${rooms[0]} at ${when}, when the room is closed`;
      break;
    case "roomSuitability":
      label = `${courses[0]} is in ${rooms[0]}, which lacks a required feature`;
      break;
    case "roomCapacity":
      label = `${courses[0]} (${pr.courseStudents[c0]} students) is in ${rooms[0]} (${pr.roomCapacity[v.rooms[0]]} seats) at ${when}: ${v.units} without a seat`;
      break;
    case "minWorkingDays":
      label = `${courses[0]} spreads over ${pr.courseMinDays[c0] - v.units} days, ${v.units} fewer than its minimum of ${pr.courseMinDays[c0]}`;
      break;
    case "curriculumCompactness":
      label = `curriculum ${curricula[0]} has ${v.units} isolated lecture${v.units > 1 ? "s" : ""} at ${when} (${courses.join(", ")})`;
      break;
    case "roomStability":
      label = `${courses[0]} uses ${rooms.length} rooms (${rooms.join(", ")}) instead of one`;
      break;
    case "periodPreference":
      label = `${courses[0]} is at ${when}, a period its instructor ${instructors[0] ?? ""} does not want (penalty ${v.units})`.replace("  ", " ");
      break;
    case "instructorDailyLimit":
      label = `${instructors[0]} teaches ${v.units} lecture${v.units > 1 ? "s" : ""} above the daily maximum on ${periods[0]?.day ?? ""}`;
      break;
    case "doubleLectures":
      label = `${courses[0]} at ${when} is not paired with another of its lectures`;
      break;
  }
  return { constraint: v.constraint, hard: v.hard, units: v.units, cost: v.cost, courses, rooms, periods, instructors, curricula, label: `${TITLES[v.constraint]}: ${label}` };
}
