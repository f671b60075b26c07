/**
 * The incremental evaluator: a timetable (start slot and room per activity) with occupancy
 * counters and every constraint's current violations, updated by `place` / `unplace` touching only
 * what one activity affects: its row of the unary tables, its teachers' / subgroups' / room's
 * slots, the (resource, day) pairs it touches and the set constraints it belongs to.
 * Costs: `hard` (violations of 100% constraints, clashes, unplaced activities) and `soft` in
 * units of 1/10000 (see problem.ts). `evaluate.ts` recomputes the same from scratch.
 *
 * Virtual rooms (real-rooms.ts): `place` chooses the activity's real rooms (`real`, or takes the
 * ones given), which occupy their rooms' slots like a real room would (clashes, XOR occupants);
 * the virtual room's own row counts its activities without clashing (a hint for the solver).
 *
 * Undo frames (undo-frames.ts): the solver scores a move by making it and undoing it; a place /
 * unplace that exactly undoes the newest one (or makes again the one just undone) puts the day
 * values, violations and costs back instead of evaluating the days and sets again.
 */
import type { SchoolProblem } from "./problem";
import { softUnits } from "./problem";
import { Tallies, UNDO_TALLY_DAY } from "./tally";
import { chooseRealRooms, realRoomsHard, realRoomsSoft } from "./real-rooms";
import { type FramedBoard, PLACE, UNPLACE, UndoFrames } from "./undo-frames";

/** UndoLog codes of the Board's own arrays (tally.ts has the tallies'). */
const UNDO_RES_DAY = 1;
const UNDO_RES_VIOL = 2;
const UNDO_SET_VIOL = 3;

export class Board implements FramedBoard {
  readonly p: SchoolProblem;
  readonly start: Int32Array;
  readonly room: Int32Array;
  /** Real rooms of activities in virtual rooms: p.maxRealRooms per activity, -1 = none. */
  readonly real: Int32Array;
  private readonly scratchReal: Int32Array;
  readonly tOcc: Int32Array;
  readonly gOcc: Int32Array;
  readonly rOcc: Int32Array;
  /** XOR of (activity + 1) over the activities at each teacher / subgroup / room slot: the occupant when occ = 1. */
  readonly tWho: Int32Array;
  readonly gWho: Int32Array;
  readonly rWho: Int32Array;
  /** Current unary (start + room + room-slot) hard and soft cost per activity. */
  readonly actHard: Int32Array;
  readonly actSoft: Float64Array;
  readonly resDay: Int32Array;
  readonly resViol: Int32Array;
  private readonly resViews: Int32Array[];
  private readonly resHardW: Uint8Array;
  private readonly resUnits: Float64Array;
  /** The `tally` shape's per-hour tallies and violations (tally.ts). */
  readonly tallies: Tallies;
  readonly setViol: Int32Array;
  private readonly setHardW: Uint8Array;
  private readonly setUnits: Float64Array;
  clashes = 0;
  roomClashes = 0;
  localHard = 0;
  localSoft = 0;
  resHard = 0;
  resSoft = 0;
  setHard = 0;
  setSoft = 0;
  unplaced: number;
  /** Undo frames (undo-frames.ts) and the UndoLog they keep. */
  private readonly undo = new UndoFrames(this);

  constructor(p: SchoolProblem) {
    this.p = p;
    const n = p.nActivities;
    this.start = new Int32Array(n).fill(-1);
    this.room = new Int32Array(n).fill(-1);
    this.real = new Int32Array(n * p.maxRealRooms).fill(-1);
    this.scratchReal = new Int32Array(p.maxRealRooms);
    this.tOcc = new Int32Array(p.teachers.length * p.nSlots);
    this.gOcc = new Int32Array(p.subgroups.length * p.nSlots);
    this.rOcc = new Int32Array(p.rooms.length * p.nSlots);
    this.tWho = new Int32Array(this.tOcc.length);
    this.gWho = new Int32Array(this.gOcc.length);
    this.rWho = new Int32Array(this.rOcc.length);
    this.actHard = new Int32Array(n);
    this.actSoft = new Float64Array(n);
    const nr = p.resources.length;
    this.resDay = new Int32Array(nr * p.nDays);
    this.resViol = new Int32Array(nr);
    this.resViews = p.resources.map((_, i) => this.resDay.subarray(i * p.nDays, (i + 1) * p.nDays));
    this.resHardW = Uint8Array.from(p.resources, (r) => (r.weight >= 100 ? 1 : 0));
    this.resUnits = Float64Array.from(p.resources, (r) => softUnits(r.weight));
    this.setViol = new Int32Array(p.sets.length);
    this.setHardW = Uint8Array.from(p.sets, (r) => (r.weight >= 100 ? 1 : 0));
    this.setUnits = Float64Array.from(p.sets, (r) => softUnits(r.weight));
    this.tallies = new Tallies(p, this.undo.log);
    this.unplaced = n;
    // Resources whose week is violated with nothing placed (e.g. a minimum) start at that value.
    for (let i = 0; i < nr; i++) this.refreshWeek(i);
    for (let k = 0; k < p.sets.length; k++) this.refreshSet(k);
  }

  get hard(): number {
    return this.clashes + this.roomClashes + this.localHard + this.resHard + this.setHard + this.unplaced + this.tallies.hard;
  }
  /** Soft units (divide by SOFT_SCALE for FET's weighted violations). */
  get soft(): number {
    return this.localSoft + this.resSoft + this.setSoft + this.tallies.soft;
  }

  /**
   * Unary hard / soft cost of activity a (not placed) at start s in room r (r = -1: none); in a
   * virtual room, with the real rooms it would get now (real-rooms.ts).
   */
  localHardOf(a: number, s: number, r: number): number {
    if (r >= 0 && this.p.roomVirtual[r]) chooseRealRooms(this.p, a, s, r, this.rOcc, this.scratchReal, 0);
    return this.unaryHard(a, s, r, this.scratchReal, 0);
  }
  localSoftOf(a: number, s: number, r: number): number {
    if (r >= 0 && this.p.roomVirtual[r]) chooseRealRooms(this.p, a, s, r, this.rOcc, this.scratchReal, 0);
    return this.unarySoft(a, s, r, this.scratchReal, 0);
  }

  private unaryHard(a: number, s: number, r: number, real: Int32Array, off: number): number {
    const p = this.p;
    let h = p.startHard[a * p.nSlots + s];
    if (r >= 0) {
      h += p.roomHard[a * p.rooms.length + r];
      const d = p.actDuration[a];
      const base = r * p.nSlots + s;
      for (let k = 0; k < d; k++) h += p.roomSlotHard[base + k];
      if (p.roomVirtual[r]) h += realRoomsHard(p, a, s, r, real, off);
    } else if (p.needsRoom[a]) h += 1;
    return h;
  }
  private unarySoft(a: number, s: number, r: number, real: Int32Array, off: number): number {
    const p = this.p;
    let v = p.startSoft[a * p.nSlots + s];
    if (r >= 0) {
      v += p.roomSoft[a * p.rooms.length + r];
      const d = p.actDuration[a];
      const base = r * p.nSlots + s;
      for (let k = 0; k < d; k++) v += p.roomSlotSoft[base + k];
      if (p.roomVirtual[r]) v += realRoomsSoft(p, a, s, r, real, off);
    }
    return v;
  }

  /**
   * Put activity a at start s in room r. In a virtual room its real rooms are `real` (maxRealRooms
   * entries, e.g. saved from an earlier Board) or, without it, chosen now (real-rooms.ts).
   */
  place(a: number, s: number, r: number, real?: ArrayLike<number>): void {
    const p = this.p;
    const virtual = r >= 0 && p.roomVirtual[r] !== 0;
    // undoing the newest unplace, or making again the place just undone: the activity's own costs come from the frames
    if (!virtual && this.undo.replaysPlace(a, s, r)) {
      this.start[a] = s;
      this.room[a] = r;
      this.unplaced--;
      this.actHard[a] = this.undo.ownHard;
      this.actSoft[a] = this.undo.ownSoft;
      this.occupy(a, s, r, 1);
      this.tallies.shift(a, s, r, 1);
      return;
    }
    this.undo.push(PLACE, a, s, r);
    this.start[a] = s;
    this.room[a] = r;
    this.unplaced--;
    const K = p.maxRealRooms;
    if (virtual) {
      if (real) for (let k = 0; k < K; k++) this.real[a * K + k] = real[k];
      else chooseRealRooms(p, a, s, r, this.rOcc, this.real, a * K);
    }
    const h = this.unaryHard(a, s, r, this.real, a * K);
    const v = this.unarySoft(a, s, r, this.real, a * K);
    this.actHard[a] = h;
    this.actSoft[a] = v;
    this.localHard += h;
    this.localSoft += v;
    this.occupy(a, s, r, 1);
    this.tallies.apply(a, s, r, 1);
    const day = (s / p.nHours) | 0;
    this.refreshResources(a, day);
    this.refreshSets(a);
    this.undo.end();
  }

  unplace(a: number): void {
    const s = this.start[a];
    if (s < 0) return;
    const p = this.p;
    const r = this.room[a];
    if (this.undo.replaysUnplace(a)) {
      this.actHard[a] = 0;
      this.actSoft[a] = 0;
      this.occupy(a, s, r, -1);
      this.tallies.shift(a, s, r, -1);
      if (r >= 0 && p.roomVirtual[r]) this.real.fill(-1, a * p.maxRealRooms, (a + 1) * p.maxRealRooms);
      this.start[a] = -1;
      this.room[a] = -1;
      this.unplaced++;
      return;
    }
    // a virtual room's real rooms may be chosen again differently: placing it back is no undo (room -2 never matches)
    this.undo.push(UNPLACE, a, s, r >= 0 && p.roomVirtual[r] ? -2 : r);
    this.localHard -= this.actHard[a];
    this.localSoft -= this.actSoft[a];
    this.actHard[a] = 0;
    this.actSoft[a] = 0;
    this.occupy(a, s, r, -1);
    this.tallies.apply(a, s, r, -1);
    if (r >= 0 && p.roomVirtual[r]) this.real.fill(-1, a * p.maxRealRooms, (a + 1) * p.maxRealRooms);
    this.start[a] = -1;
    this.room[a] = -1;
    this.unplaced++;
    this.refreshResources(a, (s / p.nHours) | 0);
    this.refreshSets(a);
    this.undo.end();
  }

  /** The eight costs (localHard … tallies.soft) into c[o..o+8) (undo-frames.ts). */
  saveCosts(c: Float64Array, o: number): void {
    c[o] = this.localHard;
    c[o + 1] = this.localSoft;
    c[o + 2] = this.resHard;
    c[o + 3] = this.resSoft;
    c[o + 4] = this.setHard;
    c[o + 5] = this.setSoft;
    c[o + 6] = this.tallies.hard;
    c[o + 7] = this.tallies.soft;
  }

  /** The eight costs back from c[o..o+8) (undo-frames.ts). */
  loadCosts(c: Float64Array, o: number): void {
    this.localHard = c[o];
    this.localSoft = c[o + 1];
    this.resHard = c[o + 2];
    this.resSoft = c[o + 3];
    this.setHard = c[o + 4];
    this.setSoft = c[o + 5];
    this.tallies.hard = c[o + 6];
    this.tallies.soft = c[o + 7];
  }

  /** The array entry an UndoLog triple names (code, index). */
  loggedValue(code: number, i: number): number {
    switch (code) {
      case UNDO_RES_DAY:
        return this.resDay[i];
      case UNDO_RES_VIOL:
        return this.resViol[i];
      case UNDO_SET_VIOL:
        return this.setViol[i];
      case UNDO_TALLY_DAY:
        return this.tallies.dayValue[i];
      default: // UNDO_TALLY_VIOL
        return this.tallies.viol[i];
    }
  }

  /** Set the array entry an UndoLog triple names. */
  setLogged(code: number, i: number, v: number): void {
    switch (code) {
      case UNDO_RES_DAY:
        this.resDay[i] = v;
        break;
      case UNDO_RES_VIOL:
        this.resViol[i] = v;
        break;
      case UNDO_SET_VIOL:
        this.setViol[i] = v;
        break;
      case UNDO_TALLY_DAY:
        this.tallies.dayValue[i] = v;
        break;
      default: // UNDO_TALLY_VIOL
        this.tallies.viol[i] = v;
    }
  }

  private occupy(a: number, s: number, r: number, sign: 1 | -1): void {
    const p = this.p;
    const d = p.actDuration[a];
    const nSlots = p.nSlots;
    const id = a + 1;
    const count = p.compulsoryTime;
    for (let k = p.actTeacherStart[a]; k < p.actTeacherStart[a + 1]; k++) {
      const base = p.actTeachers[k] * nSlots + s;
      for (let h = 0; h < d; h++) {
        const i = base + h;
        this.tWho[i] ^= id;
        if (count) this.clashes += bump(this.tOcc, i, sign);
        else this.tOcc[i] += sign;
      }
    }
    for (let k = p.actSubgroupStart[a]; k < p.actSubgroupStart[a + 1]; k++) {
      const base = p.actSubgroups[k] * nSlots + s;
      for (let h = 0; h < d; h++) {
        const i = base + h;
        this.gWho[i] ^= id;
        if (count) this.clashes += bump(this.gOcc, i, sign);
        else this.gOcc[i] += sign;
      }
    }
    if (r >= 0 && p.roomVirtual[r]) {
      // the virtual room's row counts its activities (no clash); the real rooms are occupied
      const base = r * nSlots + s;
      for (let h = 0; h < d; h++) {
        this.rWho[base + h] ^= id;
        this.rOcc[base + h] += sign;
      }
      const K = p.maxRealRooms;
      for (let k = a * K; k < (a + 1) * K; k++) {
        const rr = this.real[k];
        if (rr >= 0) this.occupyRoom(rr * nSlots + s, d, id, sign);
      }
    } else if (r >= 0) this.occupyRoom(r * nSlots + s, d, id, sign);
  }

  private occupyRoom(base: number, d: number, id: number, sign: 1 | -1): void {
    for (let h = 0; h < d; h++) {
      const i = base + h;
      this.rWho[i] ^= id;
      if (this.p.compulsorySpace) this.roomClashes += bump(this.rOcc, i, sign);
      else this.rOcc[i] += sign;
    }
  }

  private refreshResources(a: number, day: number): void {
    const p = this.p;
    const nSlots = p.nSlots;
    const off = day * p.nHours;
    for (let k = p.actTeacherStart[a]; k < p.actTeacherStart[a + 1]; k++) {
      const t = p.actTeachers[k];
      for (let j = p.teacherResStart[t]; j < p.teacherResStart[t + 1]; j++) this.refreshDay(p.teacherRes[j], this.tOcc, p.teacherBlocked, t * nSlots + off, day);
    }
    for (let k = p.actSubgroupStart[a]; k < p.actSubgroupStart[a + 1]; k++) {
      const g = p.actSubgroups[k];
      for (let j = p.subgroupResStart[g]; j < p.subgroupResStart[g + 1]; j++) this.refreshDay(p.subgroupRes[j], this.gOcc, p.subgroupBlocked, g * nSlots + off, day);
    }
  }

  private refreshDay(i: number, occ: Int32Array, blocked: Uint8Array, base: number, day: number): void {
    const inst = this.p.resources[i];
    const v = inst.day(occ, blocked, base, this.p.nHours, day);
    const at = i * this.p.nDays + day;
    if (v === this.resDay[at]) return;
    this.undo.log.note(UNDO_RES_DAY, at, this.resDay[at]);
    this.resDay[at] = v;
    this.refreshWeek(i);
  }

  private refreshWeek(i: number): void {
    const v = this.p.resources[i].week(this.resViews[i], this.p.nDays);
    const old = this.resViol[i];
    if (v === old) return;
    this.undo.log.note(UNDO_RES_VIOL, i, old);
    this.resViol[i] = v;
    if (this.resHardW[i]) this.resHard += v - old;
    else this.resSoft += (v - old) * this.resUnits[i];
  }

  private refreshSets(a: number): void {
    const p = this.p;
    for (let k = p.actSetStart[a]; k < p.actSetStart[a + 1]; k++) this.refreshSet(p.actSets[k]);
  }

  private refreshSet(k: number): void {
    const v = this.p.sets[k].violations(this.start, this.room);
    const old = this.setViol[k];
    if (v === old) return;
    this.undo.log.note(UNDO_SET_VIOL, k, old);
    this.setViol[k] = v;
    if (this.setHardW[k]) this.setHard += v - old;
    else this.setSoft += (v - old) * this.setUnits[k];
  }

  /** Whether activity a takes part in a hard violation (for choosing what to move). */
  inConflict(a: number): boolean {
    const s = this.start[a];
    if (s < 0) return true;
    if (this.actHard[a] > 0) return true;
    const p = this.p;
    const d = p.actDuration[a];
    const nSlots = p.nSlots;
    if (p.compulsoryTime) {
      for (let k = p.actTeacherStart[a]; k < p.actTeacherStart[a + 1]; k++) {
        const base = p.actTeachers[k] * nSlots + s;
        for (let h = 0; h < d; h++) if (this.tOcc[base + h] > 1) return true;
      }
      for (let k = p.actSubgroupStart[a]; k < p.actSubgroupStart[a + 1]; k++) {
        const base = p.actSubgroups[k] * nSlots + s;
        for (let h = 0; h < d; h++) if (this.gOcc[base + h] > 1) return true;
      }
    }
    const r = this.room[a];
    if (r >= 0 && p.compulsorySpace) {
      if (p.roomVirtual[r]) {
        const K = p.maxRealRooms;
        for (let k = a * K; k < (a + 1) * K; k++) {
          const rr = this.real[k];
          if (rr >= 0) for (let h = 0; h < d; h++) if (this.rOcc[rr * nSlots + s + h] > 1) return true;
        }
      } else {
        const base = r * nSlots + s;
        for (let h = 0; h < d; h++) if (this.rOcc[base + h] > 1) return true;
      }
    }
    for (let k = p.actSetStart[a]; k < p.actSetStart[a + 1]; k++) {
      const i = p.actSets[k];
      if (this.setHardW[i] && this.setViol[i] > 0) return true;
    }
    // a violated week counts for the activities on days that contribute to it
    const day = (s / p.nHours) | 0;
    if (this.tallies.inConflict(a, day)) return true;
    const nDays = p.nDays;
    for (let k = p.actTeacherStart[a]; k < p.actTeacherStart[a + 1]; k++) {
      const t = p.actTeachers[k];
      for (let j = p.teacherResStart[t]; j < p.teacherResStart[t + 1]; j++) {
        const i = p.teacherRes[j];
        if (this.resHardW[i] && this.resViol[i] > 0 && this.resDay[i * nDays + day] !== 0) return true;
      }
    }
    for (let k = p.actSubgroupStart[a]; k < p.actSubgroupStart[a + 1]; k++) {
      const g = p.actSubgroups[k];
      for (let j = p.subgroupResStart[g]; j < p.subgroupResStart[g + 1]; j++) {
        const i = p.subgroupRes[j];
        if (this.resHardW[i] && this.resViol[i] > 0 && this.resDay[i * nDays + day] !== 0) return true;
      }
    }
    return false;
  }
}

/** occ[i] += sign and return the change in Σ max(0, occ − 1). */
function bump(occ: Int32Array, i: number, sign: 1 | -1): number {
  const before = occ[i];
  const after = before + sign;
  occ[i] = after;
  return (after > 1 ? after - 1 : 0) - (before > 1 ? before - 1 : 0);
}
