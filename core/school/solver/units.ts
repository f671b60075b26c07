/**
 * Move units: activities that must start together (100% ActivitiesSameStartingTime, directly or
 * through a chain) move as one unit. For each unit: the starts every member fits at (and, when
 * some exist, only those without a unary hard violation), candidate rooms per activity, and the
 * construction order (hardest first).
 */
import type { SchoolProblem } from "../problem";

export interface Units {
  count: number;
  unitOf: Int32Array;
  memberStart: Int32Array;
  members: Int32Array;
  allowedStart: Int32Array;
  allowed: Int32Array;
  /** Per activity: rooms without a unary hard violation (all rooms when none). */
  roomStart: Int32Array;
  rooms: Int32Array;
  /** Units in construction order: fewest allowed starts first, then most resource-hours. */
  order: Int32Array;
  maxMembers: number;
  /** CSR: activities of teacher t / subgroup g (to find who occupies a slot). */
  teacherActStart: Int32Array;
  teacherActs: Int32Array;
  subgroupActStart: Int32Array;
  subgroupActs: Int32Array;
  /** Number of allowed starts per unit (difficulty). */
  freedom: Int32Array;
  /** 1 where unit u may start at slot s (u * nSlots + s). */
  allowedMask: Uint8Array;
}

export function buildUnits(p: SchoolProblem): Units {
  const n = p.nActivities;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const set of p.sets) {
    if (!set.sameStart || set.weight < 100) continue;
    const acts = set.activities;
    for (let i = 1; i < acts.length; i++) parent[find(acts[i])] = find(acts[0]);
  }
  const nSlots = p.nSlots;
  const groups = new Map<number, number[]>();
  for (let a = 0; a < n; a++) {
    const r = find(a);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(a);
  }
  // A linked group with no common start that fits every member is split back into singletons.
  const lists: number[][] = [];
  for (const g of groups.values()) {
    if (g.length > 1 && commonStarts(p, g, false).length === 0) for (const a of g) lists.push([a]);
    else lists.push(g);
  }
  lists.sort((x, y) => x[0] - y[0]);
  const count = lists.length;
  const unitOf = new Int32Array(n);
  const memberStart = new Int32Array(count + 1);
  const members: number[] = [];
  const allowedStart = new Int32Array(count + 1);
  const allowed: number[] = [];
  let maxMembers = 1;
  lists.forEach((g, u) => {
    memberStart[u] = members.length;
    for (const a of g) {
      unitOf[a] = u;
      members.push(a);
    }
    maxMembers = Math.max(maxMembers, g.length);
    allowedStart[u] = allowed.length;
    const strict = commonStarts(p, g, true);
    for (const s of strict.length ? strict : commonStarts(p, g, false)) allowed.push(s);
  });
  memberStart[count] = members.length;
  allowedStart[count] = allowed.length;
  const nRooms = p.rooms.length;
  const roomStart = new Int32Array(n + 1);
  const rooms: number[] = [];
  for (let a = 0; a < n; a++) {
    roomStart[a] = rooms.length;
    if (!p.needsRoom[a]) continue;
    const ok: number[] = [];
    for (let r = 0; r < nRooms; r++) if (p.roomHard[a * nRooms + r] === 0) ok.push(r);
    if (ok.length === 0) for (let r = 0; r < nRooms; r++) ok.push(r);
    for (const r of ok) rooms.push(r);
  }
  roomStart[n] = rooms.length;
  const weightOf = (u: number) => {
    let w = 0;
    for (let k = memberStart[u]; k < memberStart[u + 1]; k++) {
      const a = members[k];
      w += p.actDuration[a] * (p.actTeacherStart[a + 1] - p.actTeacherStart[a] + p.actSubgroupStart[a + 1] - p.actSubgroupStart[a] + 1);
    }
    return w;
  };
  const order = Int32Array.from({ length: count }, (_, u) => u).sort((x, y) => {
    const fx = allowedStart[x + 1] - allowedStart[x];
    const fy = allowedStart[y + 1] - allowedStart[y];
    return fx - fy || weightOf(y) - weightOf(x) || x - y;
  });
  void nSlots;
  const inverse = (count: number, keyStart: Int32Array, keys: Int32Array) => {
    const start = new Int32Array(count + 1);
    for (let a = 0; a < n; a++) for (let k = keyStart[a]; k < keyStart[a + 1]; k++) start[keys[k] + 1]++;
    for (let i = 0; i < count; i++) start[i + 1] += start[i];
    const fill = start.slice(0, count);
    const list = new Int32Array(start[count]);
    for (let a = 0; a < n; a++) for (let k = keyStart[a]; k < keyStart[a + 1]; k++) list[fill[keys[k]]++] = a;
    return { start, list };
  };
  const ta = inverse(p.teachers.length, p.actTeacherStart, p.actTeachers);
  const ga = inverse(p.subgroups.length, p.actSubgroupStart, p.actSubgroups);
  return {
    teacherActStart: ta.start,
    teacherActs: ta.list,
    subgroupActStart: ga.start,
    subgroupActs: ga.list,
    freedom: Int32Array.from({ length: count }, (_, u) => allowedStart[u + 1] - allowedStart[u]),
    allowedMask: (() => {
      const m = new Uint8Array(count * p.nSlots);
      for (let u = 0; u < count; u++) for (let k = allowedStart[u]; k < allowedStart[u + 1]; k++) m[u * p.nSlots + allowed[k]] = 1;
      return m;
    })(),
    count,
    unitOf,
    memberStart,
    members: Int32Array.from(members),
    allowedStart,
    allowed: Int32Array.from(allowed),
    roomStart,
    rooms: Int32Array.from(rooms),
    order,
    maxMembers,
  };
}

/** Starts where every member fits in the day (and, if `strict`, has no unary hard violation). */
function commonStarts(p: SchoolProblem, group: number[], strict: boolean): number[] {
  const out: number[] = [];
  for (let s = 0; s < p.nSlots; s++) {
    let ok = true;
    for (const a of group) {
      const i = a * p.nSlots + s;
      if (!p.fits[i] || (strict && p.startHard[i] > 0)) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(s);
  }
  return out;
}
