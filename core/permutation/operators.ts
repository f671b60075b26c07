/**
 * Permutation operators: crossovers (OX from the TSP module, PMX here), the three classic
 * neighbourhood moves (swap, insert, inversion) and tournament selection. Every operator takes
 * the run's seeded generator and writes into caller-owned buffers, so the offspring loop does not
 * allocate.
 */
import type { Rng } from "../engine/random";
import { orderCrossover, type CrossoverScratch } from "../tsp/crossover";

export { orderCrossover, createScratch, type CrossoverScratch } from "../tsp/crossover";

export const MOVES = ["swap", "insert", "inversion"] as const;
export type Move = (typeof MOVES)[number];
/** A move kind, or "mixed": one of the three drawn uniformly per move. */
export type MoveChoice = Move | "mixed";
export const MOVE_CHOICES = [...MOVES, "mixed"] as const;

/** Two distinct positions i < j in [0, n). */
function twoPositions(rng: Rng, n: number): [number, number] {
  const i = rng.int(n);
  let j = rng.int(n - 1);
  if (j >= i) j++;
  return i < j ? [i, j] : [j, i];
}

/** Exchange the items at two random positions. */
export function swapMove(rng: Rng, p: Int32Array): void {
  const [i, j] = twoPositions(rng, p.length);
  const t = p[i];
  p[i] = p[j];
  p[j] = t;
}

/** Take the item at one random position and reinsert it at another (shifting those between). */
export function insertMove(rng: Rng, p: Int32Array): void {
  const from = rng.int(p.length);
  let to = rng.int(p.length - 1);
  if (to >= from) to++;
  const item = p[from];
  if (from < to) p.copyWithin(from, from + 1, to + 1);
  else p.copyWithin(to + 1, to, from);
  p[to] = item;
}

/** Reverse the items between two random positions (a 2-opt move on a sequence). */
export function inversionMove(rng: Rng, p: Int32Array): void {
  let [i, j] = twoPositions(rng, p.length);
  for (; i < j; i++, j--) {
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
}

/** Apply one move of the chosen kind ("mixed" draws the kind). */
export function applyMove(rng: Rng, p: Int32Array, choice: MoveChoice): void {
  const move = choice === "mixed" ? MOVES[rng.int(3)] : choice;
  if (move === "swap") swapMove(rng, p);
  else if (move === "insert") insertMove(rng, p);
  else inversionMove(rng, p);
}

/**
 * Partially mapped crossover PMX (Goldberg & Lingle 1985): the child keeps a random slice of
 * parent a in place; every other position takes parent b's item, followed through the slice's
 * mapping until it lands on an item the slice does not hold. Preserves absolute positions, which
 * suits scheduling objectives (OX preserves relative order instead).
 */
export function pmxCrossover(rng: Rng, pop: Int32Array, a: number, b: number, child: Int32Array, s: CrossoverScratch): void {
  const n = child.length;
  const [i, j] = twoPositions(rng, n);
  // s.adj[item] = position of item in parent a's slice, or -1 (reuses the ERX scratch, length 4n).
  const posInSlice = s.adj;
  posInSlice.fill(-1, 0, n);
  for (let k = i; k <= j; k++) {
    child[k] = pop[a + k];
    posInSlice[pop[a + k]] = k;
  }
  for (let k = 0; k < n; k++) {
    if (k >= i && k <= j) continue;
    let item = pop[b + k];
    // Follow a's slice item → b's item at the same position until the item is outside the slice.
    while (posInSlice[item] >= 0) item = pop[b + posInSlice[item]];
    child[k] = item;
  }
}

/** Crossover by name. */
export function crossover(kind: "ox" | "pmx", rng: Rng, pop: Int32Array, a: number, b: number, child: Int32Array, s: CrossoverScratch): void {
  if (kind === "pmx") pmxCrossover(rng, pop, a, b, child, s);
  else orderCrossover(rng, pop, a, b, child, s);
}

/** Tournament of `k` uniformly drawn individuals; the lowest cost wins (ties: the first drawn). */
export function tournament(rng: Rng, cost: Float64Array, size: number, k: number): number {
  let best = rng.int(size);
  for (let t = 1; t < k; t++) {
    const c = rng.int(size);
    if (cost[c] < cost[best]) best = c;
  }
  return best;
}

/** Uniformly random permutation of 0..n-1 into `out`. */
export function randomPermutation(rng: Rng, out: Int32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = i;
  rng.shuffle(out);
}
