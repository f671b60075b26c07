/**
 * Moves aimed at one soft cost each, used by the annealing (anneal.ts) next to Move/Swap:
 *
 * - `courseRoomMove` (room stability): every lecture of one course goes to one room, at the same
 *   periods, swapping rooms with whatever lecture sits there. Periods do not change, so no
 *   conflict can appear; only the rooms' suitability and availability are checked.
 * - `missingDayPeriod` (minimum working days): for a lecture of a course that lacks working days
 *   and shares its day with another lecture of the course, a period on a day the course lacks.
 * - `isolatedLecture` (curriculum compactness): a lecture that has no curriculum mate next to it
 *   on its day, for the compactness-aimed targets of Move/Swap and Kempe chains.
 * - `nextToCurriculum` (curriculum compactness): a period next to a curriculum mate's lecture.
 * - `clashes` and `freeRoomAt` (feasible targets, for full rooms): whether a lecture keeps a lecture
 *   out of a period, and a free room a lecture may use.
 *
 * Each is tried and accepted under the same annealing rule as Move/Swap, and counts as one
 * evaluation.
 */
import type { Rng } from "../../engine/random";
import type { Board } from "./board";

const scratch = new WeakMap<Board, { lec: Int16Array; occ: Int16Array; from: Int16Array }>();

function scratchOf(b: Board) {
  let s = scratch.get(b);
  if (!s) {
    const L = Math.max(1, b.period.length);
    s = { lec: new Int16Array(L), occ: new Int16Array(L), from: new Int16Array(L) };
    scratch.set(b, s);
  }
  return s;
}

/** Can course c's lecture use room r in period p (suitability, availability; the slot is being freed or swapped)? */
function roomFits(b: Board, c: number, r: number, p: number): boolean {
  const pr = b.pr;
  return pr.courseRoomAllowed[c * b.R + r] === 1 && pr.roomUnavailable[r * b.P + p] === 0;
}

/**
 * Room-stability move: put every movable lecture of lecture `l`'s course in one room (half the
 * time a room the course already uses, else any room), each at its own period; a lecture that
 * finds the room taken swaps rooms with the occupant when both fit. Accepted under the annealing
 * rule at temperature T; returns the soft delta when applied, NaN when rejected (undone) or when
 * nothing could change.
 */
export function courseRoomMove(b: Board, rng: Rng, l: number, T: number): number {
  const pr = b.pr;
  const P = b.P;
  const c = pr.lectureCourse[l];
  const first = pr.courseFirstLecture[c];
  const n = pr.courseLectures[c];
  const target = rng.float() < 0.5 ? b.room[first + rng.int(n)] : rng.int(b.R);
  if (target < 0) return Number.NaN;
  const s = scratchOf(b);
  let k = 0;
  let delta = 0;
  for (let x = first; x < first + n; x++) {
    const p = b.period[x];
    const r = b.room[x];
    if (p < 0 || r === target || b.fixed[x] || !roomFits(b, c, target, p)) continue;
    const o = b.roomAt[target * P + p];
    if (o >= 0 && (b.fixed[o] || !roomFits(b, pr.lectureCourse[o], r, p))) continue;
    delta += b.remove(x);
    if (o >= 0) {
      delta += b.remove(o);
      delta += b.place(o, p, r);
    }
    delta += b.place(x, p, target);
    s.lec[k] = x;
    s.occ[k] = o;
    s.from[k] = r;
    k++;
  }
  if (k === 0) return Number.NaN;
  if (delta <= 0 || rng.float() < Math.exp(-delta / T)) return delta;
  // Undo in reverse order: each lecture back to its room, each occupant back to the target room.
  for (let i = k - 1; i >= 0; i--) {
    const x = s.lec[i];
    const o = s.occ[i];
    const p = b.period[x];
    b.remove(x);
    if (o >= 0) {
      b.remove(o);
      b.place(o, p, target);
    }
    b.place(x, p, s.from[i]);
  }
  return Number.NaN;
}

/**
 * A period on a day course c has no lecture on, for a lecture on day `d` when c is short of
 * working days and has another lecture on day d (moving it there gains a day and loses none);
 * -1 otherwise or when a few random picks find no such day.
 */
export function missingDayPeriod(b: Board, rng: Rng, c: number, d: number): number {
  const D = b.D;
  if (b.daysUsed[c] >= b.pr.courseMinDays[c] || b.dayCount[c * D + d] < 2) return -1;
  for (let tries = 0; tries < 4; tries++) {
    const d2 = rng.int(D);
    if (b.dayCount[c * D + d2] === 0) return d2 * b.S + rng.int(b.S);
  }
  return -1;
}

/** True when lecture `l` (assigned, period p) is isolated in at least one of its curricula. */
export function isolatedLecture(b: Board, l: number, p: number): boolean {
  const pr = b.pr;
  const qs = pr.courseCurricula[pr.lectureCourse[l]];
  const s = p % b.S;
  const cc = b.currCount;
  for (let i = 0; i < qs.length; i++) {
    const base = qs[i] * b.P;
    if ((s === 0 || cc[base + p - 1] === 0) && (s === b.S - 1 || cc[base + p + 1] === 0)) return true;
  }
  return false;
}

/**
 * A period adjacent (same day) to a lecture of another course sharing a curriculum with course c,
 * or -1 when c has no curriculum or the pick has no such neighbour.
 */
export function nextToCurriculum(b: Board, rng: Rng, c: number): number {
  const pr = b.pr;
  const qs = pr.courseCurricula[c];
  if (qs.length === 0) return -1;
  const courses = pr.curriculumCourses[qs[rng.int(qs.length)]];
  const c2 = courses[rng.int(courses.length)];
  if (c2 === c || pr.courseLectures[c2] === 0) return -1;
  const p = b.period[pr.courseFirstLecture[c2] + rng.int(pr.courseLectures[c2])];
  if (p < 0) return -1;
  const s = p % b.S;
  const up = rng.float() < 0.5 ? s + 1 < b.S : s === 0;
  if (up) return s + 1 < b.S ? p + 1 : -1;
  return p - 1;
}

/**
 * Whether a lecture in period p keeps lecture `l` out of it (core/timetabling/test/clash-at.ts names it), from the
 * board's per-period counts of l's curricula and instructor instead of the list of conflicting
 * courses: a lecture of the same course other than l, or a lecture of another course of one of
 * l's curricula or of l's instructor. For a board without conflicts (the strict search).
 */
export function clashes(b: Board, l: number, p: number): boolean {
  const pr = b.pr;
  const P = b.P;
  const c = pr.lectureCourse[l];
  const own = b.courseAt[c * P + p];
  if (own >= 0 && own !== l) return true;
  // l itself, when it sits in p, is in the counts of its curricula and instructor.
  const self = own >= 0 ? 1 : 0;
  const qs = pr.courseCurricula[c];
  for (let i = 0; i < qs.length; i++) if (b.currCount[qs[i] * P + p] > self) return true;
  const t = pr.courseInstructor[c];
  return t >= 0 && b.instrCount[t * P + p] > self;
}

/**
 * A free room course c may use in period p (suitable, available, no lecture in it), picked
 * uniformly among them; -1 when there is none.
 */
export function freeRoomAt(b: Board, rng: Rng, c: number, p: number): number {
  const pr = b.pr;
  const P = b.P;
  const R = b.R;
  let chosen = -1;
  let seen = 0;
  for (let r = 0; r < R; r++) {
    if (b.roomAt[r * P + p] >= 0 || pr.roomUnavailable[r * P + p] || pr.courseRoomAllowed[c * R + r] !== 1) continue;
    // Reservoir sampling: the k-th free room replaces the choice with probability 1/k.
    if (rng.int(++seen) === 0) chosen = r;
  }
  return chosen;
}
