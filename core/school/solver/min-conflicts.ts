/**
 * Hard phase, when the forward search stalls (params.ts `localAfter` iterations without a better
 * best): a min-conflicts tabu search over complete timetables. It starts from the best timetable
 * so far (a later run, with probability `localFromCurrent`, from the forward search's current one
 * instead) with every unit still unplaced put at its least-violating start, then repeatedly takes a
 * unit in a hard violation and moves it to the start with the fewest hard violations, or swaps it
 * with the units in its way there when they lie within its hours (they take its hours here, at the
 * same offsets: a full week of a class leaves no free hour, so only swaps keep it compact), or
 * moves it with its Kempe chain when that reaches further than the swap (kempe.ts; by default
 * only when no move or swap lowers the hard count, params.ts `kempeStalled`), or, when nothing lowers
 * it and the file has a hard rule over the rooms of lessons together (building changes), stays at its
 * start in another room (`roomMoves`), or, when still nothing lowers it, in a share `ejectRate` of such steps
 * (with `ejectAtBest` only at the run's best count, with `ejectShare` only while it has spent at most that share of
 * the evaluations), is placed by recursive swapping (ejection.ts: what is in its way is placed again, recursively). The
 * start a unit leaves is tabu for `tabuTenure` iterations unless a move beats the run's best. A best move that raises
 * the hard count above the run's best plus `worseningSlack` is made only with probability `worseningAccept` (otherwise
 * the unit stays): making every such move lets the search drift far above the timetable it started from. After `localLength` iterations without a better
 * run best, the units still clashing go back to the pool and the forward search resumes.
 */
import { ejectionMove } from "./ejection";
import { applyChain, buildChain, chainTo, chainUnit, undoChain } from "./kempe";
import { breakoutExtra, raiseWeights } from "./repair";
import type { SchoolProblem } from "../problem";
import { type SchoolState, PHASE_HARD, PHASE_LOCAL, PHASE_SOFT, bestRoom, clashingUnits, collectConflicted, eject, fromPool, moveUnit, recordBest, toPool, undoUnit } from "./state";

/** `consider`'s mark for a Kempe chain (kempe.ts); -1 marks a move, n > 0 a swap with n partners, ROOM - r a change to room r. */
const CHAIN = -2;
const ROOM = -3;

const roomRules = new WeakMap<SchoolProblem, boolean>();
/**
 * Whether the problem has a hard rule over the rooms of a teacher's or students' lessons together (a tally whose
 * count depends on the room, such as max building changes per day). The rooms a move picks (state.ts `bestRoom`)
 * look at one lesson alone, so such a rule can stay broken with every lesson at a possible start: only a change
 * of room, at the same start, repairs it.
 */
export function hasHardRoomRules(p: SchoolProblem): boolean {
  let v = roomRules.get(p);
  if (v === undefined) {
    v = p.tallies.some((t) => t.weight >= 100 && t.roomFreeCount === undefined);
    roomRules.set(p, v);
  }
  return v;
}

/** Enter the min-conflicts phase from the best timetable so far (every unit placed). */
export function startMinConflicts(st: SchoolState): void {
  const { board: b, units, problem: p } = st;
  const n = p.nActivities;
  if (Number.isFinite(st.bestHard) && !startsFromCurrent(st)) {
    for (let a = 0; a < n; a++) if (b.start[a] >= 0 && (b.start[a] !== st.bestStart[a] || b.room[a] !== st.bestRoom[a])) b.unplace(a);
    for (let a = 0; a < n; a++) if (b.start[a] < 0 && st.bestStart[a] >= 0) b.place(a, st.bestStart[a], st.bestRoom[a]);
    for (let u = 0; u < units.count; u++) {
      if (b.start[units.members[units.memberStart[u]]] >= 0) fromPool(st, u);
      else toPool(st, u);
    }
  }
  while (st.poolSize > 0) {
    const u = st.pool[st.poolSize - 1];
    fromPool(st, u);
    placeLeastHard(st, u);
  }
  st.phase = PHASE_LOCAL;
  st.localBest = b.hard;
  st.localStall = 0;
  st.localRuns++;
  recordBest(st);
}

/**
 * Whether a min-conflicts run starts from the forward search's current timetable (its unplaced units put at
 * their least-violating starts) rather than the best so far: with probability `localFromCurrent`, and never
 * for the first run (the forward search has not moved away from the best yet).
 */
export function startsFromCurrent(st: SchoolState): boolean {
  return st.localRuns > 0 && st.params.localFromCurrent > 0 && st.rng.chance(st.params.localFromCurrent);
}

/** Put unplaced unit u at its allowed start with the fewest hard violations (ties at random). */
export function placeLeastHard(st: SchoolState, u: number): void {
  const { board: b, units, rng } = st;
  const a0 = units.allowedStart[u];
  const a1 = units.allowedStart[u + 1];
  let bestS = units.allowed[a0 + rng.int(a1 - a0)];
  let bestH = Infinity;
  let ties = 0;
  for (let k = a0; k < a1; k++) {
    const s = units.allowed[k];
    moveUnit(st, u, s);
    const h = b.hard;
    undoUnit(st, u);
    st.evaluations++;
    if (h < bestH) {
      bestH = h;
      bestS = s;
      ties = 1;
    } else if (h === bestH && st.rng.int(++ties) === 0) bestS = s;
  }
  moveUnit(st, u, bestS);
}

/** One iteration of the min-conflicts tabu search (see the file comment). */
export function minConflictsStep(st: SchoolState): void {
  const { board: b, units, rng, problem: p, params } = st;
  if (b.hard === 0) {
    recordBest(st);
    st.phase = PHASE_SOFT;
    st.segmentMove = 0;
    return;
  }
  if (collectConflicted(st, 1) === 0) {
    leaveMinConflicts(st);
    return;
  }
  const u = st.ejected[0];
  const nSlots = p.nSlots;
  const first = units.members[units.memberStart[u]];
  const cur = b.start[first];
  const single = units.memberStart[u + 1] - units.memberStart[u] === 1;
  const a0 = units.allowedStart[u];
  const a1 = units.allowedStart[u + 1];
  // breakout (params.ts breakoutCap > 1): a hard rule of u's teachers / students that stays broken weighs more
  const weighted = params.breakoutCap > 1;
  let bestS = -1;
  let bestV = -1;
  let bestH = Infinity;
  let ties = 0;
  const consider = (s: number, v: number, h: number) => {
    if (h < bestH) {
      bestH = h;
      bestS = s;
      bestV = v;
      ties = 1;
    } else if (h === bestH && rng.int(++ties) === 0) {
      bestS = s;
      bestV = v;
    }
  };
  // the chain of u moving to s, when it reaches further than the swap (ne partners)
  const tryChain = (s: number, ne: number) => {
    const nc = buildChain(st, u, s);
    if (nc === 0 || (ne > 0 && nc <= ne + 1)) return;
    let chainTabu = st.tabu[u * nSlots + s] > st.iteration;
    for (let i = 1; i < nc && !chainTabu; i++) if (st.tabu[chainUnit(st, i) * nSlots + chainTo(st, i)] > st.iteration) chainTabu = true;
    applyChain(st);
    const hc = b.hard;
    const hcw = weighted ? hc + breakoutExtra(st, u) : hc;
    undoChain(st);
    st.evaluations++;
    if (!chainTabu || hc < st.localBest) consider(s, CHAIN, hcw);
  };
  const chainsAlways = params.kempeLength >= 2 && !params.kempeStalled;
  const hNow = weighted ? b.hard + breakoutExtra(st, u) : b.hard;
  for (let k = a0; k < a1; k++) {
    const s = units.allowed[k];
    if (s === cur) continue;
    const tabu = st.tabu[u * nSlots + s] > st.iteration;
    moveUnit(st, u, s);
    const h = b.hard;
    const hw = weighted ? h + breakoutExtra(st, u) : h;
    undoUnit(st, u);
    st.evaluations++;
    if (!tabu || h < st.localBest) consider(s, -1, hw);
    // the swap: the units in the way, if they lie within u's hours there, take u's hours here
    const ne = single ? swapPartners(st, u, s, cur) : 0;
    if (ne > 0) {
      let partnerTabu = false;
      for (let e = 0; e < ne; e++) if (st.tabu[units.unitOf[st.dayActs[e]] * nSlots + st.dayStart[e]] > st.iteration) partnerTabu = true;
      const hs = swapHard(st, u, s, ne, weighted);
      st.evaluations++;
      if (!(tabu || partnerTabu) || hs.hard < st.localBest) consider(s, ne, hs.weighted);
    }
    if (chainsAlways) tryChain(s, ne);
  }
  // Kempe chains (kempe.ts): with kempeStalled only when no move or swap lowers the count
  if (params.kempeLength >= 2 && !chainsAlways && bestH >= hNow) {
    for (let k = a0; k < a1; k++) {
      const s = units.allowed[k];
      if (s !== cur) tryChain(s, single ? swapPartners(st, u, s, cur) : 0);
    }
  }
  // room changes at the same start, when no move lowers the count and rooms of lessons together can break a hard rule
  if (params.roomMoves && single && bestH >= hNow && hasHardRoomRules(p)) {
    const a = first;
    const r0 = b.room[a];
    // a virtual room keeps the real rooms it had (choosing them again could differ: core/school/real-rooms.ts)
    const K = p.maxRealRooms;
    const real0 = K && r0 >= 0 && p.roomVirtual[r0] ? b.real.slice(a * K, (a + 1) * K) : undefined;
    for (let k = units.roomStart[a]; k < units.roomStart[a + 1]; k++) {
      const r = units.rooms[k];
      if (r === r0) continue;
      b.unplace(a);
      b.place(a, cur, r);
      const h = b.hard;
      const hw = weighted ? h + breakoutExtra(st, u) : h;
      b.unplace(a);
      b.place(a, cur, r0, real0);
      st.evaluations++;
      consider(cur, ROOM - r, hw);
    }
  }
  // recursive swapping (ejection.ts) when nothing above lowers the count, in a share ejectRate of such steps (it costs
  // a scan of the unit's starts per level: at every such step it slowed files the plain moves solve); off by default
  if (params.ejectDepth > 0 && params.ejectRate > 0 && bestH >= hNow && ejectionWanted(st) && rng.chance(params.ejectRate) && ejectionCounted(st, u)) {
    st.tabu[u * nSlots + cur] = st.iteration + params.tabuTenure + rng.int(params.tabuTenure + 1);
    if (countProgress(st) !== "left") recordBest(st);
    return;
  }
  if (bestS < 0) return;
  // a move that raises the hard count above the run's best + worseningSlack is made only with probability
  // worseningAccept (the rest: stay, count the stall); within the slack a plateau such as hard 1 can still be left
  if (bestH > hNow && bestH > st.localBest + params.worseningSlack && params.worseningAccept < 1 && !rng.chance(params.worseningAccept)) {
    if (++st.localStall > params.localLength) leaveMinConflicts(st);
    return;
  }
  const h0 = b.hard;
  const tenure = params.tabuTenure;
  if (bestV <= ROOM) {
    // the unit stays at its start in another room (no tabu: it leaves no start)
    b.unplace(first);
    b.place(first, cur, ROOM - bestV);
  } else if (bestV === CHAIN) {
    st.tabu[u * nSlots + cur] = st.iteration + tenure + rng.int(tenure + 1);
    const nc = buildChain(st, u, bestS);
    const from = st.saveStart;
    for (let i = 1; i < nc; i++) from[i] = b.start[units.members[units.memberStart[chainUnit(st, i)]]];
    applyChain(st);
    for (let i = 1; i < nc; i++) st.tabu[chainUnit(st, i) * nSlots + from[i]] = st.iteration + tenure + rng.int(tenure + 1);
  } else if (bestV > 0) {
    st.tabu[u * nSlots + cur] = st.iteration + tenure + rng.int(tenure + 1);
    // the partners again (the scratch lists were overwritten by later candidates)
    const ne = swapPartners(st, u, bestS, cur);
    for (let e = 0; e < ne; e++) b.unplace(st.dayActs[e]);
    moveUnit(st, u, bestS);
    for (let e = 0; e < ne; e++) {
      const o = st.dayActs[e];
      b.place(o, st.dayStart[e], bestRoom(st, o, st.dayStart[e]));
      st.tabu[units.unitOf[o] * nSlots + st.dayRoom[e]] = st.iteration + tenure + rng.int(tenure + 1);
    }
  } else {
    st.tabu[u * nSlots + cur] = st.iteration + tenure + rng.int(tenure + 1);
    moveUnit(st, u, bestS);
  }
  const progress = countProgress(st);
  if (progress === "left") return;
  if (progress === "same" && weighted && b.hard >= h0) raiseWeights(st, u);
  recordBest(st);
}

/**
 * After a step of the run: a new best hard count for the run resets its stall count; otherwise the
 * stall grows, and a run stalled for more than `localLength` steps is left ("left").
 */
function countProgress(st: SchoolState): "better" | "same" | "left" {
  if (st.board.hard < st.localBest) {
    st.localBest = st.board.hard;
    st.localStall = 0;
    return "better";
  }
  if (++st.localStall > st.params.localLength) {
    leaveMinConflicts(st);
    return "left";
  }
  return "same";
}

/**
 * Whether this stalled step may try recursive swapping: with `ejectAtBest` only when the hard count is at the run's
 * best (not on the way back down after a worsening move), and with `ejectShare` > 0 only while the evaluations it
 * has spent are at most that share of all (where it rarely succeeds it cannot take the run's time).
 */
function ejectionWanted(st: SchoolState): boolean {
  const { ejectAtBest, ejectShare } = st.params;
  return (!ejectAtBest || st.board.hard <= st.localBest) && (ejectShare <= 0 || st.ejectEvaluations <= ejectShare * st.evaluations);
}

/** ejectionMove, its evaluations counted in st.ejectEvaluations (ejectShare). */
function ejectionCounted(st: SchoolState, u: number): boolean {
  const e0 = st.evaluations;
  const ok = ejectionMove(st, u);
  st.ejectEvaluations += st.evaluations - e0;
  return ok;
}

/**
 * The swap partners of single unit u (at cur) moving to s: the units clashing with it there (and,
 * when u's activity has one possible room, the units holding that room there), when each is a
 * single activity lying within u's hours at s and allowed at the same offset from cur.
 * Written to st.dayActs (activity), st.dayStart (its start after the swap), st.dayRoom (its start
 * now); returns how many, or 0 when the swap does not apply.
 */
function swapPartners(st: SchoolState, u: number, s: number, cur: number): number {
  const { board: b, units, problem: p } = st;
  const a = units.members[units.memberStart[u]];
  const d = p.actDuration[a];
  let ne = clashingUnits(st, u, s);
  // a lesson bound to one room (a gym): whoever holds that room there is in the way too
  if (p.compulsorySpace && units.roomStart[a + 1] - units.roomStart[a] === 1) {
    const base = units.rooms[units.roomStart[a]] * p.nSlots + s;
    for (let h = 0; h < d; h++) {
      const c = b.rOcc[base + h];
      if (c === 0) continue;
      if (c > 1) return 0;
      const ou = units.unitOf[b.rWho[base + h] - 1];
      if (ou === u || st.stamp[ou] === st.stampNow || ne >= st.ejected.length) continue;
      st.stamp[ou] = st.stampNow;
      st.ejected[ne++] = ou;
    }
  }
  if (ne === 0 || ne > st.dayActs.length) return 0;
  for (let e = 0; e < ne; e++) {
    const v = st.ejected[e];
    if (units.memberStart[v + 1] - units.memberStart[v] !== 1) return 0;
    const o = units.members[units.memberStart[v]];
    const os = b.start[o];
    if (os < s || os + p.actDuration[o] > s + d) return 0;
    const to = os - s + cur;
    if (!units.allowedMask[v * p.nSlots + to]) return 0;
    st.dayActs[e] = o;
    st.dayStart[e] = to;
    st.dayRoom[e] = os;
  }
  return ne;
}

/**
 * Hard violations with single unit u at s and its ne swap partners (swapPartners) at u's hours, and
 * the same plus u's breakout share when `weighted`; the timetable is left as it was.
 */
function swapHard(st: SchoolState, u: number, s: number, ne: number, weighted: boolean): { hard: number; weighted: number } {
  const b = st.board;
  for (let e = 0; e < ne; e++) {
    st.saveRoom[e] = b.room[st.dayActs[e]];
    b.unplace(st.dayActs[e]);
  }
  moveUnit(st, u, s);
  for (let e = 0; e < ne; e++) {
    const o = st.dayActs[e];
    b.place(o, st.dayStart[e], bestRoom(st, o, st.dayStart[e]));
  }
  const h = b.hard;
  const hw = weighted ? h + breakoutExtra(st, u) : h;
  // undone last change first, so that the Board's undo frames replay every step (undo-frames.ts)
  for (let e = ne - 1; e >= 0; e--) b.unplace(st.dayActs[e]);
  undoUnit(st, u);
  for (let e = ne - 1; e >= 0; e--) b.place(st.dayActs[e], st.dayRoom[e], st.saveRoom[e]);
  return { hard: h, weighted: hw };
}

/** Back to the forward search: one unit of each clash (teacher, students or room) goes back to the pool. */
export function leaveMinConflicts(st: SchoolState): void {
  const { board: b, units, problem: p, rng } = st;
  const n = p.nActivities;
  const off = rng.int(n);
  for (let i = 0; i < n; i++) {
    const a = (off + i) % n;
    if (b.start[a] >= 0 && clashes(st, a)) eject(st, units.unitOf[a]);
  }
  st.phase = PHASE_HARD;
  st.stall = 0;
}

/** Whether placed activity a shares a teacher, subgroup or room slot with another activity. */
function clashes(st: SchoolState, a: number): boolean {
  const { board: b, problem: p } = st;
  const s = b.start[a];
  const d = p.actDuration[a];
  const nSlots = p.nSlots;
  if (p.compulsoryTime) {
    for (let k = p.actTeacherStart[a]; k < p.actTeacherStart[a + 1]; k++) {
      const base = p.actTeachers[k] * nSlots + s;
      for (let h = 0; h < d; h++) if (b.tOcc[base + h] > 1) return true;
    }
    for (let k = p.actSubgroupStart[a]; k < p.actSubgroupStart[a + 1]; k++) {
      const base = p.actSubgroups[k] * nSlots + s;
      for (let h = 0; h < d; h++) if (b.gOcc[base + h] > 1) return true;
    }
  }
  const r = b.room[a];
  if (r >= 0 && p.compulsorySpace) {
    const base = r * nSlots + s;
    for (let h = 0; h < d; h++) if (b.rOcc[base + h] > 1) return true;
  }
  return false;
}
