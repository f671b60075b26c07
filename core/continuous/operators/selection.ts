/** Parent selection over a cost vector (lower is better). */
import type { Rng } from "../../engine/random";

/** k-way tournament: the best of k uniformly drawn individuals (with replacement). */
export function tournament(rng: Rng, cost: Float64Array, size: number, k: number): number {
  let best = rng.int(size);
  for (let i = 1; i < k; i++) {
    const c = rng.int(size);
    if (cost[c] < cost[best]) best = c;
  }
  return best;
}

/**
 * Fill `order` with 0..n-1 sorted by cost, ties by index (so the order never depends on the
 * sort algorithm). Allocation-free apart from the engine's sort.
 */
export function rankByCost(cost: Float64Array, n: number, order: Int32Array): Int32Array {
  for (let i = 0; i < n; i++) order[i] = i;
  const view = order.subarray(0, n);
  view.sort((a, b) => cost[a] - cost[b] || a - b);
  return order;
}
