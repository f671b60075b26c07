/**
 * Simulated annealing over the Move/Swap neighbourhood (Ceschia, Di Gaspero & Schaerf's
 * "MoveSwap"): pick a movable lecture and a random (period, room); if the room is free there the
 * lecture moves, otherwise it swaps with the occupant. Moves that would break a hard constraint are
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
    const p2 = rng.int(P);
    const r2 = rng.int(R);
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
