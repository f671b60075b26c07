/**
 * The `tally` shape (constraints/types.ts, TallyInstance): per instance, one Int32Array over the
 * week's slots holding Σ count(a, room) of the resource's placed activities, kept up to date by
 * `Tallies.apply` on every place / unplace (the Board calls it), with per-day values and week
 * violations like the `resource` shape. `tallyViolations` computes the same from scratch for
 * evaluate.ts, so tests can check one against the other.
 */
import type { TallyInstance } from "./constraints/types";
import type { SchoolTimetable } from "./evaluate";
import { softUnits, type SchoolProblem } from "./problem";

export class Tallies {
  private readonly p: SchoolProblem;
  /** tally of instance i: occ[i * nSlots .. (i + 1) * nSlots). */
  private readonly occ: Int32Array;
  private readonly occViews: Int32Array[];
  /** The resource's row of teacherBlocked / subgroupBlocked, indexed like the tally. */
  private readonly blockedViews: Uint8Array[];
  readonly dayValue: Int32Array;
  private readonly dayViews: Int32Array[];
  readonly viol: Int32Array;
  private readonly hardW: Uint8Array;
  private readonly units: Float64Array;
  hard = 0;
  soft = 0;

  constructor(p: SchoolProblem) {
    this.p = p;
    const n = p.tallies.length;
    const { nSlots, nDays } = p;
    this.occ = new Int32Array(n * nSlots);
    this.occViews = p.tallies.map((_, i) => this.occ.subarray(i * nSlots, (i + 1) * nSlots));
    this.blockedViews = p.tallies.map((t) => (t.kind === "teacher" ? p.teacherBlocked : p.subgroupBlocked).subarray(t.resource * nSlots, (t.resource + 1) * nSlots));
    this.dayValue = new Int32Array(n * nDays);
    this.dayViews = p.tallies.map((_, i) => this.dayValue.subarray(i * nDays, (i + 1) * nDays));
    this.viol = new Int32Array(n);
    this.hardW = Uint8Array.from(p.tallies, (t) => (t.weight >= 100 ? 1 : 0));
    this.units = Float64Array.from(p.tallies, (t) => softUnits(t.weight));
    // weeks violated with nothing placed (e.g. a minimum) start at that value
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < nDays; d++) this.dayValue[i * nDays + d] = p.tallies[i].day(this.occViews[i], this.blockedViews[i], d * p.nHours, p.nHours, d);
      this.refreshWeek(i);
    }
  }

  /** Activity a placed (sign 1) or removed (sign -1) at start s in room r: update the tallies of its teachers and subgroups. */
  apply(a: number, s: number, r: number, sign: 1 | -1): void {
    const p = this.p;
    if (p.tallies.length === 0) return;
    for (let k = p.actTeacherStart[a]; k < p.actTeacherStart[a + 1]; k++) {
      const t = p.actTeachers[k];
      for (let j = p.teacherTallyStart[t]; j < p.teacherTallyStart[t + 1]; j++) this.add(p.teacherTally[j], a, s, r, sign);
    }
    for (let k = p.actSubgroupStart[a]; k < p.actSubgroupStart[a + 1]; k++) {
      const g = p.actSubgroups[k];
      for (let j = p.subgroupTallyStart[g]; j < p.subgroupTallyStart[g + 1]; j++) this.add(p.subgroupTally[j], a, s, r, sign);
    }
  }

  private add(i: number, a: number, s: number, r: number, sign: 1 | -1): void {
    const p = this.p;
    const inst = p.tallies[i];
    const c = inst.count(a, r);
    if (c === 0) return;
    const base = i * p.nSlots + s;
    const d = p.actDuration[a];
    for (let h = 0; h < d; h++) this.occ[base + h] += sign * c;
    const day = (s / p.nHours) | 0;
    const v = inst.day(this.occViews[i], this.blockedViews[i], day * p.nHours, p.nHours, day);
    const at = i * p.nDays + day;
    if (v === this.dayValue[at]) return;
    this.dayValue[at] = v;
    this.refreshWeek(i);
  }

  private refreshWeek(i: number): void {
    const v = this.p.tallies[i].week(this.dayViews[i], this.p.nDays);
    const old = this.viol[i];
    if (v === old) return;
    this.viol[i] = v;
    if (this.hardW[i]) this.hard += v - old;
    else this.soft += (v - old) * this.units[i];
  }

  /** Whether activity a (on `day`) is part of a violated 100% tally week through that day. */
  inConflict(a: number, day: number): boolean {
    const p = this.p;
    if (this.hard === 0) return false;
    for (let k = p.actTeacherStart[a]; k < p.actTeacherStart[a + 1]; k++) {
      const t = p.actTeachers[k];
      for (let j = p.teacherTallyStart[t]; j < p.teacherTallyStart[t + 1]; j++) {
        const i = p.teacherTally[j];
        if (this.hardW[i] && this.viol[i] > 0 && this.dayValue[i * p.nDays + day] !== 0) return true;
      }
    }
    for (let k = p.actSubgroupStart[a]; k < p.actSubgroupStart[a + 1]; k++) {
      const g = p.actSubgroups[k];
      for (let j = p.subgroupTallyStart[g]; j < p.subgroupTallyStart[g + 1]; j++) {
        const i = p.subgroupTally[j];
        if (this.hardW[i] && this.viol[i] > 0 && this.dayValue[i * p.nDays + day] !== 0) return true;
      }
    }
    return false;
  }
}

/** Violations of one tally instance, from scratch (evaluate.ts). */
export function tallyViolations(p: SchoolProblem, inst: TallyInstance, t: SchoolTimetable): number {
  const { nSlots, nHours, nDays } = p;
  const tally = new Int32Array(nSlots);
  const starts = inst.kind === "teacher" ? p.actTeacherStart : p.actSubgroupStart;
  const list = inst.kind === "teacher" ? p.actTeachers : p.actSubgroups;
  for (let a = 0; a < p.nActivities; a++) {
    const s = t.start[a];
    if (s < 0) continue;
    let mine = false;
    for (let k = starts[a]; k < starts[a + 1] && !mine; k++) mine = list[k] === inst.resource;
    if (!mine) continue;
    const c = inst.count(a, t.room[a]);
    for (let h = 0; h < p.actDuration[a]; h++) tally[s + h] += c;
  }
  const blocked = (inst.kind === "teacher" ? p.teacherBlocked : p.subgroupBlocked).subarray(inst.resource * nSlots, (inst.resource + 1) * nSlots);
  const days = new Int32Array(nDays);
  for (let d = 0; d < nDays; d++) days[d] = inst.day(tally, blocked, d * nHours, nHours, d);
  return inst.week(days, nDays);
}
