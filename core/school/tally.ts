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
  /**
   * Instances of the same resource with the same `count` function (e.g. every building constraint
   * of a teacher) share one GROUP and one tally: occ[g * nSlots .. (g + 1) * nSlots).
   */
  private readonly occ: Int32Array;
  private readonly groupOcc: Int32Array[];
  private readonly groupCount: ((a: number, r: number) => number)[];
  /** CSR: instances of group g: groupInst[groupInstStart[g] .. groupInstStart[g + 1]). */
  private readonly groupInstStart: Int32Array;
  private readonly groupInst: Int32Array;
  /** CSR: groups of teacher t / subgroup s. */
  private readonly teacherGroupStart: Int32Array;
  private readonly teacherGroup: Int32Array;
  private readonly subgroupGroupStart: Int32Array;
  private readonly subgroupGroup: Int32Array;
  /** The resource's row of teacherBlocked / subgroupBlocked, indexed like the tally (per group). */
  private readonly groupBlocked: Uint8Array[];
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
    // groups by (kind, resource, count)
    const byCount = new Map<(a: number, r: number) => number, Map<string, number>>();
    const groupOf = new Int32Array(n);
    const members: number[][] = [];
    const groupRes: { kind: "teacher" | "subgroup"; resource: number }[] = [];
    this.groupCount = [];
    p.tallies.forEach((t, i) => {
      let m = byCount.get(t.count);
      if (!m) byCount.set(t.count, (m = new Map()));
      const key = `${t.kind}:${t.resource}`;
      let g = m.get(key);
      if (g === undefined) {
        g = members.length;
        m.set(key, g);
        members.push([]);
        groupRes.push({ kind: t.kind, resource: t.resource });
        this.groupCount.push(t.count);
      }
      members[g].push(i);
      groupOf[i] = g;
    });
    const nGroups = members.length;
    this.occ = new Int32Array(nGroups * nSlots);
    this.groupOcc = members.map((_, g) => this.occ.subarray(g * nSlots, (g + 1) * nSlots));
    this.groupBlocked = groupRes.map((r) => (r.kind === "teacher" ? p.teacherBlocked : p.subgroupBlocked).subarray(r.resource * nSlots, (r.resource + 1) * nSlots));
    this.groupInstStart = new Int32Array(nGroups + 1);
    members.forEach((m, g) => (this.groupInstStart[g + 1] = this.groupInstStart[g] + m.length));
    this.groupInst = Int32Array.from(members.flat());
    const csr = (count: number, kind: "teacher" | "subgroup") => {
      const lists: number[][] = Array.from({ length: count }, () => []);
      groupRes.forEach((r, g) => {
        if (r.kind === kind) lists[r.resource].push(g);
      });
      const start = new Int32Array(count + 1);
      lists.forEach((l, k) => (start[k + 1] = start[k] + l.length));
      return { start, list: Int32Array.from(lists.flat()) };
    };
    const tg = csr(p.teachers.length, "teacher");
    const sg = csr(p.subgroups.length, "subgroup");
    this.teacherGroupStart = tg.start;
    this.teacherGroup = tg.list;
    this.subgroupGroupStart = sg.start;
    this.subgroupGroup = sg.list;
    this.dayValue = new Int32Array(n * nDays);
    this.dayViews = p.tallies.map((_, i) => this.dayValue.subarray(i * nDays, (i + 1) * nDays));
    this.viol = new Int32Array(n);
    this.hardW = Uint8Array.from(p.tallies, (t) => (t.weight >= 100 ? 1 : 0));
    this.units = Float64Array.from(p.tallies, (t) => softUnits(t.weight));
    // weeks violated with nothing placed (e.g. a minimum) start at that value
    for (let i = 0; i < n; i++) {
      const g = groupOf[i];
      for (let d = 0; d < nDays; d++) this.dayValue[i * nDays + d] = p.tallies[i].day(this.groupOcc[g], this.groupBlocked[g], d * p.nHours, p.nHours, d);
      this.refreshWeek(i);
    }
  }

  /** Activity a placed (sign 1) or removed (sign -1) at start s in room r: update the tallies of its teachers and subgroups. */
  apply(a: number, s: number, r: number, sign: 1 | -1): void {
    const p = this.p;
    if (p.tallies.length === 0) return;
    for (let k = p.actTeacherStart[a]; k < p.actTeacherStart[a + 1]; k++) {
      const t = p.actTeachers[k];
      for (let j = this.teacherGroupStart[t]; j < this.teacherGroupStart[t + 1]; j++) this.add(this.teacherGroup[j], a, s, r, sign);
    }
    for (let k = p.actSubgroupStart[a]; k < p.actSubgroupStart[a + 1]; k++) {
      const g = p.actSubgroups[k];
      for (let j = this.subgroupGroupStart[g]; j < this.subgroupGroupStart[g + 1]; j++) this.add(this.subgroupGroup[j], a, s, r, sign);
    }
  }

  private add(g: number, a: number, s: number, r: number, sign: 1 | -1): void {
    const p = this.p;
    const c = this.groupCount[g](a, r);
    if (c === 0) return;
    const occ = this.groupOcc[g];
    const d = p.actDuration[a];
    for (let h = 0; h < d; h++) occ[s + h] += sign * c;
    const nHours = p.nHours;
    const day = (s / nHours) | 0;
    const base = day * nHours;
    const blocked = this.groupBlocked[g];
    for (let k = this.groupInstStart[g]; k < this.groupInstStart[g + 1]; k++) {
      const i = this.groupInst[k];
      const v = p.tallies[i].day(occ, blocked, base, nHours, day);
      const at = i * p.nDays + day;
      if (v === this.dayValue[at]) continue;
      this.dayValue[at] = v;
      this.refreshWeek(i);
    }
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
