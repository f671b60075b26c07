/**
 * Hard phase, repairing what a placement broke: teacher / subgroup rules made worse (push out the
 * resource's units whose removal helps, or its lightest other day), hard relations (push out the
 * partners), shared rooms (push out the other occupants); with every unit placed but hard
 * violations left, the unit whose removal helps most is taken out. Optional breakout weighting
 * (params.ts `breakoutCap`): a hard rule that placements keep breaking weighs more.
 */
import { collectConflicted, eject, otherHard, PHASE_SOFT, type SchoolState } from "./state";

/**
 * The breakout share of unit u's hard teacher / subgroup violations: Σ (weight − 1) × violations
 * over the instances of its members' teachers and subgroups. Added to `otherHard`, a rule that
 * stays violated weighs more each time, so a plateau (one unplaced unit traded for one violation)
 * tilts towards the placements that break rules less often broken.
 */
export function breakoutExtra(st: SchoolState, u: number): number {
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
export function raiseWeights(st: SchoolState, u: number): void {
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

/** Remember the violations of the hard teacher / subgroup instances of u's members (into st.resList / st.resPrev). */
export function snapshotResources(st: SchoolState, u: number): number {
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
export function repairResources(st: SchoolState, u: number, n: number): void {
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
export function ejectSetPartners(st: SchoolState, u: number): void {
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
export function ejectRoomSharers(st: SchoolState, u: number): void {
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

/**
 * Every unit placed but hard violations left: among a few units in hard violations, take out the
 * one whose removal lowers the other hard violations most, after trying to repair its violated
 * teacher / subgroup rules by pushing out others; its start stays tabu for `tabuTenure` iterations.
 */
export function takeOutConflicted(st: SchoolState): void {
  const { board: b, units, rng, problem: p } = st;
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
}
