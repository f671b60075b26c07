/**
 * Row helpers for row-major population matrices (row i = xs[i*dim .. (i+1)*dim)).
 * Plain loops instead of `subarray` views: views allocate, and these run once per evaluation.
 */
import type { Rng } from "../../engine/random";
import type { Box } from "./crossover";

/** Fill rows [from, to) of `xs` with uniform points in the box. */
export function uniformRows(rng: Rng, box: Box, xs: Float64Array, from: number, to: number): void {
  const { dimension: dim, lower, upper } = box;
  for (let i = from; i < to; i++) {
    for (let j = 0; j < dim; j++) xs[i * dim + j] = lower[j] + (upper[j] - lower[j]) * rng.double();
  }
}

/** dst row `to` := src row `from`. */
export function copyRow(src: Float64Array, from: number, dst: Float64Array, to: number, dim: number): void {
  const a = from * dim;
  const b = to * dim;
  for (let j = 0; j < dim; j++) dst[b + j] = src[a + j];
}

/** Bound repair for difference-vector moves: midpoint between the parent gene and the violated bound. */
export function midpointRepair(v: number, parent: number, lo: number, hi: number): number {
  if (v < lo) return (lo + parent) / 2;
  if (v > hi) return (hi + parent) / 2;
  return v;
}
