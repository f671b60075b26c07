/**
 * The local search's working memory: a timetable plus occupancy tables and per-course / per-
 * curriculum counters, so that removing or placing one lecture updates the soft cost in O(few)
 * (delta evaluation) instead of re-scoring the whole timetable.
 *
 * A Board is derived data: it is rebuilt from a Timetable (two Int16Arrays) whenever a run is
 * restored, so checkpoints hold only the timetables. Hard constraints are kept as an invariant:
 * callers ask `feasible` before `place`, so a placed lecture never conflicts; a lecture that
 * cannot be placed stays unassigned, and the count of those is the hard violation figure. The
 * relaxed annealing (anneal.ts) asks only `placeable`, which lets lectures of one curriculum or
 * instructor share a period; the board counts those in `conflicts`, and only a board without
 * conflicts is a result.
 */
import type { TimetablingProblem } from "../problem";
import type { Timetable } from "../solution";

export class Board {
  readonly pr: TimetablingProblem;
  readonly P: number;
  readonly R: number;
  readonly D: number;
  readonly S: number;
  readonly Q: number;
  readonly period: Int16Array;
  readonly room: Int16Array;
  /** Lecture in room r at period p (r * P + p), or -1. */
  readonly roomAt: Int16Array;
  /** Lecture of course c at period p (c * P + p), or -1. */
  readonly courseAt: Int16Array;
  readonly currCount: Int16Array;
  readonly instrCount: Int16Array;
  readonly instrDay: Int16Array;
  readonly dayCount: Int16Array;
  readonly daysUsed: Int16Array;
  readonly roomUse: Int16Array;
  readonly roomsUsed: Int16Array;
  /** inCurr[c * Q + q] = 1 when course c belongs to curriculum q. */
  readonly inCurr: Uint8Array;
  /** conflict[a * C + b] = 1 when courses a and b may not share a period. */
  readonly conflict: Uint8Array;
  /** Lectures the search may move (all but the pinned ones). */
  readonly movable: Int16Array;
  /** Lectures pinned by the user: no operator ever moves them. */
  readonly fixed: Uint8Array;
  /** Unassigned lectures as a set with O(1) insert/remove (list + position). */
  readonly freeList: Int16Array;
  readonly freePos: Int16Array;
  nFree = 0;
  /** Pinned lectures among the unassigned (their pin clashes with another pin): never repairable. */
  nFixedFree = 0;
  /** Weighted soft cost of the assigned lectures. */
  soft = 0;
  /**
   * Conflict units among the assigned lectures: for every curriculum and every instructor, the
   * lectures in one period beyond the first. Zero unless a relaxed search (`placeable`) placed
   * lectures that share a curriculum or an instructor in one period.
   */
  conflicts = 0;
  /** Working days the courses lack in total (unweighted: Σ max(0, minimum days − days used)). */
  missingDays = 0;
  private readonly wCap: number;
  private readonly wDays: number;
  private readonly wComp: number;
  private readonly wStab: number;
  private readonly wPref: number;
  private readonly wDaily: number;
  private readonly wDouble: number;

  constructor(pr: TimetablingProblem) {
    this.pr = pr;
    const P = (this.P = pr.periods);
    const R = (this.R = pr.roomIds.length);
    const D = (this.D = pr.days);
    this.S = pr.slotsPerDay;
    const Q = (this.Q = pr.curriculumIds.length);
    const C = pr.courseIds.length;
    const T = pr.instructorIds.length;
    const L = pr.lectureCourse.length;
    this.period = new Int16Array(L).fill(-1);
    this.room = new Int16Array(L).fill(-1);
    this.roomAt = new Int16Array(R * P).fill(-1);
    this.courseAt = new Int16Array(C * P).fill(-1);
    this.currCount = new Int16Array(Q * P);
    this.instrCount = new Int16Array(T * P);
    this.instrDay = new Int16Array(T * D);
    this.dayCount = new Int16Array(C * D);
    this.daysUsed = new Int16Array(C);
    this.roomUse = new Int16Array(C * R);
    this.roomsUsed = new Int16Array(C);
    this.inCurr = new Uint8Array(C * Q);
    pr.courseCurricula.forEach((qs, c) => qs.forEach((q) => (this.inCurr[c * Q + q] = 1)));
    this.fixed = new Uint8Array(L);
    for (let l = 0; l < L; l++) if (pr.pinPeriod[l] >= 0) this.fixed[l] = 1;
    this.conflict = new Uint8Array(C * C);
    pr.courseConflicts.forEach((list, a) => list.forEach((x) => (this.conflict[a * C + x] = 1)));
    this.movable = Int16Array.from(Array.from({ length: L }, (_, l) => l).filter((l) => !this.fixed[l]));
    this.freeList = new Int16Array(L);
    this.freePos = new Int16Array(L);
    for (let l = 0; l < L; l++) this.addFree(l);
    // Missing days are counted from zero lectures, so an empty board already pays for them.
    for (let c = 0; c < C; c++) {
      this.soft += pr.weights.minWorkingDays * pr.courseMinDays[c];
      this.missingDays += pr.courseMinDays[c];
    }
    const w = pr.weights;
    this.wCap = w.roomCapacity;
    this.wDays = w.minWorkingDays;
    this.wComp = w.curriculumCompactness;
    this.wStab = w.roomStability;
    this.wPref = w.periodPreference;
    this.wDaily = w.instructorDailyLimit;
    this.wDouble = w.doubleLectures;
  }

  /** A board holding timetable `t`; lectures whose slot is infeasible stay unassigned. */
  static from(pr: TimetablingProblem, t: Timetable, relaxed = false): Board {
    const b = new Board(pr);
    b.load(t, relaxed);
    return b;
  }

  /**
   * Place every lecture of `t` that fits (pinned lectures first, so they always win). With
   * `relaxed`, the unpinned ones need only be `placeable` (curriculum and instructor conflicts are
   * kept and counted in `conflicts`), so a relaxed search's board is rebuilt exactly.
   */
  load(t: Timetable, relaxed = false): void {
    const L = this.period.length;
    for (let pass = 0; pass < 2; pass++) {
      for (let l = 0; l < L; l++) {
        if ((pass === 0) !== (this.fixed[l] === 1)) continue;
        const p = pass === 0 ? this.pr.pinPeriod[l] : t.period[l];
        const r = pass === 0 ? this.pr.pinRoom[l] : t.room[l];
        if (p < 0 || r < 0 || this.period[l] >= 0) continue;
        if (relaxed && pass === 1 ? this.placeable(l, p, r, -1, -1) : this.feasible(l, p, r, -1, -1)) this.place(l, p, r);
      }
    }
  }

  /** Put the unassigned set in index order, so its order never depends on history (checkpoints). */
  canonicalizeFree(): void {
    const n = this.nFree;
    this.freeList.subarray(0, n).sort();
    for (let i = 0; i < n; i++) this.freePos[this.freeList[i]] = i;
  }

  /** Copy the current timetable out. */
  snapshot(): Timetable {
    return { period: this.period.slice(), room: this.room.slice() };
  }

  get hard(): number {
    return this.nFree;
  }

  /** Unassigned lectures a repair could still place. */
  get repairable(): number {
    return this.nFree - this.nFixedFree;
  }

  private addFree(l: number): void {
    if (this.fixed[l]) this.nFixedFree++;
    this.freePos[l] = this.nFree;
    this.freeList[this.nFree++] = l;
  }

  private dropFree(l: number): void {
    if (this.fixed[l]) this.nFixedFree--;
    const i = this.freePos[l];
    const last = this.freeList[--this.nFree];
    this.freeList[i] = last;
    this.freePos[last] = i;
  }

  /**
   * Can lecture `l` go to period p, room r without breaking a hard constraint, ignoring lectures
   * `a` and `b` (the ones a swap is moving away; -1 for none)?
   */
  feasible(l: number, p: number, r: number, a: number, b: number): boolean {
    const pr = this.pr;
    const P = this.P;
    const c = pr.lectureCourse[l];
    if (!this.placeable(l, p, r, a, b)) return false;
    // Lectures being moved away that sit in p would otherwise count as conflicts.
    const ca = a >= 0 && this.period[a] === p ? pr.lectureCourse[a] : -1;
    const cb = b >= 0 && this.period[b] === p ? pr.lectureCourse[b] : -1;
    const cl = this.period[l] === p ? c : -1;
    const Q = this.Q;
    const qs = pr.courseCurricula[c];
    for (let i = 0; i < qs.length; i++) {
      const q = qs[i];
      let n = this.currCount[q * P + p];
      if (n === 0) continue;
      if (ca >= 0 && this.inCurr[ca * Q + q]) n--;
      if (cb >= 0 && this.inCurr[cb * Q + q]) n--;
      if (cl >= 0) n--;
      if (n > 0) return false;
    }
    const t = pr.courseInstructor[c];
    if (t >= 0) {
      let n = this.instrCount[t * P + p];
      if (n > 0) {
        if (ca >= 0 && pr.courseInstructor[ca] === t) n--;
        if (cb >= 0 && pr.courseInstructor[cb] === t) n--;
        if (cl >= 0) n--;
        if (n > 0) return false;
      }
    }
    return true;
  }

  /**
   * The hard constraints a relaxed search keeps (core/timetabling/solver/anneal.ts): lecture `l`
   * may go to period p, room r when both are available and suitable, the room is free and the
   * course has no other lecture in p (ignoring lectures `a` and `b`, which a swap is moving away).
   * Curriculum and instructor conflicts are allowed; the board counts them in `conflicts`.
   */
  placeable(l: number, p: number, r: number, a: number, b: number): boolean {
    const pr = this.pr;
    const P = this.P;
    const c = pr.lectureCourse[l];
    if (pr.courseUnavailable[c * P + p] || pr.roomUnavailable[r * P + p] || !pr.courseRoomAllowed[c * this.R + r]) return false;
    const o = this.roomAt[r * P + p];
    if (o >= 0 && o !== a && o !== b && o !== l) return false;
    const oc = this.courseAt[c * P + p];
    return oc < 0 || oc === a || oc === b || oc === l;
  }

  /**
   * Change in isolated-lecture units of curriculum row `base` when its count in period p (slot s)
   * goes from n to n + sign: the isolated lectures (docs/itc2007-format.md) in periods p - 1, p
   * and p + 1 of the day after the change minus before, read from the counts at p - 2 … p + 2.
   * p's own lectures are isolated (n of them) exactly when both neighbours are empty, so that term
   * changes by `sign`; a neighbour's lectures change status only when p turns empty or non-empty,
   * and only if they have no other neighbour. (Counting p - 1, p, p + 1 before and after gives the
   * same number with about three times the reads.)
   */
  private isolatedDelta(base: number, p: number, s: number, n: number, sign: 1 | -1): number {
    const cc = this.currCount;
    const S = this.S;
    const a = s > 0 ? cc[base + p - 1] : 0;
    const c = s < S - 1 ? cc[base + p + 1] : 0;
    let d = a === 0 && c === 0 ? sign : 0;
    if (sign > 0 ? n === 0 : n === 1) {
      // p turns non-empty (sign +1) or empty (sign -1): a lone neighbour loses or gains isolation.
      if (a > 0 && (s < 2 || cc[base + p - 2] === 0)) d -= sign * a;
      if (c > 0 && (s > S - 3 || cc[base + p + 2] === 0)) d -= sign * c;
    }
    return d;
  }

  /** Unpaired lectures of a double-lecture course around p (same rule as doubleLecturesConstraint). */
  private unpairedAround(c: number, p: number, s: number): number {
    const at = this.courseAt;
    const base = c * this.P;
    const S = this.S;
    let v = 0;
    for (let x = s > 0 ? -1 : 0; x <= (s < S - 1 ? 1 : 0); x++) {
      const y = p + x;
      const sy = s + x;
      if (at[base + y] < 0) continue;
      const paired = (sy > 0 && at[base + y - 1] >= 0) || (sy < S - 1 && at[base + y + 1] >= 0);
      if (!paired) v++;
    }
    return v;
  }

  /** Apply +1/-1 of lecture l of course c at period p, room r to every counter; returns the soft delta. */
  private change(l: number, c: number, p: number, r: number, sign: 1 | -1): number {
    const pr = this.pr;
    const P = this.P;
    const d = (p / this.S) | 0;
    const s = p - d * this.S;
    let delta = 0;

    const over = pr.courseStudents[c] - pr.roomCapacity[r];
    if (over > 0) delta += sign * over * this.wCap;

    const ru = c * this.R + r;
    if (sign > 0 ? this.roomUse[ru]++ === 0 : --this.roomUse[ru] === 0) {
      const before = this.roomsUsed[c];
      const after = (this.roomsUsed[c] = before + sign);
      delta += this.wStab * (Math.max(0, after - 1) - Math.max(0, before - 1));
    }

    const dc = c * this.D + d;
    if (sign > 0 ? this.dayCount[dc]++ === 0 : --this.dayCount[dc] === 0) {
      const min = pr.courseMinDays[c];
      const before = this.daysUsed[c];
      const after = (this.daysUsed[c] = before + sign);
      const missing = Math.max(0, min - after) - Math.max(0, min - before);
      this.missingDays += missing;
      delta += this.wDays * missing;
    }

    const qs = pr.courseCurricula[c];
    for (let i = 0; i < qs.length; i++) {
      const base = qs[i] * P;
      const n = this.currCount[base + p];
      const d = this.isolatedDelta(base, p, s, n, sign);
      this.currCount[base + p] = n + sign;
      if (sign > 0 ? n > 0 : n > 1) this.conflicts += sign;
      delta += this.wComp * d;
    }

    const t = pr.courseInstructor[c];
    if (t >= 0) {
      const n = this.instrCount[t * P + p];
      this.instrCount[t * P + p] = n + sign;
      if (sign > 0 ? n > 0 : n > 1) this.conflicts += sign;
      const max = pr.instructorMaxPerDay[t];
      const td = t * this.D + d;
      const before = this.instrDay[td];
      this.instrDay[td] = before + sign;
      if (max > 0) delta += this.wDaily * (Math.max(0, before + sign - max) - Math.max(0, before - max));
    }

    if (pr.periodPenalty) delta += sign * this.wPref * pr.periodPenalty[c * P + p];

    if (pr.courseDouble[c]) {
      const before = this.unpairedAround(c, p, s);
      this.courseAt[c * P + p] = sign > 0 ? l : -1;
      delta += this.wDouble * (this.unpairedAround(c, p, s) - before);
    } else this.courseAt[c * P + p] = sign > 0 ? l : -1;

    this.roomAt[r * P + p] = sign > 0 ? l : -1;
    return delta;
  }

  /** Unassign lecture l (must be assigned); returns the soft delta. */
  remove(l: number): number {
    const delta = this.change(l, this.pr.lectureCourse[l], this.period[l], this.room[l], -1);
    this.period[l] = -1;
    this.room[l] = -1;
    this.addFree(l);
    this.soft += delta;
    return delta;
  }

  /** Assign lecture l (must be unassigned, and `feasible`) to period p, room r; returns the soft delta. */
  place(l: number, p: number, r: number): number {
    const delta = this.change(l, this.pr.lectureCourse[l], p, r, 1);
    this.period[l] = p;
    this.room[l] = r;
    this.dropFree(l);
    this.soft += delta;
    return delta;
  }
}
