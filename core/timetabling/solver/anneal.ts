/**
 * Simulated annealing over the Move/Swap neighbourhood (Ceschia, Di Gaspero & Schaerf's
 * "MoveSwap"): pick a movable lecture and a target (period, room); if the room is free there the
 * lecture moves, otherwise it swaps with the occupant. Targets are mostly uniform, but some keep
 * the lecture's room (room stability) and some sit next to a curriculum mate's lecture on the same
 * day (curriculum compactness), the two soft costs uniform moves repair slowest. Moves that would break a hard constraint are
 * rejected before any cost work, so the search stays feasible; the soft delta comes from the
 * Board's incremental counters (apply, read delta, undo if rejected).
 */
import type { Rng } from "../../engine/random";
import type { Board } from "./board";
import { kempeMove } from "./kempe";

/** The best timetable a search segment has seen. */
export interface Incumbent {
  hard: number;
  soft: number;
  period: Int16Array;
  room: Int16Array;
}

export function record(b: Board, best: Incumbent): void {
  if (b.nFree < best.hard || (b.nFree === best.hard && b.soft < best.soft)) {
    best.hard = b.nFree;
    best.soft = b.soft;
    best.period.set(b.period);
    best.room.set(b.room);
  }
}

/** Share of Move/Swap targets chosen next to a curriculum mate (the rest are uniform periods). */
const COMPACT_RATE = 0.2;
/** Share of Move/Swap targets that keep the lecture's room (period-only moves). */
const KEEP_ROOM_RATE = 0.3;

/**
 * A period adjacent (same day) to a lecture of another course sharing a curriculum with course c,
 * or -1 when c has no curriculum or the pick has no such neighbour.
 */
function nextToCurriculum(b: Board, rng: Rng, c: number): number {
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
 * Run `n` moves at temperature T; every move tried counts as one evaluation.
 * `kempeRate` is the share of moves that are Kempe-chain moves (0 disables them).
 */
export function anneal(b: Board, rng: Rng, n: number, T: number, kempeRate: number, best: Incumbent): void {
  const mv = b.movable;
  const nm = mv.length;
  if (nm === 0) return;
  const P = b.P;
  const R = b.R;
  const lc = b.pr.lectureCourse;
  const invT = 1 / T;
  for (let i = 0; i < n; i++) {
    if (kempeRate > 0 && rng.float() < kempeRate) {
      if (kempeMove(b, rng, T)) record(b, best);
      continue;
    }
    const l = mv[rng.int(nm)];
    const p = b.period[l];
    if (p < 0) continue;
    const r = b.room[l];
    // Target slot: mostly uniform (p2, r2); some moves keep the room (room stability), and some
    // aim next to another lecture of one of the lecture's curricula (curriculum compactness).
    const u = rng.float();
    let p2 = -1;
    let r2 = r;
    if (u < COMPACT_RATE) p2 = nextToCurriculum(b, rng, lc[l]);
    if (p2 < 0) p2 = rng.int(P);
    if (u >= COMPACT_RATE + KEEP_ROOM_RATE || (u < COMPACT_RATE && rng.float() < 0.5)) r2 = rng.int(R);
    if (p2 === p && r2 === r) continue;
    const o = b.roomAt[r2 * P + p2];
    if (o < 0) {
      if (!b.feasible(l, p2, r2, l, -1)) continue;
      const delta = b.remove(l) + b.place(l, p2, r2);
      if (delta <= 0 || rng.float() < Math.exp(-delta * invT)) {
        if (delta < 0) record(b, best);
      } else {
        b.remove(l);
        b.place(l, p, r);
      }
    } else {
      if (b.fixed[o] || lc[o] === lc[l]) continue;
      if (!b.feasible(l, p2, r2, l, o) || !b.feasible(o, p, r, l, o)) continue;
      const delta = b.remove(l) + b.remove(o) + b.place(l, p2, r2) + b.place(o, p, r);
      if (delta <= 0 || rng.float() < Math.exp(-delta * invT)) {
        if (delta < 0) record(b, best);
      } else {
        b.remove(l);
        b.remove(o);
        b.place(l, p, r);
        b.place(o, p2, r2);
      }
    }
  }
}
