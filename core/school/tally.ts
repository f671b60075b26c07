/**
 * The `tally` shape (constraints/types.ts, TallyInstance): per instance, one Int32Array over the
 * week's slots holding Σ count(a, room) of the resource's placed activities, kept up to date by
 * `Tallies.apply` on every place / unplace (the Board calls it), with per-day values and week
 * violations like the `resource` shape. `tallyViolations` computes the same from scratch for
 * evaluate.ts, so tests can check one against the other (tally.test.ts, on random moves).
 * Speed (FET files with hundreds of tag-pair instances): each activity has the list of tallies it
 * adds to, without the room-free ones it adds 0 to; hard instances of resources with the same
 * tagged activities and blocked hours share one tally, and each of its day functions runs once.
 */
import { sum } from "./constraints/tag-hours";
import type { TallyInstance } from "./constraints/types";
import type { SchoolTimetable } from "./evaluate";
import { softUnits, type SchoolProblem } from "./problem";

/**
 * What the Board's place / unplace changed among the values derived from the timetable (day values,
 * violations), as (array code, index, old value) triples, so that the next call undoing it can put
 * them back instead of computing them again (core/school/undo-frames.ts). Only records while `on`.
 */
export class UndoLog {
  on = false;
  length = 0;
  entries = new Int32Array(3 * 1024);

  note(code: number, i: number, old: number): void {
    if (!this.on) return;
    if (this.length + 3 > this.entries.length) {
      const grown = new Int32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    const e = this.entries;
    e[this.length] = code;
    e[this.length + 1] = i;
    e[this.length + 2] = old;
    this.length += 3;
  }
}

/** UndoLog codes of the tallies' arrays. */
export const UNDO_TALLY_DAY = 10;
export const UNDO_TALLY_VIOL = 11;

export class Tallies {
  private readonly p: SchoolProblem;
  private readonly log: UndoLog;
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
  private readonly groupOf: Int32Array;
  /**
   * Per groupInst position k: one past the last position of k's CLASS, the run of instances from k on
   * with k's day function on the same tally (a shared group's run; k + 1 elsewhere). A class's
   * instances always hold the same day values (computed by the same function from the same tally, and
   * changed together), so when its first one's day does not change, none does and `add` skips to here.
   */
  private readonly classEnd: Int32Array;
  /** CSR: groups of teacher t / subgroup s. */
  private readonly teacherGroupStart: Int32Array;
  private readonly teacherGroup: Int32Array;
  private readonly subgroupGroupStart: Int32Array;
  private readonly subgroupGroup: Int32Array;
  /**
   * CSR per activity a: the groups its teachers' and subgroups' tallies it may add to, in the order
   * teachers then subgroups (so float sums add up in one fixed order), i.e.
   * actGroup[actGroupStart[a] .. actGroupStart[a + 1]). Groups whose count is room-free
   * (TallyInstance.roomFreeCount) appear only where the count is not 0, with it in actCount;
   * the others have actCall = 1 and their count is called with the room.
   */
  private readonly actGroupStart: Int32Array;
  private readonly actGroup: Int32Array;
  private readonly actCount: Int32Array;
  private readonly actCall: Uint8Array;
  private readonly dayFn: TallyInstance["day"][];
  /** 1 where the instance's week is the sum of its days (tag-hours.ts `sum`): updated by the day's change. */
  private readonly weekIsSum: Uint8Array;
  /** The resource's row of teacherBlocked / subgroupBlocked, indexed like the tally (per group). */
  private readonly groupBlocked: Uint8Array[];
  readonly dayValue: Int32Array;
  private readonly dayViews: Int32Array[];
  readonly viol: Int32Array;
  private readonly hardW: Uint8Array;
  private readonly units: Float64Array;
  hard = 0;
  soft = 0;

  constructor(p: SchoolProblem, log: UndoLog = new UndoLog()) {
    this.p = p;
    this.log = log;
    const n = p.tallies.length;
    const { nSlots, nDays } = p;
    // groups by (kind, resource, count); hard instances with a room-free count are grouped by
    // (kind, the resource's activities with a non-zero count, its blocked hours, count) instead:
    // such resources (e.g. the subgroups of one group taking the same tagged lessons) always have
    // the same tally, so it is kept once, and each day function is run once per group.
    const blockedRow = (kind: "teacher" | "subgroup", r: number) => (kind === "teacher" ? p.teacherBlocked : p.subgroupBlocked).subarray(r * nSlots, (r + 1) * nSlots);
    const activitiesOf = (kind: "teacher" | "subgroup") => {
      const [start, list] = kind === "teacher" ? [p.actTeacherStart, p.actTeachers] : [p.actSubgroupStart, p.actSubgroups];
      const out: number[][] = Array.from({ length: kind === "teacher" ? p.teachers.length : p.subgroups.length }, () => []);
      for (let a = 0; a < p.nActivities; a++) for (let k = start[a]; k < start[a + 1]; k++) out[list[k]].push(a);
      return out;
    };
    const acts = { teacher: activitiesOf("teacher"), subgroup: activitiesOf("subgroup") };
    const shareKey = (t: TallyInstance) => {
      const w = t.roomFreeCount!;
      const mine = acts[t.kind][t.resource].filter((a) => w[a] !== 0);
      return `${t.kind}:shared:${mine.join(",")}:${blockedRow(t.kind, t.resource).join("")}`;
    };
    const byCount = new Map<(a: number, r: number) => number, Map<string, number>>();
    const groupOf = new Int32Array(n);
    const members: number[][] = [];
    const groupRes: { kind: "teacher" | "subgroup"; resources: number[]; shared: boolean }[] = [];
    this.groupCount = [];
    p.tallies.forEach((t, i) => {
      let m = byCount.get(t.count);
      if (!m) byCount.set(t.count, (m = new Map()));
      const shared = t.roomFreeCount !== undefined && t.weight >= 100;
      const key = shared ? shareKey(t) : `${t.kind}:${t.resource}`;
      let g = m.get(key);
      if (g === undefined) {
        g = members.length;
        m.set(key, g);
        members.push([]);
        groupRes.push({ kind: t.kind, resources: [], shared });
        this.groupCount.push(t.count);
      }
      if (!groupRes[g].resources.includes(t.resource)) groupRes[g].resources.push(t.resource);
      members[g].push(i);
      groupOf[i] = g;
    });
    const nGroups = members.length;
    this.groupOf = groupOf;
    this.occ = new Int32Array(nGroups * nSlots);
    this.groupOcc = members.map((_, g) => this.occ.subarray(g * nSlots, (g + 1) * nSlots));
    this.groupBlocked = groupRes.map((r) => blockedRow(r.kind, r.resources[0]));
    // a shared group's instances with the same day function, next to each other: the first of such a run computes the day
    const classStart: number[] = [];
    const ordered = members.map((m, g) => {
      if (!groupRes[g].shared) {
        m.forEach(() => classStart.push(1));
        return m;
      }
      const fns = [...new Set(m.map((i) => p.tallies[i].day))];
      const sorted = fns.flatMap((f) => m.filter((i) => p.tallies[i].day === f));
      sorted.forEach((i, k) => classStart.push(k === 0 || p.tallies[i].day !== p.tallies[sorted[k - 1]].day ? 1 : 0));
      return sorted;
    });
    this.groupInstStart = new Int32Array(nGroups + 1);
    ordered.forEach((m, g) => (this.groupInstStart[g + 1] = this.groupInstStart[g] + m.length));
    this.groupInst = Int32Array.from(ordered.flat());
    this.classEnd = classEnds(classStart);
    const csr = (count: number, kind: "teacher" | "subgroup") => {
      const lists: number[][] = Array.from({ length: count }, () => []);
      groupRes.forEach((r, g) => {
        if (r.kind === kind) for (const res of r.resources) lists[res].push(g);
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
    // a group's count is room-free when all its instances give the same roomFreeCount (they share `count`)
    const roomFree: (Int32Array | undefined)[] = members.map((m) => {
      const w = p.tallies[m[0]].roomFreeCount;
      return w && m.every((i) => p.tallies[i].roomFreeCount === w) ? w : undefined;
    });
    groupRes.forEach((r, g) => {
      if (r.shared && !roomFree[g]) throw new Error("tally.ts: instances sharing a count must share its roomFreeCount (constraints/types.ts)");
    });
    const groups: number[] = [];
    const counts: number[] = [];
    const calls: number[] = [];
    this.actGroupStart = new Int32Array(p.nActivities + 1);
    // a shared group is reached through each of its resources, but adds an activity once
    const seenBy = new Int32Array(nGroups).fill(-1);
    const push = (a: number, start: Int32Array, list: Int32Array, r: number) => {
      for (let j = start[r]; j < start[r + 1]; j++) {
        const g = list[j];
        const w = roomFree[g];
        if (w && w[a] === 0) continue;
        if (groupRes[g].shared) {
          if (seenBy[g] === a) continue;
          seenBy[g] = a;
        }
        groups.push(g);
        counts.push(w ? w[a] : 0);
        calls.push(w ? 0 : 1);
      }
    };
    for (let a = 0; a < p.nActivities; a++) {
      for (let k = p.actTeacherStart[a]; k < p.actTeacherStart[a + 1]; k++) push(a, this.teacherGroupStart, this.teacherGroup, p.actTeachers[k]);
      for (let k = p.actSubgroupStart[a]; k < p.actSubgroupStart[a + 1]; k++) push(a, this.subgroupGroupStart, this.subgroupGroup, p.actSubgroups[k]);
      this.actGroupStart[a + 1] = groups.length;
    }
    this.actGroup = Int32Array.from(groups);
    this.actCount = Int32Array.from(counts);
    this.actCall = Uint8Array.from(calls);
    this.dayFn = p.tallies.map((t) => t.day);
    this.weekIsSum = Uint8Array.from(p.tallies, (t) => (t.week === sum ? 1 : 0));
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

  /** How many tallies are kept (one per group of instances sharing one). */
  get groups(): number {
    return this.groupOcc.length;
  }

  /** The (possibly shared) tally instance i is evaluated on (read only; for tests against `tallyOf`). */
  tallyOf(i: number): Int32Array {
    return this.groupOcc[this.groupOf[i]];
  }

  /** Activity a placed (sign 1) or removed (sign -1) at start s in room r: update the tallies of its teachers and subgroups. */
  apply(a: number, s: number, r: number, sign: 1 | -1): void {
    const p = this.p;
    if (p.tallies.length === 0) return;
    const end = this.actGroupStart[a + 1];
    for (let k = this.actGroupStart[a]; k < end; k++) {
      const g = this.actGroup[k];
      const c = this.actCall[k] ? this.groupCount[g](a, r) : this.actCount[k];
      if (c !== 0) this.add(g, c, a, s, sign);
    }
  }

  /**
   * Only the tallies of `apply` (no day re-evaluated): for undoing a place or an unplace whose day
   * values and violations are put back from the UndoLog (board.ts).
   */
  shift(a: number, s: number, r: number, sign: 1 | -1): void {
    const p = this.p;
    if (p.tallies.length === 0) return;
    const d = p.actDuration[a];
    const end = this.actGroupStart[a + 1];
    for (let k = this.actGroupStart[a]; k < end; k++) {
      const g = this.actGroup[k];
      const c = this.actCall[k] ? this.groupCount[g](a, r) : this.actCount[k];
      if (c === 0) continue;
      const occ = this.groupOcc[g];
      for (let h = 0; h < d; h++) occ[s + h] += sign * c;
    }
  }

  /** Adds sign * c to group g's tally over activity a's hours from s, and re-evaluates that day of the group's instances. */
  private add(g: number, c: number, a: number, s: number, sign: 1 | -1): void {
    const p = this.p;
    const occ = this.groupOcc[g];
    const d = p.actDuration[a];
    for (let h = 0; h < d; h++) occ[s + h] += sign * c;
    const nHours = p.nHours;
    const day = (s / nHours) | 0;
    const base = day * nHours;
    const blocked = this.groupBlocked[g];
    const nDays = p.nDays;
    const end = this.groupInstStart[g + 1];
    let k = this.groupInstStart[g];
    while (k < end) {
      const first = this.groupInst[k];
      const v = this.dayFn[first](occ, blocked, base, nHours, day);
      const classEnd = this.classEnd[k];
      if (v === this.dayValue[first * nDays + day]) {
        k = classEnd;
        continue;
      }
      for (; k < classEnd; k++) {
        const i = this.groupInst[k];
        const at = i * nDays + day;
        const was = this.dayValue[at];
        this.log.note(UNDO_TALLY_DAY, at, was);
        this.dayValue[at] = v;
        if (this.weekIsSum[i]) this.setViol(i, this.viol[i] + v - was);
        else this.refreshWeek(i);
      }
    }
  }

  private refreshWeek(i: number): void {
    this.setViol(i, this.p.tallies[i].week(this.dayViews[i], this.p.nDays));
  }

  private setViol(i: number, v: number): void {
    const old = this.viol[i];
    if (v === old) return;
    this.log.note(UNDO_TALLY_VIOL, i, old);
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

/** `Tallies.classEnd` from the 1 / 0 marks of the positions that start a class. */
function classEnds(classStart: readonly number[]): Int32Array {
  const out = new Int32Array(classStart.length);
  let end = classStart.length;
  for (let k = classStart.length - 1; k >= 0; k--) {
    out[k] = end;
    if (classStart[k]) end = k;
  }
  return out;
}

/** Violations of one tally instance, from scratch (evaluate.ts). */
export function tallyViolations(p: SchoolProblem, inst: TallyInstance, t: SchoolTimetable): number {
  const { nSlots, nHours, nDays } = p;
  const tally = tallyOf(p, inst, t);
  const blocked = (inst.kind === "teacher" ? p.teacherBlocked : p.subgroupBlocked).subarray(inst.resource * nSlots, (inst.resource + 1) * nSlots);
  const days = new Int32Array(nDays);
  for (let d = 0; d < nDays; d++) days[d] = inst.day(tally, blocked, d * nHours, nHours, d);
  return inst.week(days, nDays);
}

/** One tally instance's week tally (Σ count per slot over its resource's placed activities), from scratch. */
export function tallyOf(p: SchoolProblem, inst: TallyInstance, t: SchoolTimetable): Int32Array {
  const tally = new Int32Array(p.nSlots);
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
  return tally;
}
