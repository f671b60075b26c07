/**
 * Warm start of the school solver (Solver.warmStart, core/engine/contract.ts): a timetable edited
 * by hand — lessons moved to other hours, some pinned — becomes the state's current and best
 * timetable, and the search continues from it. Pins are not this module's business: the platform
 * adds them to the problem as 100% locked preferred starting times (worker/jobs/school-edit.ts),
 * so the pinned units' allowed starts (units.ts) are their pinned slots and no phase moves them.
 *
 * The state afterwards is what the forward search expects: every unit either fully placed or fully
 * unplaced and waiting in the pool (a unit of several activities with a member unplaced goes back
 * whole), the hard phase first (it hands over to the soft phase as soon as hard = 0), tabu cleared.
 */
import type { SchoolTimetable } from "../evaluate";
import type { SchoolState } from "./engine";

/** Why a warm-start timetable does not fit the problem (index and reason), or null when it does. */
export function warmStartProblem(st: Pick<SchoolState, "problem">, t: SchoolTimetable): string | null {
  const p = st.problem;
  const n = p.nActivities;
  if (t.start.length !== n || t.room.length !== n) return `the timetable has ${t.start.length} starts and ${t.room.length} rooms for ${n} activities`;
  for (let a = 0; a < n; a++) {
    const s = t.start[a];
    const r = t.room[a];
    if (!Number.isInteger(s) || s < -1 || s >= p.nSlots) return `activity ${p.actId[a]}: start ${s} is not a slot`;
    if (s >= 0 && !p.fits[a * p.nSlots + s]) return `activity ${p.actId[a]}: does not fit at slot ${s} (it would cross the end of the day)`;
    if (!Number.isInteger(r) || r < -1 || r >= p.rooms.length) return `activity ${p.actId[a]}: room ${r} is not a room`;
  }
  return null;
}

/** Replace the state's timetable with `t` (see the file comment); `hardPhase` is the engine's phase id. */
export function warmStartSchool(st: SchoolState, t: SchoolTimetable, hardPhase: number): void {
  const why = warmStartProblem(st, t);
  if (why) throw new RangeError(`warm start: ${why}`);
  const { board: b, units, problem: p } = st;
  const n = p.nActivities;
  for (let a = 0; a < n; a++) b.unplace(a);
  for (let a = 0; a < n; a++) if (t.start[a] >= 0) b.place(a, t.start[a], p.needsRoom[a] ? t.room[a] : -1);
  // A unit is placed whole or waits whole in the pool (construction order kept).
  st.poolSize = 0;
  st.poolPos.fill(-1);
  for (let i = 0; i < units.order.length; i++) {
    const u = units.order[i];
    let whole = true;
    for (let k = units.memberStart[u]; k < units.memberStart[u + 1]; k++) if (b.start[units.members[k]] < 0) whole = false;
    if (whole) continue;
    for (let k = units.memberStart[u]; k < units.memberStart[u + 1]; k++) b.unplace(units.members[k]);
    st.poolPos[u] = st.poolSize;
    st.pool[st.poolSize++] = u;
  }
  st.phase = hardPhase;
  st.cursor = 0;
  st.segmentMove = 0;
  st.stall = 0;
  st.tabu.fill(0);
  st.bumps.fill(0);
  st.resWeight.fill(1);
  st.bestHard = b.hard;
  st.bestSoft = b.soft;
  st.bestStart.set(b.start);
  st.bestRoom.set(b.room);
  st.feasibleAt = b.hard === 0 ? st.evaluations : -1;
}
