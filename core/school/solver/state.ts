/**
 * The school solver's state (what a checkpoint saves, plus scratch arrays) and the moves every
 * phase shares: place a unit at a start with the best rooms and undo it, the pool of units waiting
 * to be placed, pushing a unit out (with its ejection tabu), recording the best timetable, and
 * finding units in hard violations.
 */
import type { Rng } from "../../engine/random";
import { Board } from "../board";
import type { SchoolProblem } from "../problem";
import type { SchoolParams } from "./params";
import { buildUnits, type Units } from "./units";

export const PHASE_HARD = 1;
export const PHASE_SOFT = 2;
/** Min-conflicts tabu search over complete timetables (min-conflicts.ts). */
export const PHASE_LOCAL = 3;

export interface SchoolState {
  problem: SchoolProblem;
  params: SchoolParams;
  board: Board;
  units: Units;
  rng: Rng;
  phase: number;
  /** Next position in the construction order. */
  cursor: number;
  iteration: number;
  evaluations: number;
  maxEvaluations: number;
  /** Hard phase: iteration until which unit u may not start at s (u * nSlots + s). */
  tabu: Int32Array;
  /** Soft phase: moves done in the current segment. */
  segmentMove: number;
  bestStart: Int32Array;
  bestRoom: Int32Array;
  bestHard: number;
  bestSoft: number;
  /** Evaluations when hard first reached 0 (-1: not yet). */
  feasibleAt: number;
  /** Hard phases: iterations since the best hard improved. */
  stall: number;
  /** Min-conflicts phase: the lowest hard of the current run, and its iterations since that improved. */
  localBest: number;
  localStall: number;
  /** How many times the min-conflicts search was entered. */
  localRuns: number;
  /** Evaluations spent in recursive swapping (min-conflicts.ts, ejectShare). */
  ejectEvaluations: number;
  /** Evaluations the last iteration did (a chunk overshoots its budget by less than one iteration). */
  lastIterationEvaluations: number;
  /** Units waiting to be placed (first poolSize entries), each unit's position there (-1: placed). */
  pool: Int32Array;
  poolPos: Int32Array;
  poolSize: number;
  /** How often each unit was pushed out (pushing out a unit costs more each time). */
  bumps: Int32Array;
  /** Iteration at which each unit was last placed by the forward search. */
  placedAt: Int32Array;
  /** Breakout weight of each hard teacher / subgroup instance (1 + how often it stayed violated, capped). */
  resWeight: Int32Array;
  // scratch (not checkpointed)
  oldStart: Int32Array;
  oldRoom: Int32Array;
  ejected: Int32Array;
  stamp: Int32Array;
  resList: Int32Array;
  resPrev: Int32Array;
  saveStart: Int32Array;
  saveRoom: Int32Array;
  dayActs: Int32Array;
  dayStart: Int32Array;
  dayRoom: Int32Array;
  stampNow: number;
}

const unitsCache = new WeakMap<SchoolProblem, Units>();
export function unitsOf(p: SchoolProblem): Units {
  let u = unitsCache.get(p);
  if (!u) unitsCache.set(p, (u = buildUnits(p)));
  return u;
}

export function better(h1: number, s1: number, h2: number, s2: number): boolean {
  return h1 < h2 || (h1 === h2 && s1 < s2);
}

export function newState(problem: SchoolProblem, params: SchoolParams, rng: Rng, maxEvaluations: number): SchoolState {
  const units = unitsOf(problem);
  const n = problem.nActivities;
  return {
    problem,
    params,
    board: new Board(problem),
    units,
    rng,
    phase: PHASE_HARD,
    cursor: 0,
    iteration: 0,
    evaluations: 0,
    maxEvaluations,
    tabu: new Int32Array(units.count * problem.nSlots),
    segmentMove: 0,
    bestStart: new Int32Array(n).fill(-1),
    bestRoom: new Int32Array(n).fill(-1),
    bestHard: Number.POSITIVE_INFINITY,
    bestSoft: Number.POSITIVE_INFINITY,
    feasibleAt: -1,
    stall: 0,
    localBest: 0,
    localStall: 0,
    localRuns: 0,
    ejectEvaluations: 0,
    lastIterationEvaluations: 0,
    pool: Int32Array.from(units.order),
    poolPos: inversePermutation(units.order),
    poolSize: units.count,
    bumps: new Int32Array(units.count),
    placedAt: new Int32Array(units.count).fill(-1_000_000),
    resWeight: new Int32Array(problem.resources.length).fill(1),
    oldStart: new Int32Array(units.maxMembers),
    oldRoom: new Int32Array(units.maxMembers),
    ejected: new Int32Array(units.count),
    resList: new Int32Array(256),
    saveStart: new Int32Array(n),
    saveRoom: new Int32Array(n),
    dayActs: new Int32Array(problem.nHours * 4),
    dayStart: new Int32Array(problem.nHours * 4),
    dayRoom: new Int32Array(problem.nHours * 4),
    resPrev: new Int32Array(256),
    stamp: new Int32Array(units.count),
    stampNow: 0,
  };
}

/** The least-cost room for activity a at start s (a not placed); -1 when it needs none. */
export function bestRoom(st: SchoolState, a: number, s: number): number {
  const p = st.problem;
  if (!p.needsRoom[a]) return -1;
  const b = st.board;
  const u = st.units;
  const d = p.actDuration[a];
  let best = -1;
  let bh = Infinity;
  let bs = Infinity;
  for (let k = u.roomStart[a]; k < u.roomStart[a + 1]; k++) {
    const r = u.rooms[k];
    let h = b.localHardOf(a, s, r);
    if (p.compulsorySpace) {
      const base = r * p.nSlots + s;
      for (let x = 0; x < d; x++) if (b.rOcc[base + x] > 0) h++;
    }
    if (h > bh) continue;
    const soft = b.localSoftOf(a, s, r);
    if (h < bh || soft < bs) {
      best = r;
      bh = h;
      bs = soft;
      if (h === 0 && soft === 0) break;
    }
  }
  return best;
}

/** Move every member of unit u to start s (rooms chosen greedily); remembers the old positions. */
export function moveUnit(st: SchoolState, u: number, s: number): void {
  const { board: b, units } = st;
  const m0 = units.memberStart[u];
  const m1 = units.memberStart[u + 1];
  for (let k = m0; k < m1; k++) {
    const a = units.members[k];
    st.oldStart[k - m0] = b.start[a];
    st.oldRoom[k - m0] = b.room[a];
    b.unplace(a);
  }
  for (let k = m0; k < m1; k++) {
    const a = units.members[k];
    b.place(a, s, bestRoom(st, a, s));
  }
}

/** Undo `moveUnit` (put the members back where they were), last change first so that the Board's undo frames replay it. */
export function undoUnit(st: SchoolState, u: number): void {
  const { board: b, units } = st;
  const m0 = units.memberStart[u];
  const m1 = units.memberStart[u + 1];
  for (let k = m1 - 1; k >= m0; k--) b.unplace(units.members[k]);
  for (let k = m1 - 1; k >= m0; k--) {
    const s = st.oldStart[k - m0];
    if (s >= 0) st.board.place(units.members[k], s, st.oldRoom[k - m0]);
  }
}

export function inversePermutation(order: Int32Array): Int32Array {
  const inv = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) inv[order[i]] = i;
  return inv;
}

export function recordBest(st: SchoolState): void {
  const b = st.board;
  const h = b.hard;
  const s = b.soft;
  if (h < st.bestHard) st.stall = 0;
  if (better(h, s, st.bestHard, st.bestSoft)) {
    st.bestHard = h;
    st.bestSoft = s;
    st.bestStart.set(b.start);
    st.bestRoom.set(b.room);
    if (h === 0 && st.feasibleAt < 0) st.feasibleAt = st.evaluations;
  }
}

/** Up to `max` distinct units in hard violations (random probes, then one scan from a random place) into st.ejected. */
export function collectConflicted(st: SchoolState, max: number): number {
  const { board: b, rng, problem: p, units } = st;
  const n = p.nActivities;
  const stamp = ++st.stampNow;
  let k = 0;
  for (let t = 0; t < 40 && k < max; t++) {
    const a = rng.int(n);
    const u = units.unitOf[a];
    if (st.stamp[u] !== stamp && b.inConflict(a)) {
      st.stamp[u] = stamp;
      st.ejected[k++] = u;
    }
  }
  if (k > 0) return k;
  const off = rng.int(n);
  for (let i = 0; i < n && k < max; i++) {
    const a = (off + i) % n;
    const u = units.unitOf[a];
    if (st.stamp[u] !== stamp && b.inConflict(a)) {
      st.stamp[u] = stamp;
      st.ejected[k++] = u;
    }
  }
  return k;
}

/** Add unit u to the pool of units to place (its members are unplaced). */
export function toPool(st: SchoolState, u: number): void {
  if (st.poolPos[u] >= 0) return;
  st.poolPos[u] = st.poolSize;
  st.pool[st.poolSize++] = u;
}

export function fromPool(st: SchoolState, u: number): void {
  const i = st.poolPos[u];
  if (i < 0) return;
  const last = st.pool[--st.poolSize];
  st.pool[i] = last;
  st.poolPos[last] = i;
  st.poolPos[u] = -1;
}

/** Unplace every member of unit u and put it in the pool. */
export function eject(st: SchoolState, u: number): void {
  const { units, board: b } = st;
  const s = b.start[units.members[units.memberStart[u]]];
  // tabu on the start it leaves: coming straight back would only push its ejector out again
  if (s >= 0 && st.params.ejectTabu > 0) st.tabu[u * st.problem.nSlots + s] = st.iteration + st.params.ejectTabu + st.rng.int(st.params.ejectTabu + 1);
  for (let k = units.memberStart[u]; k < units.memberStart[u + 1]; k++) b.unplace(units.members[k]);
  st.bumps[u]++;
  toPool(st, u);
}

/** Hard violations other than clashes and unplaced activities (what ejecting cannot fix). */
export function otherHard(b: Board): number {
  return b.hard - b.clashes - b.roomClashes - b.unplaced;
}

/**
 * The units occupying a teacher's or subgroup's slots that unit u would use at start s, written
 * to st.ejected (deduplicated with a stamp); returns how many.
 */
export function clashingUnits(st: SchoolState, u: number, s: number): number {
  const { problem: p, units, board: b } = st;
  let n = 0;
  if (!p.compulsoryTime) return 0;
  const stamp = ++st.stampNow;
  const nSlots = p.nSlots;
  for (let k = units.memberStart[u]; k < units.memberStart[u + 1]; k++) {
    const a = units.members[k];
    const d = p.actDuration[a];
    for (let pass = 0; pass < 2; pass++) {
      const rs = pass === 0 ? p.actTeacherStart : p.actSubgroupStart;
      const rl = pass === 0 ? p.actTeachers : p.actSubgroups;
      const occ = pass === 0 ? b.tOcc : b.gOcc;
      const who = pass === 0 ? b.tWho : b.gWho;
      const ls = pass === 0 ? units.teacherActStart : units.subgroupActStart;
      const ll = pass === 0 ? units.teacherActs : units.subgroupActs;
      for (let j = rs[a]; j < rs[a + 1]; j++) {
        const r = rl[j];
        for (let h = 0; h < d; h++) {
          const i = r * nSlots + s + h;
          const c = occ[i];
          if (c === 0) continue;
          if (c === 1) {
            const ou = units.unitOf[who[i] - 1];
            if (ou !== u && st.stamp[ou] !== stamp) {
              st.stamp[ou] = stamp;
              st.ejected[n++] = ou;
            }
            continue;
          }
          // several occupants: find them in the resource's list
          const x = s + h;
          for (let q = ls[r]; q < ls[r + 1]; q++) {
            const o = ll[q];
            const os = b.start[o];
            if (os < 0 || os > x || os + p.actDuration[o] <= x) continue;
            const ou = units.unitOf[o];
            if (ou === u || st.stamp[ou] === stamp) continue;
            st.stamp[ou] = stamp;
            st.ejected[n++] = ou;
          }
        }
      }
    }
  }
  return n;
}
