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
 * Fill `order` with 0..n-1 sorted by cost, ties by index. That is a total order, so the result
 * never depends on the sort algorithm. Heapsort in place: Array/TypedArray sort with a
 * comparator allocates work arrays on every call (once per generation in GA and DE).
 */
export function rankByCost(cost: Float64Array, n: number, order: Int32Array): Int32Array {
  for (let i = 0; i < n; i++) order[i] = i;
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(cost, order, start, n);
  for (let end = n - 1; end > 0; end--) {
    const t = order[0];
    order[0] = order[end];
    order[end] = t;
    siftDown(cost, order, 0, end);
  }
  return order;
}

/** Does individual a rank after individual b (higher cost, or equal cost and higher index)? */
function after(cost: Float64Array, a: number, b: number): boolean {
  return cost[a] > cost[b] || (cost[a] === cost[b] && a > b);
}

/** Restore the max-heap property of order[root..end) below `root`. */
function siftDown(cost: Float64Array, order: Int32Array, root: number, end: number): void {
  const item = order[root];
  for (;;) {
    let child = 2 * root + 1;
    if (child >= end) break;
    let ci = order[child];
    if (child + 1 < end && after(cost, order[child + 1], ci)) ci = order[++child];
    if (!after(cost, ci, item)) break;
    order[root] = ci;
    root = child;
  }
  order[root] = item;
}
