/** Tour basics: length, validity, and a nearest-neighbour construction that uses the candidate lists. */
import type { Rng } from "../engine/random";
import type { TspProblem } from "./problem";

/** Sum of edge weights around the closed tour (TSPLIB: each edge rounded by the metric, then summed). */
export function tourLength(problem: TspProblem, tour: ArrayLike<number>): number {
  const n = tour.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) s += problem.dist(tour[i], tour[i + 1]);
  return s + problem.dist(tour[n - 1], tour[0]);
}

export function isPermutation(tour: ArrayLike<number>, n: number): boolean {
  if (tour.length !== n) return false;
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = tour[i];
    if (!Number.isInteger(c) || c < 0 || c >= n || seen[c]) return false;
    seen[c] = 1;
  }
  return true;
}

/**
 * Nearest-neighbour tour from a random start into `out`. Looks in the candidate list first and
 * falls back to a full scan only when every candidate is visited, so it is ~O(n·k) in practice.
 * `visited` is scratch of length n.
 */
export function nearestNeighbourTour(problem: TspProblem, rng: Rng, out: Int32Array, visited: Uint8Array): void {
  const { n, k, neighbours, dist } = problem;
  visited.fill(0);
  let cur = rng.int(n);
  out[0] = cur;
  visited[cur] = 1;
  for (let i = 1; i < n; i++) {
    let next = -1;
    for (let j = 0; j < k; j++) {
      const c = neighbours[cur * k + j];
      if (!visited[c]) {
        next = c;
        break;
      }
    }
    if (next < 0) {
      let bd = Number.POSITIVE_INFINITY;
      for (let c = 0; c < n; c++) {
        if (visited[c]) continue;
        const d = dist(cur, c);
        if (d < bd) {
          bd = d;
          next = c;
        }
      }
    }
    out[i] = next;
    visited[next] = 1;
    cur = next;
  }
}

/** Uniformly random tour into `out`. */
export function randomTour(rng: Rng, out: Int32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = i;
  rng.shuffle(out);
}
