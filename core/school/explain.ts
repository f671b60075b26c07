/**
 * `explainSchool(problem, timetable)`: every violated FET constraint element of a school timetable
 * with FET's type name, its plain-language description (constraints/), weight, hard or soft, the
 * violation count (from evaluate.ts, so the counts are the evaluator's) and what it involves: the
 * activities (FET ids and subjects), teachers, students sets and rooms. What GET
 * /v1/jobs/{id}/explanation answers for school jobs (worker/jobs/exports.ts).
 */
import { CONSTRAINTS } from "./constraints/index";
import type { Instance } from "./constraints/types";
import { evaluateSchool, type SchoolTimetable } from "./evaluate";
import type { FetActivity } from "./fet/types";
import type { SchoolProblem } from "./problem";
import { tallyViolations } from "./tally";
import { assignRealRooms } from "./real-rooms";

export interface SchoolExplainedActivity {
  /** FET `Id`. */
  id: number;
  subject: string;
  teachers: string[];
  /** The students sets the activity names (years, groups or subgroups), as in the file. */
  students: string[];
  /** "Mon 08:00" with the file's own names, or null when unplaced. */
  start: string | null;
  duration: number;
  room: string | null;
  /** In a virtual room: the real rooms it takes (one per set; core/school/real-rooms.ts). */
  realRooms?: string[];
}

export interface SchoolExplainedConstraint {
  /** FET's element name, e.g. "ConstraintTeacherMaxGapsPerWeek"; "Unplaced activities" and "Activities without a room" for those. */
  type: string;
  description: string;
  /** The element in the file, e.g. "Time_Constraints_List/ConstraintTeacherNotAvailableTimes[2]". */
  path: string;
  weight: number;
  hard: boolean;
  violations: number;
  /** Σ violations × weight / 100 for soft elements, 0 for hard ones. */
  penalty: number;
  activities: SchoolExplainedActivity[];
  teachers: string[];
  students: string[];
  rooms: string[];
}

export interface SchoolExplanation {
  hard: number;
  soft: number;
  unplaced: number;
  constraints: SchoolExplainedConstraint[];
}

/** Every violated element of `t`, hard ones first, then by penalty, each with what it involves. */
export function explainSchool(p: SchoolProblem, timetable: SchoolTimetable): SchoolExplanation {
  // the real rooms of activities in virtual rooms, chosen once for the evaluation and the explanation
  const t: SchoolTimetable = p.maxRealRooms ? { ...timetable, real: assignRealRooms(p, timetable.start, timetable.room, timetable.real) } : timetable;
  const e = evaluateSchool(p, t);
  const byId = new Map<number, FetActivity>();
  for (const a of p.input.activities) byId.set(a.id, a);
  const slotName = (s: number) => `${p.days[Math.floor(s / p.nHours)]} ${p.hours[s % p.nHours]}`;
  const activity = (a: number): SchoolExplainedActivity => {
    const src = byId.get(p.actId[a]);
    const teachers: string[] = [];
    for (let k = p.actTeacherStart[a]; k < p.actTeacherStart[a + 1]; k++) teachers.push(p.teachers[p.actTeachers[k]]);
    return {
      id: p.actId[a],
      subject: p.subjects[p.actSubject[a]] ?? "",
      teachers,
      students: src ? [...src.students] : [],
      start: t.start[a] >= 0 ? slotName(t.start[a]) : null,
      duration: p.actDuration[a],
      room: t.room[a] >= 0 ? p.rooms[t.room[a]] : null,
      ...(t.real && t.room[a] >= 0 && p.roomVirtual[t.room[a]] ? { realRooms: realOf(p, t, a).map((r) => p.rooms[r]) } : {}),
    };
  };

  // Which instances belong to which element (evaluate.ts groups them by path and weight too).
  const involved = new Map<string, { acts: Set<number>; teachers: Set<string>; subgroups: Set<string>; rooms: Set<string> }>();
  const bucket = (inst: Instance) => {
    const key = `${inst.source.path}@${inst.weight}`;
    let b = involved.get(key);
    if (!b) involved.set(key, (b = { acts: new Set(), teachers: new Set(), subgroups: new Set(), rooms: new Set() }));
    return b;
  };
  const occupancy = occupancies(p, t);
  for (const inst of p.instances) {
    const acts = involvedActivities(p, t, inst, occupancy);
    if (acts === null) continue;
    const b = bucket(inst);
    for (const a of acts) b.acts.add(a);
    if (inst.shape === "resource" || inst.shape === "tally") (inst.kind === "teacher" ? b.teachers : b.subgroups).add(inst.kind === "teacher" ? p.teachers[inst.resource] : p.subgroups[inst.resource]);
    if (inst.shape === "roomSlot") b.rooms.add(p.rooms[inst.room]);
  }

  const items: SchoolExplainedConstraint[] = [];
  const unplaced: number[] = [];
  const noRoom: number[] = [];
  for (let a = 0; a < p.nActivities; a++) {
    if (t.start[a] < 0) unplaced.push(a);
    else if (p.needsRoom[a] && t.room[a] < 0) noRoom.push(a);
  }
  if (unplaced.length)
    items.push(
      item("Unplaced activities", "Every activity gets a starting time (the solver could not place these).", "Activities_List", 100, unplaced.length, unplaced, new Set(), new Set(), new Set()),
    );
  if (noRoom.length)
    items.push(item("Activities without a room", "An activity named by a room constraint gets a room.", "Activities_List", 100, noRoom.length, noRoom, new Set(), new Set(), new Set()));
  for (const v of e.constraints) {
    const b = involved.get(`${v.path}@${v.weight}`);
    items.push(item(v.type, CONSTRAINTS[v.type]?.description ?? "", v.path, v.weight, v.violations, b ? [...b.acts] : [], b?.teachers ?? new Set(), b?.subgroups ?? new Set(), b?.rooms ?? new Set()));
  }
  items.sort((x, y) => Number(y.hard) - Number(x.hard) || y.penalty - x.penalty || y.violations - x.violations);
  return { hard: e.hard, soft: e.soft, unplaced: e.unplaced, constraints: items };

  function item(
    type: string,
    description: string,
    path: string,
    weight: number,
    violations: number,
    acts: number[],
    teachers: Set<string>,
    subgroups: Set<string>,
    rooms: Set<string>,
  ): SchoolExplainedConstraint {
    acts.sort((x, y) => p.actId[x] - p.actId[y]);
    const activities = acts.map(activity);
    const ts = new Set(teachers);
    const ss = new Set(subgroups);
    const rs = new Set(rooms);
    for (const a of activities) {
      for (const x of a.teachers) ts.add(x);
      for (const x of a.students) ss.add(x);
      if (a.room) rs.add(a.room);
    }
    const hard = weight >= 100;
    return {
      type,
      description,
      path,
      weight,
      hard,
      violations,
      penalty: hard ? 0 : (violations * weight) / 100,
      activities,
      teachers: [...ts].sort(),
      students: [...ss].sort(),
      rooms: [...rs].sort(),
    };
  }
}

interface Occupancy {
  /** Activities on each teacher / subgroup / room slot (index × nSlots + slot). */
  teacher: number[][];
  subgroup: number[][];
  room: number[][];
  /** Counts per teacher / subgroup slot, as evaluate.ts builds them for resource measures. */
  teacherCount: Int32Array;
  subgroupCount: Int32Array;
}

function occupancies(p: SchoolProblem, t: SchoolTimetable): Occupancy {
  const o: Occupancy = { teacher: [], subgroup: [], room: [], teacherCount: new Int32Array(p.teachers.length * p.nSlots), subgroupCount: new Int32Array(p.subgroups.length * p.nSlots) };
  const put = (list: number[][], i: number, a: number) => (list[i] ??= []).push(a);
  for (let a = 0; a < p.nActivities; a++) {
    const s = t.start[a];
    if (s < 0) continue;
    for (let h = 0; h < p.actDuration[a]; h++) {
      for (let k = p.actTeacherStart[a]; k < p.actTeacherStart[a + 1]; k++) {
        put(o.teacher, p.actTeachers[k] * p.nSlots + s + h, a);
        o.teacherCount[p.actTeachers[k] * p.nSlots + s + h]++;
      }
      for (let k = p.actSubgroupStart[a]; k < p.actSubgroupStart[a + 1]; k++) {
        put(o.subgroup, p.actSubgroups[k] * p.nSlots + s + h, a);
        o.subgroupCount[p.actSubgroups[k] * p.nSlots + s + h]++;
      }
      // an activity in a virtual room occupies its real rooms, not the virtual room
      if (t.room[a] >= 0 && p.roomVirtual[t.room[a]]) for (const r of realOf(p, t, a)) put(o.room, r * p.nSlots + s + h, a);
      else if (t.room[a] >= 0) put(o.room, t.room[a] * p.nSlots + s + h, a);
    }
  }
  return o;
}

/** The activities one instance's violations involve (null when it has none). */
function involvedActivities(p: SchoolProblem, t: SchoolTimetable, inst: Instance, o: Occupancy): number[] | null {
  const out = new Set<number>();
  const placed = (a: number) => t.start[a] >= 0;
  switch (inst.shape) {
    case "compulsoryTime":
      for (const lists of [o.teacher, o.subgroup]) lists.forEach((list) => list.length > 1 && list.forEach((a) => out.add(a)));
      break;
    case "compulsorySpace":
      o.room.forEach((list) => list.length > 1 && list.forEach((a) => out.add(a)));
      for (let a = 0; a < p.nActivities; a++) if (placed(a) && t.room[a] >= 0 && p.needsRoom[a] && p.roomCapacity[t.room[a]] < p.actStudents[a]) out.add(a);
      break;
    case "start":
      for (const a of inst.activities) if (placed(a) && inst.cost(a, t.start[a]) > 0) out.add(a);
      break;
    case "room":
      for (const a of inst.activities) {
        if (!placed(a) || t.room[a] < 0) continue;
        if (inst.cost(a, t.room[a]) > 0) out.add(a);
        else if (inst.realRooms && t.room[a] === inst.realOf && realOf(p, t, a).some((r) => !inst.realRooms!.includes(r))) out.add(a);
      }
      break;
    case "roomSlot":
      for (let a = 0; a < p.nActivities; a++) {
        if (!placed(a) || t.room[a] < 0) continue;
        if (t.room[a] !== inst.room && !(p.roomVirtual[t.room[a]] && realOf(p, t, a).includes(inst.room))) continue;
        for (let h = 0; h < p.actDuration[a]; h++) if (inst.slotCost[t.start[a] + h] > 0) out.add(a);
      }
      break;
    case "set":
      if (inst.violations(t.start, t.room) > 0) for (const a of inst.activities) out.add(a);
      break;
    case "resource":
    case "tally": {
      // The resource's activities on the days that count (a resource measure is per day); all of
      // them when the violation is about the week as a whole (e.g. too many days).
      const list = inst.kind === "teacher" ? o.teacher : o.subgroup;
      const base = inst.resource * p.nSlots;
      const days = new Set<number>();
      if (inst.shape === "tally" && tallyViolations(p, inst, t) === 0) return null;
      if (inst.shape === "resource") {
        const occ = inst.kind === "teacher" ? o.teacherCount : o.subgroupCount;
        const blocked = inst.kind === "teacher" ? p.teacherBlocked : p.subgroupBlocked;
        const values = new Int32Array(p.nDays);
        for (let d = 0; d < p.nDays; d++) values[d] = inst.day(occ, blocked, base + d * p.nHours, p.nHours, d);
        if (inst.week(values, p.nDays) === 0) return null;
        for (let d = 0; d < p.nDays; d++) if (values[d] > 0) days.add(d);
      }
      for (let s = 0; s < p.nSlots; s++) {
        if (days.size && !days.has(Math.floor(s / p.nHours))) continue;
        for (const a of list[base + s] ?? []) out.add(a);
      }
      break;
    }
  }
  return out.size ? [...out] : null;
}

/** The real rooms activity a holds in its virtual room (t.real is set by explainSchool). */
function realOf(p: SchoolProblem, t: SchoolTimetable, a: number): number[] {
  const K = p.maxRealRooms;
  const out: number[] = [];
  if (!t.real) return out;
  for (let k = a * K; k < (a + 1) * K; k++) if (t.real[k] >= 0) out.push(t.real[k]);
  return out;
}
