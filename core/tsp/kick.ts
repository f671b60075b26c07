/**
 * Perturbation for iterated local search: a segment-local double bridge. Two adjacent segments
 * of random length (≤ maxLen) starting at a random position swap places (A X Y B → A Y X B),
 * which 2-opt and Or-opt cannot undo in one move. Keeping the segments short keeps the change
 * local, so the following local search only re-examines a handful of cities.
 */
import type { Rng } from "../engine/random";
import { activate, type LocalSearch } from "./local-search";
import type { TspProblem } from "./problem";

/** Apply the kick to the loaded tour, queue the six touched cities; returns the length change. */
export function doubleBridgeKick(ls: LocalSearch, problem: TspProblem, rng: Rng, maxLen: number, scratch: Int32Array): number {
  const { n, tour, pos } = ls;
  const lim = Math.max(1, Math.min(maxLen, Math.floor((n - 2) / 2)));
  const l1 = 1 + rng.int(lim);
  const l2 = 1 + rng.int(lim);
  const i0 = rng.int(n);
  const at = (k: number) => tour[(i0 + k) % n];
  const a = at(0);
  const x1 = at(1);
  const xe = at(l1);
  const y1 = at(l1 + 1);
  const ye = at(l1 + l2);
  const b = at(l1 + l2 + 1);
  const d = problem.dist;
  const delta = d(a, y1) + d(ye, x1) + d(xe, b) - d(a, x1) - d(xe, y1) - d(ye, b);
  for (let k = 0; k < l1 + l2; k++) scratch[k] = at(1 + k);
  let w = (i0 + 1) % n;
  for (let k = 0; k < l2; k++, w = w + 1 === n ? 0 : w + 1) {
    tour[w] = scratch[l1 + k];
    pos[tour[w]] = w;
  }
  for (let k = 0; k < l1; k++, w = w + 1 === n ? 0 : w + 1) {
    tour[w] = scratch[k];
    pos[tour[w]] = w;
  }
  activate(ls, a);
  activate(ls, x1);
  activate(ls, xe);
  activate(ls, y1);
  activate(ls, ye);
  activate(ls, b);
  return delta;
}
