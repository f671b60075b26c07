/**
 * Simulated annealing over the Move/Swap neighbourhood (Ceschia, Di Gaspero & Schaerf's
 * "MoveSwap"): pick a movable lecture and a target (period, room); if the room is free there the
 * lecture moves, otherwise it swaps with the occupant. Targets are mostly uniform, but some keep
 * the lecture's room (room stability), some take a lecture isolated in a curriculum next to a
 * curriculum mate's lecture on the same day (curriculum compactness), and some go to a day the
 * course lacks (minimum working days); a few moves are Kempe chains (kempe.ts) or course-room
 * moves (moves.ts). Moves that would break a hard constraint are rejected before any cost work,
 * so the search stays feasible; the soft delta comes from the Board's incremental counters
 * (apply, read delta, undo if rejected).
 */
import type { Rng } from "../../engine/random";
import type { Board } from "./board";
import { kempeMove } from "./kempe";
import { clashes, courseRoomMove, freeRoomAt, isolatedLecture, missingDayPeriod, nextToCurriculum } from "./moves";

/** The best timetable a search segment has seen. */
export interface Incumbent {
  hard: number;
  soft: number;
  period: Int16Array;
  room: Int16Array;
}

/** Keep the board's timetable in `best` if it is conflict-free and better. */
export function record(b: Board, best: Incumbent): void {
  if (b.conflicts > 0) return;
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
/** Share of moves that are course-room moves (moves.ts, room stability). */
export const COURSE_ROOM_RATE = 0.03;
/** Extra picks a compactness-aimed move makes to find a lecture isolated in one of its curricula. */
const ISOLATED_PICKS = 2;
/** Share of Move/Swap targets put on a day the course lacks, when the lecture's course is short of days. */
const MISSING_DAY_RATE = 0.5;

/**
 * Run `n` moves at temperature T; every move tried counts as one evaluation.
 * `kempeRate` is the share of moves that are Kempe-chain moves (0 disables them).
 * `hardWeight` 0 keeps every hard constraint (a move that would break one is not tried); above 0
 * the search is relaxed: Move/Swap need only be `placeable` (Board), curriculum and instructor
 * conflicts are allowed, and each conflict unit costs `hardWeight` in the move's delta. Only
 * conflict-free timetables are recorded as the best.
 * With `feasibleTargets` (strict search only), a Move/Swap target is made feasible before it is
 * tried, for nearly full rooms: a target period where a lecture clashes with the moving one
 * (`clashes`) is given up at once, and when the target room's occupant cannot take the moving
 * lecture's place, the lecture takes a free room of the target period instead (`freeRoomAt`).
 * Without it, most uniform targets in full rooms are occupied by a lecture that cannot swap, and
 * the move is lost.
 * `dayWeight` (temperature.ts `missingDayWeightAt`; 0 by default) is added per working day a move loses
 * (subtracted per day gained) when the move is judged; what is recorded is the real cost.
 */
export function anneal(b: Board, rng: Rng, n: number, T: number, kempeRate: number, best: Incumbent, hardWeight = 0, feasibleTargets = false, dayWeight = 0): void {
  const mv = b.movable;
  const nm = mv.length;
  if (nm === 0) return;
  const P = b.P;
  const R = b.R;
  const lc = b.pr.lectureCourse;
  const invT = 1 / T;
  const relaxed = hardWeight > 0;
  for (let i = 0; i < n; i++) {
    if (kempeRate > 0 && rng.float() < kempeRate) {
      if (kempeMove(b, rng, T, hardWeight, dayWeight)) record(b, best);
      continue;
    }
    const u = rng.float();
    let l = mv[rng.int(nm)];
    if (u < COURSE_ROOM_RATE) {
      // Only courses spread over several rooms: elsewhere the move costs a full pass for nothing.
      if (b.period[l] >= 0 && b.roomsUsed[lc[l]] > 1 && courseRoomMove(b, rng, l, T) < 0) record(b, best);
      continue;
    }
    let p = b.period[l];
    if (p < 0) continue;
    // Target slot: mostly uniform (p2, r2); some moves keep the room (room stability), some
    // take a lecture isolated in one of its curricula next to another lecture of that curriculum
    // (curriculum compactness), and a lecture of a course short of working days may go to a day
    // the course lacks (minimum working days).
    let p2 = -1;
    if (u < COURSE_ROOM_RATE + COMPACT_RATE) {
      for (let k = 0; k < ISOLATED_PICKS && !isolatedLecture(b, l, p); k++) {
        const m = mv[rng.int(nm)];
        if (b.period[m] < 0) continue;
        l = m;
        p = b.period[m];
      }
      p2 = nextToCurriculum(b, rng, lc[l]);
    } else {
      const c = lc[l];
      if (b.daysUsed[c] < b.pr.courseMinDays[c] && rng.float() < MISSING_DAY_RATE) p2 = missingDayPeriod(b, rng, c, (p / b.S) | 0);
    }
    const r = b.room[l];
    let r2 = r;
    if (p2 < 0) p2 = rng.int(P);
    const v = u - COURSE_ROOM_RATE;
    if (v >= COMPACT_RATE + KEEP_ROOM_RATE || (v < COMPACT_RATE && rng.float() < 0.5)) r2 = rng.int(R);
    if (p2 === p && r2 === r) continue;
    let o = b.roomAt[r2 * P + p2];
    if (feasibleTargets && !relaxed) {
      if (clashes(b, l, p2)) continue;
      if (o >= 0 && (b.fixed[o] || lc[o] === lc[l] || !b.feasible(o, p, r, l, o))) {
        r2 = freeRoomAt(b, rng, lc[l], p2);
        if (r2 < 0) continue;
        o = -1;
      }
    }
    const k0 = b.conflicts;
    const m0 = b.missingDays;
    if (o < 0) {
      if (!(relaxed ? b.placeable(l, p2, r2, l, -1) : b.feasible(l, p2, r2, l, -1))) continue;
      const delta = b.remove(l) + b.place(l, p2, r2) + hardWeight * (b.conflicts - k0);
      const judged = delta + dayWeight * (b.missingDays - m0);
      if (judged <= 0 || rng.float() < Math.exp(-judged * invT)) {
        if (delta < 0 || b.conflicts < k0) record(b, best);
      } else {
        b.remove(l);
        b.place(l, p, r);
      }
    } else {
      if (b.fixed[o] || lc[o] === lc[l]) continue;
      if (relaxed ? !b.placeable(l, p2, r2, l, o) || !b.placeable(o, p, r, l, o) : !b.feasible(l, p2, r2, l, o) || !b.feasible(o, p, r, l, o)) continue;
      const delta = b.remove(l) + b.remove(o) + b.place(l, p2, r2) + b.place(o, p, r) + hardWeight * (b.conflicts - k0);
      const judged = delta + dayWeight * (b.missingDays - m0);
      if (judged <= 0 || rng.float() < Math.exp(-judged * invT)) {
        if (delta < 0 || b.conflicts < k0) record(b, best);
      } else {
        b.remove(l);
        b.remove(o);
        b.place(l, p, r);
        b.place(o, p2, r2);
      }
    }
  }
}
