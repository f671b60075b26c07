/**
 * `problemDifferences(a, b)`: where two compiled SchoolProblems differ — every typed array and
 * name list, the counts, and each constraint instance's shape, weight, type and activities (the
 * start / room instances also through the tables they fill: startHard, roomSoft, …).
 * `verdictDifferences(a, b)` compares what both say about a few random timetables
 * (evaluateSchool: hard, soft and each constraint's violations), which exercises the
 * resource, set and tally instances' functions too.
 * Any list of instances (`instances`, `resources`, `sets`, `tallies`, …: arrays of objects with a
 * `shape`) is compared by signature, so lists added to SchoolProblem later are covered too.
 * Used by the round-trip test (model.test.ts) and bench/fet-roundtrip.ts. Empty = identical.
 */
import { evaluateSchool } from "../evaluate";
import type { FetConstraint, FetInput, FetNode } from "../fet/types";
import type { SchoolProblem } from "../problem";

/** Not compiled data: the source text and the input it was read into. */
const SKIP = new Set(["text", "input"]);

const isInstanceList = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.length > 0 && typeof v[0] === "object" && v[0] !== null && "shape" in v[0];

export function problemDifferences(a: SchoolProblem, b: SchoolProblem, limit = 10): string[] {
  const out: string[] = [];
  const rec = a as unknown as Record<string, unknown>;
  const other = b as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(rec), ...Object.keys(other)])) {
    if (SKIP.has(key)) continue;
    if (isInstanceList(rec[key]) || isInstanceList(other[key])) {
      instanceDifferences(key, rec[key] as Record<string, unknown>[], other[key] as Record<string, unknown>[], out, limit);
      continue;
    }
    const why = differs(rec[key], other[key]);
    if (why) out.push(`${key}: ${why}`);
    if (out.length >= limit) return out;
  }
  return out;
}

function instanceDifferences(key: string, x: Record<string, unknown>[] | undefined, y: Record<string, unknown>[] | undefined, out: string[], limit: number): void {
  if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) {
    out.push(`${key}: ${Array.isArray(x) ? x.length : "none"} vs ${Array.isArray(y) ? y.length : "none"} instances`);
    return;
  }
  const sig = (r: Record<string, unknown>) => {
    const s = r.source as { type: string; list: string; index: number };
    return JSON.stringify([r.shape, r.weight, r.kind, r.resource, r.room, r.sameStart, r.home, s.type, s.list, s.index]);
  };
  for (let i = 0; i < x.length && out.length < limit; i++) {
    const ps = sig(x[i]);
    const qs = sig(y[i]);
    if (ps !== qs) out.push(`${key}[${i}]: ${ps} vs ${qs}`);
    const acts = differs(x[i].activities, y[i].activities);
    if (acts) out.push(`${key}[${i}].activities: ${acts}`);
  }
}

function differs(x: unknown, y: unknown): string | undefined {
  if (ArrayBuffer.isView(x) || ArrayBuffer.isView(y)) {
    if (!ArrayBuffer.isView(x) || !ArrayBuffer.isView(y) || x.constructor !== y.constructor) return "different kinds of array";
    const p = x as unknown as ArrayLike<number>;
    const q = y as unknown as ArrayLike<number>;
    if (p.length !== q.length) return `length ${p.length} vs ${q.length}`;
    for (let i = 0; i < p.length; i++) if (!Object.is(p[i], q[i])) return `[${i}] ${p[i]} vs ${q[i]}`;
    return undefined;
  }
  if (Array.isArray(x) && Array.isArray(y)) {
    if (x.length !== y.length) return `length ${x.length} vs ${y.length}`;
    for (let i = 0; i < x.length; i++) {
      const why = differs(x[i], y[i]);
      if (why) return `[${i}] ${why}`;
    }
    return undefined;
  }
  const sx = JSON.stringify(x);
  const sy = JSON.stringify(y);
  return sx === sy ? undefined : `${short(sx)} vs ${short(sy)}`;
}

const short = (s: string | undefined) => (s === undefined ? "undefined" : s.length > 80 ? s.slice(0, 80) + "…" : s);

/** Evaluate both problems on `tries` random timetables (same seed) and report where they disagree. */
export function verdictDifferences(a: SchoolProblem, b: SchoolProblem, tries = 3, seed = 1): string[] {
  if (a.nActivities !== b.nActivities || a.nSlots !== b.nSlots || a.rooms.length !== b.rooms.length) return ["different sizes"];
  let x = seed >>> 0 || 1;
  const rand = (n: number) => {
    // xorshift32: reproducible, no allocation
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
  const out: string[] = [];
  for (let k = 0; k < tries; k++) {
    const start = new Int32Array(a.nActivities);
    const room = new Int32Array(a.nActivities);
    for (let i = 0; i < a.nActivities; i++) {
      let s = rand(a.nSlots);
      for (let j = 0; j < a.nSlots && !a.fits[i * a.nSlots + s]; j++) s = (s + 1) % a.nSlots;
      start[i] = a.fits[i * a.nSlots + s] ? s : -1;
      room[i] = a.rooms.length && a.needsRoom[i] ? rand(a.rooms.length) : -1;
    }
    const p = evaluateSchool(a, { start, room });
    const q = evaluateSchool(b, { start, room });
    const sum = (e: typeof p) => JSON.stringify([e.hard, e.soft, e.unplaced, e.noRoom, e.clashes, e.roomClashes, e.constraints.map((c) => [c.type, c.weight, c.violations])]);
    if (sum(p) !== sum(q)) out.push(`timetable ${k + 1}: hard ${p.hard} vs ${q.hard}, soft ${p.soft} vs ${q.soft}`);
  }
  return out;
}

/**
 * Constraint elements that do not state the same thing: type, weight, active flag and, for every
 * other child name, the same values in the same order (nested elements compared the same way;
 * the order between different names and Comments do not matter to FET or to the compiler).
 * This covers the types the compiler does not support, which `problemDifferences` cannot see.
 */
export function constraintDifferences(a: FetConstraint[], b: FetConstraint[], limit = 10): string[] {
  const out: string[] = [];
  if (a.length !== b.length) return [`${a.length} vs ${b.length} constraints`];
  for (let i = 0; i < a.length && out.length < limit; i++) {
    const x = a[i];
    const y = b[i];
    const p = JSON.stringify([x.type, x.weight, x.active, canonical(x.node, true)]);
    const q = JSON.stringify([y.type, y.weight, y.active, canonical(y.node, true)]);
    if (p !== q) out.push(`${x.path}: ${p.length > 160 ? p.slice(0, 160) + "…" : p} vs ${q.length > 160 ? q.slice(0, 160) + "…" : q}`);
  }
  return out;
}

const IGNORED = new Set(["Weight_Percentage", "Active", "Comments"]);

function canonical(node: FetNode, top = false): unknown {
  if (node.children.length === 0) return node.text;
  const byName = new Map<string, unknown[]>();
  for (const c of node.children) {
    if (top && IGNORED.has(c.name)) continue;
    let l = byName.get(c.name);
    if (!l) byName.set(c.name, (l = []));
    l.push(canonical(c));
  }
  return [...byName].sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0));
}

/**
 * Two read `.fet` inputs that do not state the same school: names, students, rooms, activities
 * (positions in the file aside) and every constraint element (constraintDifferences). For files
 * the compiler refuses, this is the round-trip check that is left.
 */
export function inputDifferences(a: FetInput, b: FetInput, limit = 10): string[] {
  const out: string[] = [];
  const plain = (x: FetInput) => ({
    institution: x.institution,
    days: x.days,
    hours: x.hours,
    subjects: x.subjects,
    activityTags: x.activityTags,
    teachers: x.teachers,
    years: x.years,
    buildings: x.buildings,
    rooms: x.rooms.map(({ line: _l, column: _c, ...r }) => r),
    activities: x.activities.map(({ line: _l, column: _c, path: _p, totalDuration: _t, ...r }) => r),
  });
  const p = plain(a) as Record<string, unknown>;
  const q = plain(b) as Record<string, unknown>;
  for (const key of Object.keys(p)) {
    const why = differs(p[key], q[key]);
    if (why) out.push(`${key}: ${why}`);
  }
  out.push(...constraintDifferences([...a.timeConstraints, ...a.spaceConstraints], [...b.timeConstraints, ...b.spaceConstraints], limit));
  return out.slice(0, limit);
}
