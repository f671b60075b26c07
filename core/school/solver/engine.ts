/**
 * The school solver (engine contract, core/engine/contract.ts), on the incremental Board:
 *
 *  1. hard phase — iterative forward search with ejections (FET's recursive swapping, UniTime's
 *     IFS): all units (activities linked by 100% same starting time move together) start in a
 *     pool; the least free of a few sampled is placed at the start that pushes out the fewest
 *     (least often pushed) units and causes the fewest other hard violations; units clashing with
 *     it, sharing its room or breaking a hard relation with it are pushed back into the pool, and
 *     a teacher / subgroup rule it broke is repaired by pushing out what helps. With the pool
 *     empty but hard violations left, the unit whose removal helps most is taken out (its start
 *     tabu for a while) after trying the same repair;
 *  2. soft phase (hard = 0): simulated annealing over start moves, swaps of two units sharing a
 *     subgroup or teacher, room changes and ruin-and-recreate, never accepting a hard violation.
 *
 * One evaluation = one candidate position scored on the Board. Chunks end between iterations and
 * the state is plain data rebuilt into a Board on restore, so chunked runs equal straight runs.
 */
import { decodeState, encodeState } from "../../engine/codec";
import type { BestSolution, Progress, RunLimits, Solver, StepBudget } from "../../engine/contract";
import { resolveParams } from "../../engine/params";
import { Rng } from "../../engine/random";
import { Board } from "../board";
import type { SchoolTimetable } from "../evaluate";
import { SOFT_SCALE, type SchoolProblem } from "../problem";
import { SCHOOL_PARAMS, type SchoolParams } from "./params";
import { buildUnits, type Units } from "./units";
import { warmStartSchool } from "./warm-start";

const PHASE_HARD = 1;
const PHASE_SOFT = 2;

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
  /** Hard phase: iterations since the best hard improved. */
  stall: number;
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
function unitsOf(p: SchoolProblem): Units {
  let u = unitsCache.get(p);
  if (!u) unitsCache.set(p, (u = buildUnits(p)));
  return u;
}

function better(h1: number, s1: number, h2: number, s2: number): boolean {
  return h1 < h2 || (h1 === h2 && s1 < s2);
}

function newState(problem: SchoolProblem, params: SchoolParams, rng: Rng, maxEvaluations: number): SchoolState {
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
function bestRoom(st: SchoolState, a: number, s: number): number {
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
function moveUnit(st: SchoolState, u: number, s: number): void {
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

/** Undo `moveUnit` (put the members back where they were). */
function undoUnit(st: SchoolState, u: number): void {
  const { board: b, units } = st;
  const m0 = units.memberStart[u];
  const m1 = units.memberStart[u + 1];
  for (let k = m0; k < m1; k++) b.unplace(units.members[k]);
  for (let k = m0; k < m1; k++) {
    const s = st.oldStart[k - m0];
    if (s >= 0) st.board.place(units.members[k], s, st.oldRoom[k - m0]);
  }
}

function inversePermutation(order: Int32Array): Int32Array {
  const inv = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) inv[order[i]] = i;
  return inv;
}

function recordBest(st: SchoolState): void {
  const b = st.board;
  const h = b.hard;
  const s = b.soft;
  if (better(h, s, st.bestHard, st.bestSoft)) {
    st.bestHard = h;
    st.bestSoft = s;
    st.bestStart.set(b.start);
    st.bestRoom.set(b.room);
    if (h === 0 && st.feasibleAt < 0) st.feasibleAt = st.evaluations;
  }
}

/** Up to `max` distinct units in hard violations (random probes, then one scan from a random place) into st.ejected. */
function collectConflicted(st: SchoolState, max: number): number {
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
function toPool(st: SchoolState, u: number): void {
  if (st.poolPos[u] >= 0) return;
  st.poolPos[u] = st.poolSize;
  st.pool[st.poolSize++] = u;
}

function fromPool(st: SchoolState, u: number): void {
  const i = st.poolPos[u];
  if (i < 0) return;
  const last = st.pool[--st.poolSize];
  st.pool[i] = last;
  st.poolPos[last] = i;
  st.poolPos[u] = -1;
}

/** Unplace every member of unit u and put it in the pool. */
function eject(st: SchoolState, u: number): void {
  const { units, board: b } = st;
  const s = b.start[units.members[units.memberStart[u]]];
  // tabu on the start it leaves: coming straight back would only push its ejector out again
  if (s >= 0 && st.params.ejectTabu > 0) st.tabu[u * st.problem.nSlots + s] = st.iteration + st.params.ejectTabu + st.rng.int(st.params.ejectTabu + 1);
  for (let k = units.memberStart[u]; k < units.memberStart[u + 1]; k++) b.unplace(units.members[k]);
  st.bumps[u]++;
  toPool(st, u);
}

/**
 * The units occupying a teacher's or subgroup's slots that unit u would use at start s, written
 * to st.ejected (deduplicated with a stamp); returns how many.
 */
function clashingUnits(st: SchoolState, u: number, s: number): number {
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

/** Hard violations other than clashes and unplaced activities (what ejecting cannot fix). */
function otherHard(b: Board): number {
  return b.hard - b.clashes - b.roomClashes - b.unplaced;
}

/**
 * The breakout share of unit u's hard teacher / subgroup violations: Σ (weight − 1) × violations
 * over the instances of its members' teachers and subgroups. Added to `otherHard`, a rule that
 * stays violated weighs more each time, so a plateau (one unplaced unit traded for one violation)
 * tilts towards the placements that break rules less often broken.
 */
function breakoutExtra(st: SchoolState, u: number): number {
  const { problem: p, units, board: b, resWeight: w } = st;
  let extra = 0;
  for (let k = units.memberStart[u]; k < units.memberStart[u + 1]; k++) {
    const a = units.members[k];
    for (let j = p.actTeacherStart[a]; j < p.actTeacherStart[a + 1]; j++) {
      const r = p.actTeachers[j];
      for (let q = p.teacherResStart[r]; q < p.teacherResStart[r + 1]; q++) {
        const i = p.teacherRes[q];
        extra += (w[i] - 1) * b.resViol[i];
      }
    }
    for (let j = p.actSubgroupStart[a]; j < p.actSubgroupStart[a + 1]; j++) {
      const r = p.actSubgroups[j];
      for (let q = p.subgroupResStart[r]; q < p.subgroupResStart[r + 1]; q++) {
        const i = p.subgroupRes[q];
        extra += (w[i] - 1) * b.resViol[i];
      }
    }
  }
  return extra;
}

/** Raise the breakout weight of every hard instance of unit u's teachers / subgroups that is violated now. */
function raiseWeights(st: SchoolState, u: number): void {
  const { problem: p, units, board: b, resWeight: w } = st;
  const cap = st.params.breakoutCap;
  for (let k = units.memberStart[u]; k < units.memberStart[u + 1]; k++) {
    const a = units.members[k];
    for (let pass = 0; pass < 2; pass++) {
      const rs = pass === 0 ? p.actTeacherStart : p.actSubgroupStart;
      const rl = pass === 0 ? p.actTeachers : p.actSubgroups;
      const is = pass === 0 ? p.teacherResStart : p.subgroupResStart;
      const il = pass === 0 ? p.teacherRes : p.subgroupRes;
      for (let j = rs[a]; j < rs[a + 1]; j++) {
        const r = rl[j];
        for (let q = is[r]; q < is[r + 1]; q++) {
          const i = il[q];
          if (b.resViol[i] > 0 && p.resources[i].weight >= 100 && w[i] < cap) w[i]++;
        }
      }
    }
  }
}

/**
 * One step of iterative forward search (as FET and UniTime do): take an unplaced unit (the least
 * free of a few sampled), score every allowed start by the units it would push out (more for units
 * pushed out often) and the other hard violations it would cause, then place it at the best start
 * and push out the units in its way. With nothing left to place but hard violations remaining, a
 * unit in a violation is taken out and its start made tabu for a while.
 */
function ifsStep(st: SchoolState): void {
  const { board: b, units, rng, problem: p } = st;
  if (st.poolSize === 0) {
    if (b.hard === 0) {
      recordBest(st);
      st.phase = PHASE_SOFT;
      st.segmentMove = 0;
      return;
    }
    // among a few units in hard violations, take out the one whose removal helps most
    let c = -1;
    let bestGain = -Infinity;
    const nc = collectConflicted(st, 6);
    for (let t = 0; t < nc; t++) {
      const cand = st.ejected[t];
      const base = otherHard(b) + breakoutExtra(st, cand);
      const m0 = units.memberStart[cand];
      const m1 = units.memberStart[cand + 1];
      for (let k = m0; k < m1; k++) {
        const a = units.members[k];
        st.oldStart[k - m0] = b.start[a];
        st.oldRoom[k - m0] = b.room[a];
        b.unplace(a);
      }
      const gain = base - otherHard(b) - breakoutExtra(st, cand) + rng.float() * 0.5;
      for (let k = m0; k < m1; k++) b.place(units.members[k], st.oldStart[k - m0], st.oldRoom[k - m0]);
      st.evaluations++;
      if (gain > bestGain) {
        bestGain = gain;
        c = cand;
      }
    }
    if (c < 0) {
      st.phase = PHASE_SOFT;
      return;
    }
    raiseWeights(st, c);
    // first try to repair c's violated teacher / subgroup rules by pushing out others
    const nr = snapshotResources(st, c);
    for (let x = 0; x < nr; x++) st.resPrev[x] = 0;
    repairResources(st, c, nr);
    if (st.poolSize > 0 && rng.chance(0.7)) return;
    const cs = b.start[units.members[units.memberStart[c]]];
    if (cs >= 0) st.tabu[c * p.nSlots + cs] = st.iteration + st.params.tabuTenure + rng.int(st.params.tabuTenure + 1);
    eject(st, c);
    return;
  }
  // choose the unit: least freedom among a few sampled from the pool
  let u = st.pool[rng.int(st.poolSize)];
  for (let t = 0; t < 3; t++) {
    const v = st.pool[rng.int(st.poolSize)];
    if (units.freedom[v] < units.freedom[u]) u = v;
  }
  const a0 = units.allowedStart[u];
  const a1 = units.allowedStart[u + 1];
  const walk = rng.chance(st.params.walkProbability);
  let bestS = -1;
  let bestCost = Infinity;
  let bestSoft = Infinity;
  let ties = 0;
  const other0 = otherHard(b) + breakoutExtra(st, u);
  const soft0 = b.soft;
  const tabuBase = u * p.nSlots;
  for (let pass = 0; pass < 2 && bestS < 0; pass++) {
    for (let k = a0; k < a1; k++) {
      const s = walk ? units.allowed[a0 + rng.int(a1 - a0)] : units.allowed[k];
      if (pass === 0 && st.tabu[tabuBase + s] > st.iteration) continue;
      const ne = clashingUnits(st, u, s);
      let cost = 0;
      for (let e = 0; e < ne; e++) {
        const x = st.ejected[e];
        // units with few possible starts are expensive to push out (they have nowhere else to go)
        cost += st.params.ejectionCost + Math.min(st.bumps[x], 64) + ((st.params.ejectionCost * st.params.freedomWeight) / units.freedom[x] | 0);
        // just placed: pushing it out again at once would only swap the two back and forth
        if (st.iteration - st.placedAt[x] < st.params.recentTabu) cost += 1000;
      }
      if (cost > bestCost) {
        st.evaluations++;
        continue;
      }
      moveUnit(st, u, s);
      st.evaluations++;
      cost += st.params.violationCost * (otherHard(b) + breakoutExtra(st, u) - other0);
      const soft = b.soft - soft0;
      undoUnit(st, u);
      if (cost < bestCost || (cost === bestCost && soft < bestSoft)) {
        bestS = s;
        bestCost = cost;
        bestSoft = soft;
        ties = 1;
      } else if (cost === bestCost && soft === bestSoft && rng.int(++ties) === 0) bestS = s;
      if (walk) break;
    }
  }
  if (bestS < 0) bestS = units.allowed[a0 + rng.int(a1 - a0)];
  const ne = clashingUnits(st, u, bestS);
  for (let e = 0; e < ne; e++) eject(st, st.ejected[e]);
  const nr = snapshotResources(st, u);
  moveUnit(st, u, bestS);
  fromPool(st, u);
  st.placedAt[u] = st.iteration;
  // breakout: the rules this placement had to break weigh more for the next placements
  if (bestCost >= st.params.violationCost) raiseWeights(st, u);
  repairResources(st, u, nr);
  // a room still shared: push the other occupants out
  if (p.compulsorySpace && b.roomClashes > 0) ejectRoomSharers(st, u);
  // hard relations with other activities (e.g. min days) broken: push out the partners
  ejectSetPartners(st, u);
  recordBest(st);
}

/** Remember the violations of the hard teacher / subgroup instances of u's members (into st.resList / st.resPrev). */
function snapshotResources(st: SchoolState, u: number): number {
  const { problem: p, units, board: b } = st;
  let n = 0;
  for (let k = units.memberStart[u]; k < units.memberStart[u + 1]; k++) {
    const a = units.members[k];
    for (let pass = 0; pass < 2; pass++) {
      const rs = pass === 0 ? p.actTeacherStart : p.actSubgroupStart;
      const rl = pass === 0 ? p.actTeachers : p.actSubgroups;
      const is = pass === 0 ? p.teacherResStart : p.subgroupResStart;
      const il = pass === 0 ? p.teacherRes : p.subgroupRes;
      for (let j = rs[a]; j < rs[a + 1]; j++) {
        const r = rl[j];
        for (let q = is[r]; q < is[r + 1]; q++) {
          const i = il[q];
          if (p.resources[i].weight < 100 || n >= st.resList.length) continue;
          st.resList[n] = i;
          st.resPrev[n++] = b.resViol[i];
        }
      }
    }
  }
  return n;
}

/**
 * A hard teacher / subgroup instance that placing u made worse (e.g. one day too many, a gap):
 * push out the resource's units whose removal lowers it most; when no single one helps, the
 * resource's activities on its lightest other day (what FET does for max days per week).
 */
function repairResources(st: SchoolState, u: number, n: number): void {
  const { problem: p, units, board: b, rng } = st;
  const uDay = (b.start[units.members[units.memberStart[u]]] / p.nHours) | 0;
  for (let x = 0; x < n; x++) {
    const i = st.resList[x];
    const inst = p.resources[i];
    const ls = inst.kind === "teacher" ? units.teacherActStart : units.subgroupActStart;
    const ll = inst.kind === "teacher" ? units.teacherActs : units.subgroupActs;
    for (let guard = 0; guard < 4 && b.resViol[i] > st.resPrev[x]; guard++) {
      let bestU = -1;
      let bestV = b.resViol[i];
      let ties = 0;
      for (let q = ls[inst.resource]; q < ls[inst.resource + 1]; q++) {
        const o = ll[q];
        const ou = units.unitOf[o];
        if (ou === u || b.start[o] < 0 || units.memberStart[ou + 1] - units.memberStart[ou] > 1) continue;
        const os = b.start[o];
        const or = b.room[o];
        b.unplace(o);
        const v = b.resViol[i];
        b.place(o, os, or);
        st.evaluations++;
        if (v < bestV) {
          bestV = v;
          bestU = ou;
          ties = 1;
        } else if (v === bestV && bestU >= 0 && rng.int(++ties) === 0) bestU = ou;
      }
      if (bestU >= 0) {
        eject(st, bestU);
        continue;
      }
      // no single removal helps: clear the lightest other day of this resource
      let bestDay = -1;
      let fewest = Infinity;
      for (let d = 0; d < p.nDays; d++) {
        if (d === uDay) continue;
        let c = 0;
        for (let q = ls[inst.resource]; q < ls[inst.resource + 1]; q++) {
          const o = ll[q];
          if (b.start[o] >= 0 && ((b.start[o] / p.nHours) | 0) === d) c++;
        }
        if (c > 0 && c < fewest) {
          fewest = c;
          bestDay = d;
        }
      }
      if (bestDay < 0 || fewest > p.nHours) break;
      // only when clearing that day really lowers the violation
      let m = 0;
      for (let q = ls[inst.resource]; q < ls[inst.resource + 1] && m < st.dayActs.length; q++) {
        const o = ll[q];
        if (b.start[o] < 0 || ((b.start[o] / p.nHours) | 0) !== bestDay || units.unitOf[o] === u) continue;
        st.dayActs[m] = o;
        st.dayStart[m] = b.start[o];
        st.dayRoom[m++] = b.room[o];
        b.unplace(o);
      }
      const cleared = b.resViol[i];
      for (let k = 0; k < m; k++) b.place(st.dayActs[k], st.dayStart[k], st.dayRoom[k]);
      st.evaluations++;
      if (cleared >= b.resViol[i]) break;
      for (let k = 0; k < m; k++) if (b.start[st.dayActs[k]] >= 0) eject(st, units.unitOf[st.dayActs[k]]);
    }
  }
}

/** For each hard set constraint of u's members that is violated, push out the partners that break it. */
function ejectSetPartners(st: SchoolState, u: number): void {
  const { problem: p, units, board: b } = st;
  for (let k = units.memberStart[u]; k < units.memberStart[u + 1]; k++) {
    const a = units.members[k];
    for (let j = p.actSetStart[a]; j < p.actSetStart[a + 1]; j++) {
      const i = p.actSets[j];
      const set = p.sets[i];
      if (set.weight < 100) continue;
      for (let guard = 0; guard < set.activities.length && b.setViol[i] > 0; guard++) {
        // the partner whose removal lowers this set's violations the most
        let bestU = -1;
        let bestV = b.setViol[i];
        for (const o of set.activities) {
          const ou = units.unitOf[o];
          if (ou === u || b.start[o] < 0) continue;
          const os = b.start[o];
          const or = b.room[o];
          b.unplace(o);
          const v = b.setViol[i];
          b.place(o, os, or);
          if (v < bestV) {
            bestV = v;
            bestU = ou;
          }
        }
        if (bestU < 0) break;
        eject(st, bestU);
      }
    }
  }
}

/** Push out units sharing a room slot with unit u's members. */
function ejectRoomSharers(st: SchoolState, u: number): void {
  const { problem: p, units, board: b } = st;
  for (let k = units.memberStart[u]; k < units.memberStart[u + 1]; k++) {
    const a = units.members[k];
    const r = b.room[a];
    if (r < 0) continue;
    const s = b.start[a];
    const d = p.actDuration[a];
    let busy = false;
    for (let h = 0; h < d; h++) if (b.rOcc[r * p.nSlots + s + h] > 1) busy = true;
    if (!busy) continue;
    for (let o = 0; o < p.nActivities; o++) {
      if (o === a || b.room[o] !== r || units.unitOf[o] === u) continue;
      const os = b.start[o];
      if (os < 0 || os >= s + d || os + p.actDuration[o] <= s) continue;
      eject(st, units.unitOf[o]);
    }
  }
}

function softStep(st: SchoolState): void {
  const { board: b, units, rng, problem: p, params } = st;
  if (b.hard > 0) {
    st.phase = PHASE_HARD;
    return;
  }
  const frac = st.segmentMove / params.segmentMoves;
  const temp = params.initialTemperature * Math.pow(params.finalTemperature / params.initialTemperature, frac) * SOFT_SCALE;
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
function ruinAndRecreate(st: SchoolState, temp: number): void {
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
function swapStep(st: SchoolState, temp: number, h0: number, s0: number): void {
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

function accept(rng: Rng, delta: number, temp: number): boolean {
  if (delta <= 0) return true;
  return rng.chance(Math.exp(-delta / temp));
}

function runIteration(st: SchoolState): void {
  const e0 = st.evaluations;
  if (st.phase === PHASE_SOFT) softStep(st);
  else ifsStep(st);
  st.iteration++;
  st.lastIterationEvaluations = st.evaluations - e0;
}

function isDone(st: SchoolState): boolean {
  return st.evaluations >= st.maxEvaluations || (st.bestHard === 0 && st.bestSoft === 0);
}

interface Saved {
  start: Int32Array;
  room: Int32Array;
  rng: Uint32Array;
  phase: number;
  cursor: number;
  iteration: number;
  evaluations: number;
  maxEvaluations: number;
  tabu: Int32Array;
  segmentMove: number;
  bestStart: Int32Array;
  bestRoom: Int32Array;
  bestHard: number;
  bestSoft: number;
  feasibleAt: number;
  stall: number;
  lastIterationEvaluations: number;
  params: SchoolParams;
  pool: Int32Array;
  poolPos: Int32Array;
  poolSize: number;
  bumps: Int32Array;
  placedAt: Int32Array;
  resWeight: Int32Array;
}

export function makeSchoolSolver(id = "school"): Solver<SchoolProblem, SchoolState, SchoolTimetable, SchoolParams> {
  return {
    id,
    parameters: (input) => resolveParams<SchoolParams>(SCHOOL_PARAMS, input),
    init(problem, params, seed, limits: RunLimits) {
      return newState(problem, params, Rng.seeded(seed), limits.maxEvaluations);
    },
    step(st, budget: StepBudget) {
      const now = budget.now ?? (() => performance.now());
      const t0 = budget.millis !== undefined ? now() : 0;
      const e0 = st.evaluations;
      const maxE = budget.evaluations;
      let first = true;
      while (!isDone(st)) {
        if (!first) {
          if (maxE !== undefined && st.evaluations - e0 >= maxE) break;
          if (budget.millis !== undefined && (st.iteration & 15) === 0 && now() - t0 >= budget.millis) break;
          if (maxE === undefined && budget.millis === undefined) break;
        }
        first = false;
        runIteration(st);
      }
      return st;
    },
    checkpoint(st) {
      const saved: Saved = {
        start: st.board.start,
        room: st.board.room,
        rng: st.rng.state,
        phase: st.phase,
        cursor: st.cursor,
        iteration: st.iteration,
        evaluations: st.evaluations,
        maxEvaluations: st.maxEvaluations,
        tabu: st.tabu,
        segmentMove: st.segmentMove,
        bestStart: st.bestStart,
        bestRoom: st.bestRoom,
        bestHard: st.bestHard,
        bestSoft: st.bestSoft,
        feasibleAt: st.feasibleAt,
        stall: st.stall,
        lastIterationEvaluations: st.lastIterationEvaluations,
        params: st.params,
        pool: st.pool,
        poolPos: st.poolPos,
        poolSize: st.poolSize,
        bumps: st.bumps,
        placedAt: st.placedAt,
        resWeight: st.resWeight,
      };
      return encodeState(saved);
    },
    restore(problem, bytes) {
      const s = decodeState<Saved>(bytes);
      const st = newState(problem, s.params, Rng.fromState(s.rng), s.maxEvaluations);
      // Re-place in activity order: the Board's sums are exact integers, so the order does not matter.
      for (let a = 0; a < problem.nActivities; a++) if (s.start[a] >= 0) st.board.place(a, s.start[a], s.room[a]);
      Object.assign(st, {
        phase: s.phase,
        cursor: s.cursor,
        iteration: s.iteration,
        evaluations: s.evaluations,
        tabu: s.tabu,
        segmentMove: s.segmentMove,
        bestStart: s.bestStart,
        bestRoom: s.bestRoom,
        bestHard: s.bestHard,
        bestSoft: s.bestSoft,
        feasibleAt: s.feasibleAt,
        stall: s.stall,
        lastIterationEvaluations: s.lastIterationEvaluations,
        pool: s.pool,
        poolPos: s.poolPos,
        poolSize: s.poolSize,
        bumps: s.bumps,
        placedAt: s.placedAt,
        resWeight: s.resWeight,
      });
      return st;
    },
    best(st): BestSolution<SchoolTimetable> {
      const has = Number.isFinite(st.bestHard);
      const start = has ? st.bestStart.slice() : st.board.start.slice();
      const room = has ? st.bestRoom.slice() : st.board.room.slice();
      const hard = has ? st.bestHard : st.board.hard;
      const soft = (has ? st.bestSoft : st.board.soft) / SOFT_SCALE;
      return { value: objective(hard, soft), solution: { start, room }, hard, soft };
    },
    progress(st): Progress {
      const has = Number.isFinite(st.bestHard);
      const hard = has ? st.bestHard : st.board.hard;
      const soft = (has ? st.bestSoft : st.board.soft) / SOFT_SCALE;
      return {
        generation: st.iteration,
        evaluations: st.evaluations,
        best: objective(hard, soft),
        mean: objective(st.board.hard, st.board.soft / SOFT_SCALE),
        hard,
        soft,
        done: isDone(st),
      };
    },
    warmStart: (st, solution) => warmStartSchool(st, solution, PHASE_HARD),
  };
}

/** One number for progress charts: hard violations dominate (10⁶ each), then the soft penalty. */
export function objective(hard: number, soft: number): number {
  return hard * 1e6 + soft;
}
