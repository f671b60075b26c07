/**
 * Hard phase, when the forward search stalls (params.ts `localAfter` iterations without a better
 * best): a min-conflicts tabu search over complete timetables. It starts from the best timetable
 * so far with every unit still unplaced put at its least-violating start, then repeatedly takes a
 * unit in a hard violation and moves it to the start with the fewest hard violations, or swaps it
 * with the one unit of the same length in its way there (a full week of a class leaves no free
 * hour, so only swaps keep it compact). The start a unit leaves is tabu for `tabuTenure`
 * iterations unless a move beats the run's best. After `localLength` iterations without a better
 * run best, the units still clashing go back to the pool and the forward search resumes.
 */
import { type SchoolState, PHASE_HARD, PHASE_LOCAL, PHASE_SOFT, bestRoom, clashingUnits, collectConflicted, eject, fromPool, moveUnit, recordBest, toPool, undoUnit } from "./state";

/** Enter the min-conflicts phase from the best timetable so far (every unit placed). */
export function startMinConflicts(st: SchoolState): void {
  const { board: b, units, problem: p } = st;
  const n = p.nActivities;
  if (Number.isFinite(st.bestHard)) {
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
  for (let k = a0; k < a1; k++) {
    const s = units.allowed[k];
    if (s === cur) continue;
    const tabu = st.tabu[u * nSlots + s] > st.iteration;
    moveUnit(st, u, s);
    const h = b.hard;
    undoUnit(st, u);
    st.evaluations++;
    if (!tabu || h < st.localBest) consider(s, -1, h);
    // the swap: the one unit of the same length starting there takes u's start
    if (!single || clashingUnits(st, u, s) !== 1) continue;
    const v = st.ejected[0];
    const av = units.members[units.memberStart[v]];
    if (units.memberStart[v + 1] - units.memberStart[v] !== 1 || b.start[av] !== s || p.actDuration[av] !== p.actDuration[first] || !units.allowedMask[v * nSlots + cur]) continue;
    const hs = swapHard(st, u, av, s, cur);
    st.evaluations++;
    if (!(tabu || st.tabu[v * nSlots + cur] > st.iteration) || hs < st.localBest) consider(s, v, hs);
  }
  if (bestS < 0) return;
  const tenure = params.tabuTenure;
  st.tabu[u * nSlots + cur] = st.iteration + tenure + rng.int(tenure + 1);
  if (bestV >= 0) {
    const av = units.members[units.memberStart[bestV]];
    b.unplace(av);
    moveUnit(st, u, bestS);
    b.place(av, cur, bestRoom(st, av, cur));
    st.tabu[bestV * nSlots + bestS] = st.iteration + tenure + rng.int(tenure + 1);
  } else moveUnit(st, u, bestS);
  if (b.hard < st.localBest) {
    st.localBest = b.hard;
    st.localStall = 0;
  } else if (++st.localStall > params.localLength) {
    leaveMinConflicts(st);
    return;
  }
  recordBest(st);
}

/** Hard violations with single unit u at s and activity av (at s now) at cur; the timetable is left as it was. */
function swapHard(st: SchoolState, u: number, av: number, s: number, cur: number): number {
  const b = st.board;
  const rv = b.room[av];
  b.unplace(av);
  moveUnit(st, u, s);
  b.place(av, cur, bestRoom(st, av, cur));
  const h = b.hard;
  b.unplace(av);
  undoUnit(st, u);
  b.place(av, s, rv);
  return h;
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
