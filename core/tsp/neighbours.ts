/**
 * k-nearest-neighbour candidate lists, the backbone of the local searches and of ACO's
 * candidate lists: moves only ever connect a city to one of its k nearest.
 * Brute force O(n²) with an insertion buffer of size k: under a second at the 10,000-city cap.
 */
import type { DistanceFn } from "./distance";

/** Row i of the result (length n·k) lists city i's k nearest others, closest first (ties by index). */
export function nearestNeighbours(n: number, dist: DistanceFn, k: number): Int32Array {
  const kk = Math.min(k, n - 1);
  const out = new Int32Array(n * kk);
  const bd = new Float64Array(kk);
  const bi = new Int32Array(kk);
  for (let i = 0; i < n; i++) {
    let size = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = dist(i, j);
      if (size === kk && d >= bd[kk - 1]) continue;
      let at = size < kk ? size++ : kk - 1;
      while (at > 0 && bd[at - 1] > d) {
        bd[at] = bd[at - 1];
        bi[at] = bi[at - 1];
        at--;
      }
      bd[at] = d;
      bi[at] = j;
    }
    out.set(bi, i * kk);
  }
  return out;
}
