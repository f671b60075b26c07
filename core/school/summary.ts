/**
 * What a school document holds, read from its `FetInput` (fet/types.ts) without compiling:
 *   schoolFigures(input) → the size figures plan limits apply to (activities, hours to place, …);
 *                          `size(compile(doc))` and `measure(doc)` both come from here.
 *   fetSummary(input, ignoreUnsupported) → the pre-flight summary of POST /v1/problems/validate:
 *                          teachers, student sets, activities, hours, constraints by FET type.
 */
import { CONSTRAINTS } from "./constraints/index";
import type { FetInput } from "./fet/types";

/** Size figures of a school: active activities, their hours (what the solver places), resources and slots. */
export function schoolFigures(input: FetInput): { activities: number; hours: number; teachers: number; rooms: number; slots: number } {
  let activities = 0;
  let hours = 0;
  for (const a of input.activities) {
    if (!a.active) continue;
    activities++;
    hours += a.duration;
  }
  return { activities, hours, teachers: input.teachers.length, rooms: input.rooms.length, slots: input.days.length * input.hours.length };
}

/** One FET constraint type of a file: how many elements are active / inactive, and whether we support it. */
export interface ConstraintTypeCount {
  type: string;
  list: "time" | "space";
  active: number;
  inactive: number;
  supported: boolean;
}

export interface FetSummary {
  institution: string;
  days: number;
  hoursPerDay: number;
  dayNames: string[];
  hourNames: string[];
  teachers: number;
  subjects: number;
  rooms: number;
  students: { years: number; groups: number; subgroups: number };
  activities: { active: number; inactive: number };
  /** Hours to place: the durations of the active activities. */
  hours: number;
  constraints: {
    active: number;
    inactive: number;
    /** Active elements of supported types. */
    supported: number;
    /** Active elements of unsupported types. */
    unsupported: number;
    byType: ConstraintTypeCount[];
  };
  /** Active unsupported types with their counts (refused unless ignoreUnsupported), most frequent first. */
  unsupported: { type: string; count: number }[];
  /** True when the document would be refused for its unsupported types. */
  refused: boolean;
}

/**
 * The pre-flight summary of a school. Student sets are counted once per distinct name, as FET
 * does (a group listed in two years is one group). Virtual rooms count as an unsupported type,
 * as in the compiler (problem.ts).
 */
export function fetSummary(input: FetInput, ignoreUnsupported = false): FetSummary {
  const years = new Set<string>();
  const groups = new Set<string>();
  const subgroups = new Set<string>();
  for (const y of input.years) {
    years.add(y.name);
    for (const g of y.groups) {
      groups.add(g.name);
      for (const s of g.subgroups) subgroups.add(s.name);
    }
  }
  let activeActivities = 0;
  for (const a of input.activities) if (a.active) activeActivities++;

  const byType = new Map<string, ConstraintTypeCount>();
  for (const c of [...input.timeConstraints, ...input.spaceConstraints]) {
    const e = byType.get(c.type) ?? { type: c.type, list: c.list, active: 0, inactive: 0, supported: CONSTRAINTS[c.type] !== undefined };
    if (c.active) e.active++;
    else e.inactive++;
    byType.set(c.type, e);
  }
  const types = [...byType.values()].sort((a, b) => (a.list === b.list ? a.type.localeCompare(b.type) : a.list === "time" ? -1 : 1));
  const unsupported = types.filter((t) => !t.supported && t.active > 0).map((t) => ({ type: t.type, count: t.active }));
  const virtualRooms = input.rooms.filter((r) => r.virtual).length;
  if (virtualRooms) unsupported.push({ type: "virtual rooms (Rooms_List/Room with Virtual=true)", count: virtualRooms });
  unsupported.sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  const sum = (f: (t: ConstraintTypeCount) => number) => types.reduce((s, t) => s + f(t), 0);
  return {
    institution: input.institution,
    days: input.days.length,
    hoursPerDay: input.hours.length,
    dayNames: input.days,
    hourNames: input.hours,
    teachers: input.teachers.length,
    subjects: input.subjects.length,
    rooms: input.rooms.length,
    students: { years: years.size, groups: groups.size, subgroups: subgroups.size },
    activities: { active: activeActivities, inactive: input.activities.length - activeActivities },
    hours: schoolFigures(input).hours,
    constraints: {
      active: sum((t) => t.active),
      inactive: sum((t) => t.inactive),
      supported: sum((t) => (t.supported ? t.active : 0)),
      unsupported: sum((t) => (t.supported ? 0 : t.active)),
      byType: types,
    },
    unsupported,
    refused: unsupported.length > 0 && !ignoreUnsupported,
  };
}
