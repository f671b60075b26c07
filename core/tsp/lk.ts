/**
 * A compact Lin–Kernighan step (Lin & Kernighan 1973, in the array-with-flips form of Applegate,
 * Bixby, Chvátal & Cook): from t1, remove (t1,t2) and repeatedly add the edge (last,t3) to a near
 * neighbour t3 of the current chain end and remove (t4,t3), t4 the neighbour of t3 that keeps a
 * Hamiltonian cycle, so every step is a real 2-opt flip of the array. The chain follows the
 * greediest choice (largest d(t3,t4) − d(last,t3)) while the partial gain stays positive, never
 * removes an edge it added, and stops at MAX_DEPTH; the best closing point along the chain is kept
 * and the flips after it are undone. Used after 2-opt, Or-opt and 3-opt found nothing from t1, so it
 * only adds the deeper sequential moves (depth 4 and more).
 */
import { activate, move2opt, pred, succ, type LocalSearch } from "./local-search";
import type { TspProblem } from "./problem";

const MAX_DEPTH = 8;
/** Candidates tried for t3 at each level (nearest first). */
const BREADTH = 5;

export interface LkScratch {
  /** Chain ends after each flip: (t4) and the matching (t3), for undo and tabu checks. */
  ends: Int32Array;
  adds: Int32Array;
}

export function createLkScratch(): LkScratch {
  return { ends: new Int32Array(MAX_DEPTH + 1), adds: new Int32Array(2 * MAX_DEPTH) };
}

function added(sc: LkScratch, depth: number, a: number, b: number): boolean {
  for (let i = 0; i < depth; i++) {
    const x = sc.adds[2 * i];
    const y = sc.adds[2 * i + 1];
    if ((x === a && y === b) || (x === b && y === a)) return true;
  }
  return false;
}

/** Best LK chain from t1 (both directions); applies it and returns its gain, or 0 with the tour unchanged. */
export function lkMove(ls: LocalSearch, problem: TspProblem, t1: number, sc: LkScratch): number {
  const { dist, neighbours, k } = problem;
  const eps = ls.eps;
  if (ls.n < 8) return 0;
  const kb = Math.min(k, BREADTH);
  for (let dir = 0; dir < 2; dir++) {
    const t2 = dir === 0 ? succ(ls, t1) : pred(ls, t1);
    let g = dist(t1, t2);
    let last = t2;
    let best = 0;
    let bestDepth = 0;
    let depth = 0;
    sc.ends[0] = t2;
    while (depth < MAX_DEPTH) {
      const fwd = succ(ls, t1) === last;
      const lastNext = fwd ? succ(ls, last) : pred(ls, last);
      let t3 = -1;
      let t4 = -1;
      let score = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < kb; i++) {
        const c = neighbours[last * k + i];
        const g1 = g - dist(last, c);
        if (g1 <= eps) break;
        if (c === t1 || c === lastNext) continue;
        const d = fwd ? pred(ls, c) : succ(ls, c);
        if (d === last || added(sc, depth, c, d)) continue;
        const sc1 = dist(c, d) - dist(last, c);
        if (sc1 > score) {
          score = sc1;
          t3 = c;
          t4 = d;
        }
      }
      if (t3 < 0) break;
      g += score;
      move2opt(ls, t1, last, t4, t3);
      sc.adds[2 * depth] = last;
      sc.adds[2 * depth + 1] = t3;
      depth++;
      sc.ends[depth] = t4;
      last = t4;
      const close = g - dist(t4, t1);
      if (close > best + eps) {
        best = close;
        bestDepth = depth;
      }
    }
    // Undo the flips after the best closing point (each flip is undone by the inverse 2-opt move).
    for (let i = depth; i > bestDepth; i--) {
      const e = sc.ends[i];
      const prevEnd = sc.ends[i - 1];
      const t3 = sc.adds[2 * (i - 1) + 1];
      move2opt(ls, t1, e, prevEnd, t3);
    }
    if (bestDepth > 0) {
      activate(ls, t1);
      for (let i = 0; i <= bestDepth; i++) activate(ls, sc.ends[i]);
      for (let i = 0; i < bestDepth; i++) activate(ls, sc.adds[2 * i + 1]);
      return best;
    }
  }
  return 0;
}
