/**
 * Sequential 3-opt move with neighbour lists ("Or-3opt", the depth-3 step of Lin–Kernighan;
 * Johnson & McGeoch 1997): from t1 remove (t1,t2), add (t2,t3) with t3 a near neighbour of t2,
 * remove (t3,t4), add (t4,t5) with t5 a near neighbour of t4, remove (t5,t6) and close with (t6,t1).
 * Partial gains must stay positive (the LK gain criterion), so the scan is pruned by the sorted
 * neighbour lists. Both choices of t4 are tried:
 *   - t4 before t3 (the 2-opt closure is valid): t6 is the one neighbour of t5 that keeps a tour;
 *   - t4 after t3 (closing would split off the cycle t2..t3): t5 must lie on t2..t3 and either
 *     neighbour of t5 works; one of them is the pure segment exchange (or-opt of any length, no
 *     reversal), the other reverses both segments.
 * Moves are evaluated from positions only and carried out as two or three 2-opt reversals, so
 * nothing is allocated and a pass costs O(n·k²) evaluations at worst, far less with pruning.
 */
import { activate, move2opt, pred, succ, type LocalSearch } from "./local-search";
import type { TspProblem } from "./problem";

/** Neighbours of t4 tried for t5 (LK's breadth at the second level). */
const BREADTH2 = 5;

/** Is b on the path from a to c (inclusive) walking in direction dir (0: successors, 1: predecessors)? */
function between(ls: LocalSearch, a: number, b: number, c: number, dir: number): boolean {
  const n = ls.n;
  const pa = ls.pos[a];
  let ab = dir === 0 ? ls.pos[b] - pa : pa - ls.pos[b];
  let ac = dir === 0 ? ls.pos[c] - pa : pa - ls.pos[c];
  if (ab < 0) ab += n;
  if (ac < 0) ac += n;
  return ab <= ac;
}

/** First improving sequential 3-opt move from t1 (2-opt closures included); returns its gain or 0. */
export function threeOpt(ls: LocalSearch, problem: TspProblem, t1: number): number {
  const { dist, neighbours, k } = problem;
  const eps = ls.eps;
  if (ls.n < 8) return 0;
  const k2 = Math.min(k, BREADTH2);
  for (let dir = 0; dir < 2; dir++) {
    const next = dir === 0 ? succ : pred;
    const prev = dir === 0 ? pred : succ;
    const t2 = next(ls, t1);
    const g0 = dist(t1, t2);
    const t2next = next(ls, t2);
    for (let i = 0; i < k; i++) {
      const t3 = neighbours[t2 * k + i];
      const g1 = g0 - dist(t2, t3);
      if (g1 <= eps) break;
      if (t3 === t1 || t3 === t2next) continue;
      for (let x4 = 0; x4 < 2; x4++) {
        const t4 = x4 === 0 ? prev(ls, t3) : next(ls, t3);
        if (t4 === t1) continue;
        const g2 = g1 + dist(t3, t4);
        if (x4 === 0 && g2 - dist(t4, t1) > eps) {
          move2opt(ls, t1, t2, t4, t3);
          touch(ls, t1, t2, t3, t4, t4, t4);
          return g2 - dist(t4, t1);
        }
        for (let j = 0; j < k2; j++) {
          const t5 = neighbours[t4 * k + j];
          const g3 = g2 - dist(t4, t5);
          if (g3 <= eps) break;
          if (t5 === t1 || t5 === t3 || t5 === t2) continue;
          if (x4 === 0) {
            // Hamiltonian path t4 → (t2..t4 reversed) → t2 → t3 → … → t1: t6 precedes t5 on it.
            const t6 = between(ls, t2, t5, t4, dir) ? next(ls, t5) : prev(ls, t5);
            if (t6 === t4) continue;
            const gain = g3 + dist(t5, t6) - dist(t6, t1);
            if (gain > eps) {
              move2opt(ls, t1, t2, t4, t3);
              move2opt(ls, t1, t4, t6, t5);
              touch(ls, t1, t2, t3, t4, t5, t6);
              return gain;
            }
          } else {
            if (!between(ls, t2, t5, t3, dir)) continue;
            // t6 after t5: segments X = t2..t5 and Y = t6..t3 swap places (no reversal).
            let t6 = next(ls, t5);
            let gain = g3 + dist(t5, t6) - dist(t6, t1);
            if (gain > eps) {
              move2opt(ls, t1, t2, t5, t6);
              move2opt(ls, t2, t6, t3, t4);
              move2opt(ls, t1, t5, t6, t4);
              touch(ls, t1, t2, t3, t4, t5, t6);
              return gain;
            }
            // t6 before t5: both segments t2..t6 and t5..t3 reversed in place.
            t6 = prev(ls, t5);
            gain = g3 + dist(t5, t6) - dist(t6, t1);
            if (gain > eps) {
              move2opt(ls, t1, t2, t6, t5);
              move2opt(ls, t2, t5, t3, t4);
              touch(ls, t1, t2, t3, t4, t5, t6);
              return gain;
            }
          }
        }
      }
    }
  }
  return 0;
}

function touch(ls: LocalSearch, a: number, b: number, c: number, d: number, e: number, f: number): void {
  activate(ls, a);
  activate(ls, b);
  activate(ls, c);
  activate(ls, d);
  activate(ls, e);
  activate(ls, f);
}
