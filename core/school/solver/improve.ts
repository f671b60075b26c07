/**
 * Soft phase (hard = 0): simulated annealing over start moves of a unit, swaps of two units sharing
 * a subgroup or teacher, room changes and ruin-and-recreate (construct.ts puts the ruined units
 * back), never accepting a hard increase; geometric temperature per segment (`segmentMoves`).
 */
import type { Rng } from "../../engine/random";
import { SOFT_SCALE } from "../problem";
import { ifsStep } from "./construct";
import { bestRoom, eject, fromPool, moveUnit, PHASE_HARD, PHASE_SOFT, recordBest, type SchoolState, undoUnit } from "./state";

export function softStep(st: SchoolState): void {
  const { board: b, units, rng, problem: p, params } = st;
  if (b.hard > 0) {
    st.phase = PHASE_HARD;
    return;
  }
  const frac = st.segmentMove / params.segmentMoves;
  const temp = params.initialTemperature * (params.finalTemperature / params.initialTemperature) ** frac * SOFT_SCALE;
  if (++st.segmentMove >= params.segmentMoves) st.segmentMove = 0;
  const h0 = b.hard;
  const s0 = b.soft;
  if (rng.int(params.ruinEvery) === 0) {
    ruinAndRecreate(st, temp);
    return;
  }
  const kind = rng.int(10);
  if (kind < 2) {
    // room change
    const a = rng.int(p.nActivities);
    const r0 = units.roomStart[a];
    const nr = units.roomStart[a + 1] - r0;
    if (nr < 2) return;
    const r = units.rooms[r0 + rng.int(nr)];
    const old = b.room[a];
    if (r === old) return;
    const s = b.start[a];
    b.unplace(a);
    b.place(a, s, r);
    st.evaluations++;
    if (b.hard > h0 || !accept(rng, b.soft - s0, temp)) {
      b.unplace(a);
      b.place(a, s, old);
    } else recordBest(st);
    return;
  }
  if (kind < 6) {
    swapStep(st, temp, h0, s0);
    return;
  }
  const u = rng.int(units.count);
  const a0 = units.allowedStart[u];
  const na = units.allowedStart[u + 1] - a0;
  if (na < 2) return;
  const s = units.allowed[a0 + rng.int(na)];
  const cur = b.start[units.members[units.memberStart[u]]];
  if (s === cur) return;
  moveUnit(st, u, s);
  st.evaluations++;
  if (b.hard > h0 || !accept(rng, b.soft - s0, temp)) undoUnit(st, u);
  else recordBest(st);
}

/**
 * Ruin and recreate (soft phase): take out a unit in a soft violation and a few units sharing its
 * teachers / students, put them back with the forward search (which breaks ties by the soft
 * penalty and may push out others), and keep the result if it has no hard violation and passes
 * the annealing test; otherwise restore the timetable as it was.
 */
export function ruinAndRecreate(st: SchoolState, temp: number): void {
  const { board: b, units, rng, problem: p } = st;
  const n = p.nActivities;
  const s0 = b.soft;
  st.saveStart.set(b.start);
  st.saveRoom.set(b.room);
  // a unit with soft cost, found by sampling (any unit if none is found)
  let a = rng.int(n);
  for (let t = 0; t < 20 && b.actSoft[a] === 0; t++) a = rng.int(n);
  eject(st, units.unitOf[a]);
  const k = 1 + rng.int(st.params.ruinSize);
  for (let i = 0; i < k; i++) {
    const ns = p.actSubgroupStart[a + 1] - p.actSubgroupStart[a];
    const nt = p.actTeacherStart[a + 1] - p.actTeacherStart[a];
    let o = -1;
    if (ns > 0 && (nt === 0 || rng.int(2) === 0)) {
      const g = p.actSubgroups[p.actSubgroupStart[a] + rng.int(ns)];
      const from = units.subgroupActStart[g];
      const cnt = units.subgroupActStart[g + 1] - from;
      if (cnt > 0) o = units.subgroupActs[from + rng.int(cnt)];
    } else if (nt > 0) {
      const t = p.actTeachers[p.actTeacherStart[a] + rng.int(nt)];
      const from = units.teacherActStart[t];
      const cnt = units.teacherActStart[t + 1] - from;
      if (cnt > 0) o = units.teacherActs[from + rng.int(cnt)];
    }
    if (o >= 0 && b.start[o] >= 0) eject(st, units.unitOf[o]);
  }
  for (let guard = 0; guard < 40 * (k + 1) && st.poolSize > 0; guard++) {
    ifsStep(st);
    st.iteration++;
  }
  st.phase = PHASE_SOFT;
  if (st.poolSize === 0 && b.hard === 0 && accept(rng, b.soft - s0, temp)) {
    recordBest(st);
    return;
  }
  // restore
  while (st.poolSize > 0) fromPool(st, st.pool[st.poolSize - 1]);
  for (let x = 0; x < n; x++) if (b.start[x] !== st.saveStart[x] || b.room[x] !== st.saveRoom[x]) b.unplace(x);
  for (let x = 0; x < n; x++) if (b.start[x] < 0 && st.saveStart[x] >= 0) b.place(x, st.saveStart[x], st.saveRoom[x]);
}

/**
 * Swap the starts of two single-activity units of the same duration that share a subgroup (or a
 * teacher): in a full week a lone move always clashes, a swap keeps both busy.
 */
export function swapStep(st: SchoolState, temp: number, h0: number, s0: number): void {
  const { board: b, units, rng, problem: p } = st;
  const a = rng.int(p.nActivities);
  const u = units.unitOf[a];
  if (units.memberStart[u + 1] - units.memberStart[u] !== 1) return;
  const ns = p.actSubgroupStart[a + 1] - p.actSubgroupStart[a];
  const nt = p.actTeacherStart[a + 1] - p.actTeacherStart[a];
  let list: Int32Array;
  let from: number;
  let to: number;
  if (ns > 0 && (nt === 0 || rng.int(3) > 0)) {
    const g = p.actSubgroups[p.actSubgroupStart[a] + rng.int(ns)];
    list = units.subgroupActs;
    from = units.subgroupActStart[g];
    to = units.subgroupActStart[g + 1];
  } else if (nt > 0) {
    const t = p.actTeachers[p.actTeacherStart[a] + rng.int(nt)];
    list = units.teacherActs;
    from = units.teacherActStart[t];
    to = units.teacherActStart[t + 1];
  } else return;
  if (to - from < 2) return;
  const v = list[from + rng.int(to - from)];
  const w = units.unitOf[v];
  if (v === a || units.memberStart[w + 1] - units.memberStart[w] !== 1 || p.actDuration[v] !== p.actDuration[a]) return;
  const sa = b.start[a];
  const sv = b.start[v];
  if (sa === sv || sa < 0 || sv < 0) return;
  if (!units.allowedMask[u * p.nSlots + sv] || !units.allowedMask[w * p.nSlots + sa]) return;
  const ra = b.room[a];
  const rv = b.room[v];
  b.unplace(a);
  b.unplace(v);
  b.place(a, sv, bestRoom(st, a, sv));
  b.place(v, sa, bestRoom(st, v, sa));
  st.evaluations++;
  if (b.hard > h0 || !accept(rng, b.soft - s0, temp)) {
    b.unplace(a);
    b.unplace(v);
    b.place(a, sa, ra);
    b.place(v, sv, rv);
  } else recordBest(st);
}

export function accept(rng: Rng, delta: number, temp: number): boolean {
  if (delta <= 0) return true;
  return rng.chance(Math.exp(-delta / temp));
}
