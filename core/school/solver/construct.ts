/**
 * Hard phase, placing: one step of the iterative forward search takes a unit from the pool and
 * puts it at the start that pushes out the fewest (least often pushed, most mobile) units and
 * breaks the fewest other hard rules, then pushes out what is in its way (repair.ts). With the pool
 * empty it hands over to repair.ts (hard violations left) or to the soft phase (improve.ts).
 */
import { breakoutExtra, ejectRoomSharers, ejectSetPartners, raiseWeights, repairResources, snapshotResources, takeOutConflicted } from "./repair";
import { clashingUnits, eject, fromPool, moveUnit, otherHard, PHASE_SOFT, recordBest, type SchoolState, undoUnit } from "./state";

/**
 * One step of iterative forward search (as FET and UniTime do): take an unplaced unit (the least
 * free of a few sampled), score every allowed start by the units it would push out (more for units
 * pushed out often) and the other hard violations it would cause, then place it at the best start
 * and push out the units in its way. With nothing left to place but hard violations remaining, a
 * unit in a violation is taken out and its start made tabu for a while.
 */
export function ifsStep(st: SchoolState): void {
  const { board: b, units, rng, problem: p } = st;
  if (st.poolSize === 0) {
    if (b.hard === 0) {
      recordBest(st);
      st.phase = PHASE_SOFT;
      st.segmentMove = 0;
      return;
    }
    takeOutConflicted(st);
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
        cost += st.params.ejectionCost + Math.min(st.bumps[x], 64) + (((st.params.ejectionCost * st.params.freedomWeight) / units.freedom[x]) | 0);
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
