/**
 * Perturbation for iterated local search: a segment-local double bridge. Three consecutive
 * segments of random length (≤ maxLen) after a random city reverse their order, each keeping its
 * direction (A X Y Z B → A Z Y X B). That replaces four edges in the non-sequential pattern of the
 * double bridge (Martin, Otto & Felten 1991), which neither 2-opt, Or-opt nor sequential 3-opt can
 * undo in one move. Keeping the segments short keeps the change local, so the following local
 * search only re-examines a handful of cities.
 * (Swapping just two adjacent segments, A X Y B → A Y X B, is a sequential 3-opt move: the 3-opt
 * local search would often take it straight back.)
 */
import type { Rng } from "../engine/random";
import { activate, type LocalSearch } from "./local-search";
import type { TspProblem } from "./problem";

/** Apply the kick to the loaded tour, queue the eight touched cities; returns the length change. */
export function doubleBridgeKick(ls: LocalSearch, problem: TspProblem, rng: Rng, maxLen: number, scratch: Int32Array): number {
  const { n, tour, pos } = ls;
  if (n < 8) return 0;
  const lim = Math.max(1, Math.min(maxLen, Math.floor((n - 2) / 3)));
  const l1 = 1 + rng.int(lim);
  const l2 = 1 + rng.int(lim);
  const l3 = 1 + rng.int(lim);
  const i0 = rng.int(n);
  const at = (k: number) => tour[(i0 + k) % n];
  const a = at(0);
  const x1 = at(1);
  const xe = at(l1);
  const y1 = at(l1 + 1);
  const ye = at(l1 + l2);
  const z1 = at(l1 + l2 + 1);
  const ze = at(l1 + l2 + l3);
  const b = at(l1 + l2 + l3 + 1);
  const d = problem.dist;
  const delta = d(a, z1) + d(ze, y1) + d(ye, x1) + d(xe, b) - d(a, x1) - d(xe, y1) - d(ye, z1) - d(ze, b);
  const total = l1 + l2 + l3;
  for (let k = 0; k < total; k++) scratch[k] = at(1 + k);
  // Write Z, Y, X back in that order (scratch holds X Y Z).
  let w = (i0 + 1) % n;
  for (let part = 0; part < 3; part++) {
    const from = part === 0 ? l1 + l2 : part === 1 ? l1 : 0;
    const len = part === 0 ? l3 : part === 1 ? l2 : l1;
    for (let k = 0; k < len; k++, w = w + 1 === n ? 0 : w + 1) {
      tour[w] = scratch[from + k];
      pos[tour[w]] = w;
    }
  }
  activate(ls, a);
  activate(ls, x1);
  activate(ls, xe);
  activate(ls, y1);
  activate(ls, ye);
  activate(ls, z1);
  activate(ls, ze);
  activate(ls, b);
  return delta;
}
