/**
 * Permutation crossovers for tours. Parents are read from a population matrix at offsets
 * `a` and `b` (tour i at i·n); the child goes into `child`. Caller-owned scratch keeps the
 * offspring loop allocation-free.
 */
import type { Rng } from "../engine/random";
import type { TspProblem } from "./problem";

export interface CrossoverScratch {
  used: Uint8Array;
  /** Edge table: up to 4 neighbours per city (ERX). */
  adj: Int32Array;
  deg: Uint8Array;
}

export function createScratch(n: number): CrossoverScratch {
  return { used: new Uint8Array(n), adj: new Int32Array(4 * n), deg: new Uint8Array(n) };
}

/**
 * Order crossover OX (Davis 1985): the child keeps a random slice of parent a in place and
 * fills the other positions with the remaining cities in parent b's order, starting after the slice.
 */
export function orderCrossover(rng: Rng, tours: Int32Array, a: number, b: number, child: Int32Array, s: CrossoverScratch): void {
  const n = child.length;
  let i = rng.int(n);
  let j = rng.int(n);
  if (i > j) {
    const t = i;
    i = j;
    j = t;
  }
  s.used.fill(0);
  for (let k = i; k <= j; k++) {
    child[k] = tours[a + k];
    s.used[tours[a + k]] = 1;
  }
  let w = (j + 1) % n;
  for (let k = 0; k < n; k++) {
    const c = tours[b + ((j + 1 + k) % n)];
    if (s.used[c]) continue;
    child[w] = c;
    w = (w + 1) % n;
  }
}

/**
 * Edge recombination ERX (Whitley et al. 1989): build the child from the union of the parents'
 * edges, always moving to the adjacent city with the fewest remaining edges. When stuck, jump to
 * the nearest unused candidate neighbour (a "greedy" repair instead of a random city), and only
 * then to any unused city.
 */
export function edgeRecombination(rng: Rng, problem: TspProblem, tours: Int32Array, a: number, b: number, child: Int32Array, s: CrossoverScratch): void {
  const n = child.length;
  const { adj, deg, used } = s;
  deg.fill(0);
  used.fill(0);
  const addEdge = (x: number, y: number) => {
    for (let t = 0; t < deg[x]; t++) if (adj[4 * x + t] === y) return;
    adj[4 * x + deg[x]++] = y;
  };
  for (let k = 0; k < 2 * n; k++) {
    const p = k < n ? a : b;
    const i = k < n ? k : k - n;
    const x = tours[p + i];
    const y = tours[p + (i + 1 === n ? 0 : i + 1)];
    addEdge(x, y);
    addEdge(y, x);
  }
  let cur = tours[a + rng.int(n)];
  let scan = 0; // lowest index of a possibly unused city, for the last-resort jump
  for (let k = 0; k < n; k++) {
    child[k] = cur;
    used[cur] = 1;
    if (k === n - 1) break;
    let next = -1;
    let bestDeg = 5;
    let ties = 0;
    for (let t = 0; t < deg[cur]; t++) {
      const y = adj[4 * cur + t];
      if (used[y]) continue;
      let dy = 0;
      for (let u = 0; u < deg[y]; u++) if (!used[adj[4 * y + u]]) dy++;
      if (dy < bestDeg) {
        bestDeg = dy;
        next = y;
        ties = 1;
      } else if (dy === bestDeg && rng.int(++ties) === 0) next = y;
    }
    if (next < 0) {
      for (let t = 0; t < problem.k; t++) {
        const y = problem.neighbours[cur * problem.k + t];
        if (!used[y]) {
          next = y;
          break;
        }
      }
    }
    if (next < 0) {
      while (used[tours[a + scan]]) scan++;
      next = tours[a + scan];
    }
    cur = next;
  }
}
