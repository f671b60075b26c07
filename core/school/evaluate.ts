/**
 * From-scratch evaluation of a school timetable: hard violations, soft penalty and the
 * violations of every FET constraint element, computed directly from the instances (not from the
 * incremental tables), so tests can check the Board (board.ts) against it.
 */
import type { SchoolProblem } from "./problem";
import { SOFT_SCALE } from "./problem";
import { tallyViolations } from "./tally";
import { assignRealRooms } from "./real-rooms";

export interface SchoolTimetable {
  /** Start slot per activity (day * nHours + hour), -1 = not placed. */
  start: Int32Array;
  /** Room per activity, -1 = none. */
  room: Int32Array;
  /**
   * Real rooms of activities in virtual rooms (p.maxRealRooms per activity, -1 = none); when
   * absent they are chosen by `assignRealRooms` (real-rooms.ts).
   */
  real?: Int32Array;
}

export interface ConstraintVerdict {
  type: string;
  path: string;
  weight: number;
  violations: number;
}

export interface SchoolEvaluation {
  hard: number;
  /** Σ violations × weight / 100 over soft constraints. */
  soft: number;
  unplaced: number;
  /** Placed activities that need a room (a room constraint names them) but have none, plus sets of a virtual room left without a real room. */
  noRoom: number;
  /** Teacher + subgroup clashes (basic compulsory time) and room clashes + capacity (space). */
  clashes: number;
  roomClashes: number;
  /** Every element with at least one violation, in file order. */
  constraints: ConstraintVerdict[];
}

export function evaluateSchool(p: SchoolProblem, t: SchoolTimetable): SchoolEvaluation {
  const { nSlots, nHours, nDays } = p;
  const n = p.nActivities;
  const tOcc = new Int32Array(p.teachers.length * nSlots);
  const gOcc = new Int32Array(p.subgroups.length * nSlots);
  const rOcc = new Int32Array(p.rooms.length * nSlots);
  const K = p.maxRealRooms;
  const real = assignRealRooms(p, t.start, t.room, t.real);
  let unplaced = 0;
  let noRoom = 0;
  for (let a = 0; a < n; a++) {
    const s = t.start[a];
    if (s < 0) {
      unplaced++;
      continue;
    }
    if (p.needsRoom[a] && t.room[a] < 0) noRoom++;
    const d = p.actDuration[a];
    for (let k = p.actTeacherStart[a]; k < p.actTeacherStart[a + 1]; k++) for (let h = 0; h < d; h++) tOcc[p.actTeachers[k] * nSlots + s + h]++;
    for (let k = p.actSubgroupStart[a]; k < p.actSubgroupStart[a + 1]; k++) for (let h = 0; h < d; h++) gOcc[p.actSubgroups[k] * nSlots + s + h]++;
    const r = t.room[a];
    if (r >= 0 && p.roomVirtual[r]) {
      // the real rooms are occupied, not the virtual room
      const sets = p.vSetStart[r + 1] - p.vSetStart[r];
      for (let k = 0; k < sets; k++) {
        const rr = real[a * K + k];
        if (rr < 0) noRoom++;
        else for (let h = 0; h < d; h++) rOcc[rr * nSlots + s + h]++;
      }
    } else if (r >= 0) for (let h = 0; h < d; h++) rOcc[r * nSlots + s + h]++;
  }
  const over = (occ: Int32Array) => occ.reduce((sum, v) => sum + (v > 1 ? v - 1 : 0), 0);
  const byElement = new Map<string, ConstraintVerdict>();
  const add = (type: string, path: string, weight: number, v: number) => {
    if (!v) return;
    const key = `${path}@${weight}`;
    const e = byElement.get(key) ?? { type, path, weight, violations: 0 };
    e.violations += v;
    byElement.set(key, e);
  };
  let clashes = 0;
  let roomClashes = 0;
  let hard = unplaced + noRoom;
  let softUnits = 0;
  const count = (weight: number, v: number) => {
    if (weight >= 100) hard += v;
    else softUnits += v * Math.round(weight * 100);
  };
  for (const inst of p.instances) {
    const { type, path } = inst.source;
    let v = 0;
    switch (inst.shape) {
      case "compulsoryTime":
        v = clashes = over(tOcc) + over(gOcc);
        break;
      case "compulsorySpace": {
        roomClashes = over(rOcc);
        for (let a = 0; a < n; a++) {
          const r = t.room[a];
          if (t.start[a] < 0) continue;
          if (r >= 0 && p.needsRoom[a] && p.roomCapacity[r] < p.actStudents[a]) roomClashes++;
        }
        v = roomClashes;
        break;
      }
      case "start":
        for (const a of inst.activities) if (t.start[a] >= 0) v += inst.cost(a, t.start[a]);
        break;
      case "room":
        for (const a of inst.activities) {
          if (t.start[a] < 0 || t.room[a] < 0) continue;
          v += inst.cost(a, t.room[a]);
          // FET's locked real rooms: each real room the activity got that is not listed
          if (inst.realRooms && t.room[a] === inst.realOf) for (let k = a * K; k < (a + 1) * K; k++) if (real[k] >= 0 && !inst.realRooms.includes(real[k])) v++;
        }
        break;
      case "roomSlot":
        for (let a = 0; a < n; a++) {
          if (t.start[a] < 0) continue;
          let uses = t.room[a] === inst.room;
          // a real room taken by an activity in a virtual room is not available then either
          for (let k = 0; k < K && !uses && t.room[a] >= 0 && p.roomVirtual[t.room[a]]; k++) uses = real[a * K + k] === inst.room;
          if (!uses) continue;
          for (let h = 0; h < p.actDuration[a]; h++) v += inst.slotCost[t.start[a] + h];
        }
        break;
      case "resource": {
        const occ = inst.kind === "teacher" ? tOcc : gOcc;
        const blocked = inst.kind === "teacher" ? p.teacherBlocked : p.subgroupBlocked;
        const days = new Int32Array(nDays);
        for (let d = 0; d < nDays; d++) days[d] = inst.day(occ, blocked, inst.resource * nSlots + d * nHours, nHours, d);
        v = inst.week(days, nDays);
        break;
      }
      case "set":
        v = inst.violations(t.start, t.room);
        break;
      case "tally":
        v = tallyViolations(p, inst, t);
        break;
    }
    if (inst.shape === "compulsoryTime" || inst.shape === "compulsorySpace") hard += v;
    else count(inst.weight, v);
    add(type, path, inst.weight, v);
  }
  return { hard, soft: softUnits / SOFT_SCALE, unplaced, noRoom, clashes, roomClashes, constraints: [...byElement.values()] };
}
