/**
 * FET's virtual rooms: an activity placed in a virtual room occupies one real room from each of
 * its sets, all different, for the whole lesson; those real rooms must not clash with any other
 * activity's rooms, their own not-available times apply, and the capacity that counts is the
 * virtual room's (checked with fet-cl in real-rooms.test.ts). The virtual room itself is not
 * occupied: two activities may share it at once when their real rooms differ.
 *
 * Which real rooms an activity gets is not part of the timetable the solver searches (start and
 * room per activity); it is chosen here:
 *  - `chooseRealRooms`: greedily, set by set (smallest set first), the real room that is free over
 *    the lesson and available, given the occupancy of everything else (the Board does this when it
 *    places an activity, board.ts);
 *  - `assignRealRooms`: for a whole timetable (evaluate.ts, the writer, exports): activities in
 *    real rooms first, then the virtual ones in activity order, then a few passes re-choosing each
 *    virtual activity's rooms against all the others until nothing improves.
 * The per-activity choice is stored in `real[a * maxRealRooms + k]` (-1: none or no room left).
 * Real rooms listed by an ActivityPreferredRoom (FET's locked real rooms) are preferred, and each
 * chosen real room not listed counts one violation at that constraint's weight (`preferenceMiss`).
 */
import { softUnits, type SchoolProblem } from "./problem";

/** Hard violations (out[0]) and soft units (out[1]) of giving activity a real room r in virtual room v, from its listed real rooms. */
function preferenceMiss(p: SchoolProblem, a: number, v: number, r: number, out: Float64Array): void {
  out[0] = 0;
  out[1] = 0;
  for (let i = p.actRealPrefStart[a]; i < p.actRealPrefStart[a + 1]; i++) {
    const inst = p.actRealPref[i];
    if (inst.realOf !== v || inst.realRooms!.includes(r)) continue;
    if (inst.weight >= 100) out[0]++;
    else out[1] += softUnits(inst.weight);
  }
}
const miss = new Float64Array(2);

/** Real rooms per activity, -1 where none: `maxRealRooms` entries per activity. */
export type RealRooms = Int32Array;

/** Candidate costs of the sets being chosen (grown on demand): hard violations and soft units per (set, room). */
let candHard = new Float64Array(64);
let candSoft = new Float64Array(64);
const pick = new Int32Array(64);
const bestPick = new Int32Array(64);
/** Exhaustive search is tried (only when the greedy choice breaks something) up to this many combinations. */
const EXHAUSTIVE_COMBINATIONS = 4096;

/**
 * Choose the real rooms of activity a in virtual room v at start s into out[off .. off + sets):
 * per set the room with the fewest busy or unavailable (100%) slots over the lesson (and listed
 * real rooms missed), then the lowest soft cost, never one already chosen for an earlier set.
 * When that greedy choice still breaks something and the sets allow at most 4,096 combinations,
 * the best combination is searched exhaustively (e.g. sets {A, B} and {C, A} with A busy for the
 * second: greedy takes A first, the search finds B, A). `rOcc[r * nSlots + s]` counts the other
 * activities in room r (a's own rooms must not be in it).
 */
export function chooseRealRooms(p: SchoolProblem, a: number, s: number, v: number, rOcc: Int32Array, out: Int32Array, off: number): void {
  const d = p.actDuration[a];
  const nSlots = p.nSlots;
  const k0 = p.vSetStart[v];
  const k1 = p.vSetStart[v + 1];
  const j0 = p.vRealStart[k0];
  const nCand = p.vRealStart[k1] - j0;
  if (nCand > candHard.length) {
    candHard = new Float64Array(nCand * 2);
    candSoft = new Float64Array(nCand * 2);
  }
  for (let j = j0; j < j0 + nCand; j++) {
    const r = p.vReal[j];
    preferenceMiss(p, a, v, r, miss);
    let h = miss[0];
    let soft = miss[1];
    const base = r * nSlots + s;
    for (let t = 0; t < d; t++) {
      if (rOcc[base + t] > 0) h++;
      h += p.roomSlotHard[base + t];
      soft += p.roomSlotSoft[base + t];
    }
    candHard[j - j0] = h;
    candSoft[j - j0] = soft;
  }
  let totalH = 0;
  let combinations = 1;
  for (let k = k0; k < k1; k++) {
    let best = -1;
    let bh = Infinity;
    let bs = Infinity;
    combinations *= p.vRealStart[k + 1] - p.vRealStart[k];
    for (let j = p.vRealStart[k]; j < p.vRealStart[k + 1]; j++) {
      const r = p.vReal[j];
      let taken = false;
      for (let x = off; x < off + (k - k0); x++) if (out[x] === r) taken = true;
      if (taken) continue;
      const h = candHard[j - j0];
      const soft = candSoft[j - j0];
      if (h < bh || (h === bh && soft < bs)) {
        best = r;
        bh = h;
        bs = soft;
        if (h === 0 && soft === 0) break;
      }
    }
    out[off + (k - k0)] = best;
    totalH += best < 0 ? 1 : bh;
  }
  for (let x = off + (k1 - k0); x < off + p.maxRealRooms; x++) out[x] = -1;
  if (totalH > 0 && combinations <= EXHAUSTIVE_COMBINATIONS && k1 - k0 <= pick.length) exhaustive(p, k0, k1, j0, out, off, totalH);
}

/** Depth-first search over one room per set (all different) for the least (hard, soft); writes it when better than `greedyH`. */
function exhaustive(p: SchoolProblem, k0: number, k1: number, j0: number, out: Int32Array, off: number, greedyH: number): void {
  const n = k1 - k0;
  let bestH = greedyH;
  let bestS = Infinity;
  let found = false;
  const dfs = (i: number, h: number, soft: number): void => {
    if (h > bestH || (h === bestH && soft >= bestS)) return;
    if (i === n) {
      bestH = h;
      bestS = soft;
      found = true;
      for (let x = 0; x < n; x++) bestPick[x] = pick[x];
      return;
    }
    const k = k0 + i;
    for (let j = p.vRealStart[k]; j < p.vRealStart[k + 1]; j++) {
      const r = p.vReal[j];
      let taken = false;
      for (let x = 0; x < i; x++) if (pick[x] === r) taken = true;
      if (taken) continue;
      pick[i] = r;
      dfs(i + 1, h + candHard[j - j0], soft + candSoft[j - j0]);
    }
  };
  dfs(0, 0, 0);
  if (found && bestH < greedyH) for (let x = 0; x < n; x++) out[off + x] = bestPick[x];
}

/** Unary hard cost of real rooms chosen for a (off into `real`): their 100% not-available slots, plus one per set left without a room. */
export function realRoomsHard(p: SchoolProblem, a: number, s: number, v: number, real: Int32Array, off: number): number {
  const d = p.actDuration[a];
  let h = 0;
  const sets = p.vSetStart[v + 1] - p.vSetStart[v];
  for (let k = 0; k < sets; k++) {
    const r = real[off + k];
    if (r < 0) {
      h++;
      continue;
    }
    preferenceMiss(p, a, v, r, miss);
    h += miss[0];
    const base = r * p.nSlots + s;
    for (let t = 0; t < d; t++) h += p.roomSlotHard[base + t];
  }
  return h;
}

/** Soft units of the real rooms' not-available slots below 100%. */
export function realRoomsSoft(p: SchoolProblem, a: number, s: number, v: number, real: Int32Array, off: number): number {
  const d = p.actDuration[a];
  let u = 0;
  const sets = p.vSetStart[v + 1] - p.vSetStart[v];
  for (let k = 0; k < sets; k++) {
    const r = real[off + k];
    if (r < 0) continue;
    preferenceMiss(p, a, v, r, miss);
    u += miss[1];
    const base = r * p.nSlots + s;
    for (let t = 0; t < d; t++) u += p.roomSlotSoft[base + t];
  }
  return u;
}

/** Whether activity a sits in a virtual room (placed, with a room). */
export const inVirtualRoom = (p: SchoolProblem, room: Int32Array, a: number) => room[a] >= 0 && p.roomVirtual[room[a]] === 1;

/**
 * Real rooms for a whole timetable (see the file comment), or the given ones after checking them:
 * `given` must have maxRealRooms entries per activity, each -1 or a real room of the activity's
 * virtual room's matching set. Throws RangeError on a malformed `given`.
 */
export function assignRealRooms(p: SchoolProblem, start: Int32Array, room: Int32Array, given?: Int32Array): RealRooms {
  const K = p.maxRealRooms;
  const n = p.nActivities;
  const real = new Int32Array(n * K).fill(-1);
  if (K === 0) return real;
  if (given) {
    if (given.length !== n * K) throw new RangeError(`real rooms: ${given.length} entries, expected ${n * K} (${K} per activity)`);
    for (let a = 0; a < n; a++) {
      if (!inVirtualRoom(p, room, a) || start[a] < 0) continue;
      const v = room[a];
      for (let k = p.vSetStart[v]; k < p.vSetStart[v + 1]; k++) {
        const r = given[a * K + (k - p.vSetStart[v])];
        if (r === -1) continue;
        let ok = false;
        for (let j = p.vRealStart[k]; j < p.vRealStart[k + 1]; j++) if (p.vReal[j] === r) ok = true;
        if (!ok) throw new RangeError(`real rooms: activity ${p.actId[a]} has room ${r} for set ${k - p.vSetStart[v] + 1} of virtual room "${p.rooms[v]}", which is not in that set`);
        real[a * K + (k - p.vSetStart[v])] = r;
      }
    }
    return real;
  }
  const nSlots = p.nSlots;
  const rOcc = new Int32Array(p.rooms.length * nSlots);
  const mark = (a: number, sign: 1 | -1) => {
    const s = start[a];
    const d = p.actDuration[a];
    if (p.roomVirtual[room[a]]) {
      for (let k = 0; k < K; k++) {
        const r = real[a * K + k];
        if (r >= 0) for (let t = 0; t < d; t++) rOcc[r * nSlots + s + t] += sign;
      }
    } else for (let t = 0; t < d; t++) rOcc[room[a] * nSlots + s + t] += sign;
  };
  const virtualActs: number[] = [];
  for (let a = 0; a < n; a++) {
    if (start[a] < 0 || room[a] < 0) continue;
    if (p.roomVirtual[room[a]]) virtualActs.push(a);
    else mark(a, 1);
  }
  for (const a of virtualActs) {
    chooseRealRooms(p, a, start[a], room[a], rOcc, real, a * K);
    mark(a, 1);
  }
  // re-choose each activity's rooms against all the others while that lowers its clashes
  const scratch = new Int32Array(K);
  const clashesOf = (a: number, rooms: Int32Array, off: number) => {
    let c = realRoomsHard(p, a, start[a], room[a], rooms, off);
    for (let k = 0; k < K; k++) {
      const r = rooms[off + k];
      if (r >= 0) for (let t = 0; t < p.actDuration[a]; t++) if (rOcc[r * nSlots + start[a] + t] > 0) c++;
    }
    return c;
  };
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const a of virtualActs) {
      mark(a, -1);
      const before = clashesOf(a, real, a * K);
      if (before > 0) {
        chooseRealRooms(p, a, start[a], room[a], rOcc, scratch, 0);
        if (clashesOf(a, scratch, 0) < before) {
          real.set(scratch, a * K);
          changed = true;
        }
      }
      mark(a, 1);
    }
    if (!changed) break;
  }
  return real;
}
