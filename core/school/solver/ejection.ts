/**
 * Recursive swapping for the min-conflicts search (min-conflicts.ts), as FET's generator places an
 * activity: unit u leaves its start and goes to the allowed start with the fewest hard violations
 * counting the units in its way there as taken out (teachers' and students' clashes, and the holder
 * of the one room a lesson bound to a single room needs, partners of small hard relations it would break, and, with
 * `ejectWeeks`, what a hard week rule of its teachers or classes that it breaks needs moved); those units are taken out, and each of
 * them is placed again the same way, displacing others in turn, down to `ejectDepth` levels (at the
 * last level only a start with nothing in the way will do) and at most `ejectNodes` placements in
 * all. A unit placed in this move is never displaced again by it. The whole move is kept when it
 * ends with every unit placed and fewer hard violations than before; otherwise it is undone, last
 * change first (so the Board's undo frames replay it, board.ts).
 *
 * The move uses the random stream only for ties between starts; applying it is the same code as
 * scoring it, so there is nothing to build twice.
 */
import { bestRoom, clashingUnits, type SchoolState } from "./state";

interface Ejection {
  /** Per unit: the move (a stamp) that placed it, so it is not displaced again. */
  lock: Int32Array;
  stamp: number;
  /** The changes made so far, in order: activity, its start and room before (-1: it was unplaced), its real rooms before. */
  act: Int32Array;
  start: Int32Array;
  room: Int32Array;
  real: Int32Array;
  length: number;
  /** The units in the way at each level, a stack (top = next free entry). */
  stack: Int32Array;
  top: number;
  /** Placements made by this move. */
  nodes: number;
  /** Per resource rule: its violations before the unit being put was placed (noteWeeks), valid where weekStamp = weekNow. */
  weekBefore: Int32Array;
  weekStamp: Int32Array;
  weekNow: number;
}

/** Hard relations with more activities than this are left to the hard count (putAt). */
const MAX_RELATION = 12;

const ejections = new WeakMap<SchoolState, Ejection>();

function ejectionOf(st: SchoolState): Ejection {
  let e = ejections.get(st);
  if (!e) {
    const cap = 64;
    e = {
      lock: new Int32Array(st.units.count),
      stamp: 0,
      act: new Int32Array(cap),
      start: new Int32Array(cap),
      room: new Int32Array(cap),
      real: new Int32Array(cap * st.problem.maxRealRooms),
      length: 0,
      stack: new Int32Array(st.units.count),
      top: 0,
      nodes: 0,
      weekBefore: new Int32Array(st.problem.resources.length),
      weekStamp: new Int32Array(st.problem.resources.length),
      weekNow: 0,
    };
    ejections.set(st, e);
  }
  return e;
}

/** Record activity a's position, growing the journal when full. */
function note(st: SchoolState, e: Ejection, a: number): void {
  const b = st.board;
  const K = st.problem.maxRealRooms;
  if (e.length === e.act.length) {
    const grow = (x: Int32Array, n: number) => {
      const y = new Int32Array(n);
      y.set(x);
      return y;
    };
    const cap = 2 * e.act.length;
    e.act = grow(e.act, cap);
    e.start = grow(e.start, cap);
    e.room = grow(e.room, cap);
    e.real = grow(e.real, cap * K);
  }
  const j = e.length++;
  e.act[j] = a;
  e.start[j] = b.start[a];
  e.room[j] = b.room[a];
  if (K > 0) for (let k = 0; k < K; k++) e.real[j * K + k] = b.real[a * K + k];
}

function unplaceUnit(st: SchoolState, e: Ejection, v: number): void {
  const { units, board: b } = st;
  for (let k = units.memberStart[v]; k < units.memberStart[v + 1]; k++) {
    const a = units.members[k];
    if (b.start[a] < 0) continue;
    note(st, e, a);
    b.unplace(a);
  }
}

function placeUnit(st: SchoolState, e: Ejection, v: number, s: number): void {
  const { units, board: b } = st;
  for (let k = units.memberStart[v]; k < units.memberStart[v + 1]; k++) {
    const a = units.members[k];
    note(st, e, a);
    b.place(a, s, bestRoom(st, a, s));
  }
}

/** Undo the journal's changes back to `mark`, last first. */
function undoTo(st: SchoolState, e: Ejection, mark: number): void {
  const b = st.board;
  const K = st.problem.maxRealRooms;
  for (let j = e.length - 1; j >= mark; j--) {
    const a = e.act[j];
    b.unplace(a);
    const s = e.start[j];
    if (s < 0) continue;
    const r = e.room[j];
    if (K > 0 && r >= 0 && st.problem.roomVirtual[r]) b.place(a, s, r, e.real.subarray(j * K, (j + 1) * K));
    else b.place(a, s, r);
  }
  e.length = mark;
}

/**
 * The units in unplaced unit v's way at s, pushed on the stack: clashing teachers' and students' hours,
 * and the holders of the one room a member bound to a single room needs. Returns how many, or -1 when a
 * unit this move placed is among them.
 */
function unitsInTheWay(st: SchoolState, e: Ejection, v: number, s: number): number {
  const { units, board: b, problem: p } = st;
  let n = clashingUnits(st, v, s);
  // clashingUnits takes a new stamp only when clashes count
  if (!p.compulsoryTime) st.stampNow++;
  if (p.compulsorySpace) {
    for (let k = units.memberStart[v]; k < units.memberStart[v + 1]; k++) {
      const a = units.members[k];
      if (!p.needsRoom[a] || units.roomStart[a + 1] - units.roomStart[a] !== 1 || p.roomVirtual[units.rooms[units.roomStart[a]]]) continue;
      const base = units.rooms[units.roomStart[a]] * p.nSlots + s;
      for (let h = 0; h < p.actDuration[a]; h++) {
        const c = b.rOcc[base + h];
        if (c === 0) continue;
        if (c > 1) return -1;
        const ou = units.unitOf[b.rWho[base + h] - 1];
        if (ou === v || st.stamp[ou] === st.stampNow) continue;
        st.stamp[ou] = st.stampNow;
        st.ejected[n++] = ou;
      }
    }
  }
  if (e.top + n > e.stack.length) return -1;
  for (let i = 0; i < n; i++) {
    const w = st.ejected[i];
    if (e.lock[w] === e.stamp) return -1;
    e.stack[e.top + i] = w;
  }
  return n;
}

/**
 * Unplaced unit v to s: the units in its way (unitsInTheWay) taken out, v placed, then the partners
 * of v's members in hard relations it breaks (e.g. min days between activities) taken out, each when
 * that lowers the relation's violations, as FET's generator does (relations of at most MAX_RELATION activities). The units taken out are pushed on
 * the stack; returns how many, or -1 (nothing changed) when a unit this move placed is in the way.
 */
function putAt(st: SchoolState, e: Ejection, v: number, s: number): number {
  const { units, board: b, problem: p } = st;
  let n = unitsInTheWay(st, e, v, s);
  if (n < 0) return -1;
  for (let i = 0; i < n; i++) unplaceUnit(st, e, e.stack[e.top + i]);
  const weeks = st.params.ejectWeeks && noteWeeks(st, e, v);
  placeUnit(st, e, v, s);
  if (weeks && b.resHard > 0) n = weekPartners(st, e, v, n);
  if (b.setHard === 0) return n;
  for (let k = units.memberStart[v]; k < units.memberStart[v + 1]; k++) {
    const a = units.members[k];
    for (let j = p.actSetStart[a]; j < p.actSetStart[a + 1]; j++) {
      const i = p.actSets[j];
      // relations among a few activities (min days, consecutive, ...): a long list such as "ends the students'
      // day" would cost a full evaluation per member, and taking one member out rarely helps there
      if (p.sets[i].weight < 100 || p.sets[i].activities.length > MAX_RELATION) continue;
      for (let guard = 0; guard < p.sets[i].activities.length && b.setViol[i] > 0 && e.top + n < e.stack.length; guard++) {
        // the partner whose removal lowers this relation's violations the most
        let bestO = -1;
        let bestV = b.setViol[i];
        for (const o of p.sets[i].activities) {
          if (b.start[o] < 0 || e.lock[units.unitOf[o]] === e.stamp) continue;
          const os = b.start[o];
          const or = b.room[o];
          b.unplace(o);
          const x = b.setViol[i];
          b.place(o, os, or);
          st.evaluations++;
          if (x < bestV) {
            bestV = x;
            bestO = o;
          }
        }
        if (bestO < 0) break;
        const w = units.unitOf[bestO];
        unplaceUnit(st, e, w);
        e.stack[e.top + n++] = w;
      }
    }
  }
  return n;
}

/**
 * The violations of the hard week rules of unit v's teachers and subgroups before v is placed, into e.weekBefore
 * (stamped e.weekStamp); returns whether v has any.
 */
function noteWeeks(st: SchoolState, e: Ejection, v: number): boolean {
  const { units, board: b, problem: p } = st;
  const stamp = ++e.weekNow;
  let any = false;
  for (let k = units.memberStart[v]; k < units.memberStart[v + 1]; k++) {
    const a = units.members[k];
    for (let pass = 0; pass < 2; pass++) {
      const rs = pass === 0 ? p.actTeacherStart : p.actSubgroupStart;
      const rl = pass === 0 ? p.actTeachers : p.actSubgroups;
      const resStart = pass === 0 ? p.teacherResStart : p.subgroupResStart;
      const resList = pass === 0 ? p.teacherRes : p.subgroupRes;
      for (let j = rs[a]; j < rs[a + 1]; j++) {
        const r = rl[j];
        for (let x = resStart[r]; x < resStart[r + 1]; x++) {
          const i = resList[x];
          if (p.resources[i].weight < 100) continue;
          e.weekStamp[i] = stamp;
          e.weekBefore[i] = b.resViol[i];
          any = true;
        }
      }
    }
  }
  return any;
}

/**
 * With `ejectWeeks`: for each hard teacher or students rule over the week (max days per week, max hours
 * continuously, min / max hours daily, ...) of v's teachers and subgroups that is broken with v placed, take out
 * what lowers its violations the most, as FET's generator does for such rules: one of the resource's other
 * lessons, or all its lessons of one other day (max days per week; fewer lessons first at an equal drop), while it
 * lowers them. The units taken out are pushed on the stack after the n already there; returns the new count.
 */
function weekPartners(st: SchoolState, e: Ejection, v: number, n: number): number {
  const { units, board: b, problem: p } = st;
  const nHours = p.nHours;
  for (let k = units.memberStart[v]; k < units.memberStart[v + 1]; k++) {
    const a = units.members[k];
    if (b.start[a] < 0) continue;
    const day = (b.start[a] / nHours) | 0;
    for (let pass = 0; pass < 2; pass++) {
      const rs = pass === 0 ? p.actTeacherStart : p.actSubgroupStart;
      const rl = pass === 0 ? p.actTeachers : p.actSubgroups;
      const resStart = pass === 0 ? p.teacherResStart : p.subgroupResStart;
      const resList = pass === 0 ? p.teacherRes : p.subgroupRes;
      const ls = pass === 0 ? units.teacherActStart : units.subgroupActStart;
      const ll = pass === 0 ? units.teacherActs : units.subgroupActs;
      for (let j = rs[a]; j < rs[a + 1]; j++) {
        const r = rl[j];
        const q0 = ls[r];
        const q1 = ls[r + 1];
        for (let x = resStart[r]; x < resStart[r + 1]; x++) {
          const i = resList[x];
          // only the rules placing v broke further (noteWeeks), back to where they were
          if (e.weekStamp[i] !== e.weekNow) continue;
          const target = e.weekBefore[i];
          for (let guard = 0; guard < 4 && b.resViol[i] > target && e.top + n + (q1 - q0) <= e.stack.length; guard++) {
            // the best single lesson, then the best whole other day: largest drop, then fewest lessons
            let bestDrop = 0;
            let bestCount = 0;
            let bestO = -1;
            let bestDay = -1;
            const v0 = b.resViol[i];
            for (let q = q0; q < q1; q++) {
              const o = ll[q];
              if (b.start[o] < 0 || e.lock[units.unitOf[o]] === e.stamp) continue;
              const mark = e.length;
              unplaceUnit(st, e, units.unitOf[o]);
              const drop = v0 - b.resViol[i];
              const count = e.length - mark;
              undoTo(st, e, mark);
              st.evaluations++;
              if (drop > bestDrop || (drop === bestDrop && drop > 0 && count < bestCount)) {
                bestDrop = drop;
                bestCount = count;
                bestO = o;
                bestDay = -1;
              }
            }
            for (let d = 0; d < p.nDays; d++) {
              if (d === day) continue;
              const mark = e.length;
              let locked = false;
              for (let q = q0; q < q1 && !locked; q++) {
                const o = ll[q];
                if (b.start[o] < 0 || ((b.start[o] / nHours) | 0) !== d) continue;
                if (e.lock[units.unitOf[o]] === e.stamp) locked = true;
                else unplaceUnit(st, e, units.unitOf[o]);
              }
              const drop = v0 - b.resViol[i];
              const count = e.length - mark;
              undoTo(st, e, mark);
              st.evaluations++;
              if (!locked && count > 1 && (drop > bestDrop || (drop === bestDrop && drop > 0 && count < bestCount))) {
                bestDrop = drop;
                bestCount = count;
                bestO = -1;
                bestDay = d;
              }
            }
            if (bestDrop <= 0) break;
            for (let q = q0; q < q1; q++) {
              const o = ll[q];
              if (b.start[o] < 0 || (bestO >= 0 ? o !== bestO : ((b.start[o] / nHours) | 0) !== bestDay)) continue;
              const w = units.unitOf[o];
              unplaceUnit(st, e, w);
              e.stack[e.top + n++] = w;
            }
          }
        }
      }
    }
  }
  return n;
}

/**
 * Place unplaced unit v (not at `skip`) at its least-violating start, taking out what is in its way
 * and placing that again recursively (depth levels left). Returns false when it cannot (the caller
 * undoes the journal).
 */
function placeDisplacing(st: SchoolState, e: Ejection, v: number, depth: number, skip: number): boolean {
  const { units, board: b, rng } = st;
  e.lock[v] = e.stamp;
  if (++e.nodes > st.params.ejectNodes) return false;
  const a0 = units.allowedStart[v];
  const a1 = units.allowedStart[v + 1];
  let bestS = -1;
  let bestH = Infinity;
  let ties = 0;
  for (let k = a0; k < a1; k++) {
    const s = units.allowed[k];
    if (s === skip) continue;
    const mark = e.length;
    const n = putAt(st, e, v, s);
    if (n < 0) continue;
    const h = b.hard;
    undoTo(st, e, mark);
    st.evaluations++;
    if (depth === 0 && n > 0) continue;
    if (h < bestH) {
      bestH = h;
      bestS = s;
      ties = 1;
    } else if (h === bestH && rng.int(++ties) === 0) bestS = s;
  }
  if (bestS < 0) return false;
  // the same changes as when it was scored (the Board is as it was then)
  const n = putAt(st, e, v, bestS);
  const top = e.top;
  e.top += n;
  let ok = true;
  for (let i = 0; i < n && ok; i++) ok = placeDisplacing(st, e, e.stack[top + i], depth - 1, -1);
  e.top = top;
  return ok;
}

/**
 * Try the recursive swapping of placed unit u (see the file comment). Keeps it and returns true when it
 * lowers the hard count; otherwise leaves the timetable as it was and returns false.
 */
export function ejectionMove(st: SchoolState, u: number): boolean {
  const { units, board: b } = st;
  const e = ejectionOf(st);
  const h0 = b.hard;
  const cur = b.start[units.members[units.memberStart[u]]];
  e.stamp++;
  e.length = 0;
  e.top = 0;
  e.nodes = 0;
  unplaceUnit(st, e, u);
  const ok = placeDisplacing(st, e, u, st.params.ejectDepth, cur);
  if (ok && b.hard < h0) return true;
  undoTo(st, e, 0);
  return false;
}
