/**
 * Real-coded crossovers. Each reads parents at rows a, b of `pop` and writes two children at
 * rows c1, c2 of `out` (row = offset / dim), clipping to the box. Probability handling lives in
 * the algorithm (`applyCrossover`), the operator only recombines.
 */
import type { Rng } from "../../engine/random";

export interface Box {
  dimension: number;
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * Simulated binary crossover (Deb & Agrawal 1995), bounded form as in NSGA-II; `eta` is the
 * distribution index (larger = children closer to parents). Each gene crosses with probability ½.
 */
export function sbx(rng: Rng, box: Box, pop: Float64Array, a: number, b: number, out: Float64Array, c1: number, c2: number, eta: number): void {
  const { dimension: dim, lower, upper } = box;
  const pa = a * dim;
  const pb = b * dim;
  const o1 = c1 * dim;
  const o2 = c2 * dim;
  const inv = 1 / (eta + 1);
  for (let j = 0; j < dim; j++) {
    let x1 = pop[pa + j];
    let x2 = pop[pb + j];
    if (rng.float() < 0.5 && Math.abs(x1 - x2) > 1e-14) {
      const swap = x1 > x2;
      if (swap) {
        const t = x1;
        x1 = x2;
        x2 = t;
      }
      const lo = lower[j];
      const hi = upper[j];
      const diff = x2 - x1;
      const u = rng.float();
      // Left child: the spread factor is limited by the distance to the lower bound.
      let beta = 1 + (2 * (x1 - lo)) / diff;
      let alpha = 2 - Math.pow(beta, -(eta + 1));
      let bq = u <= 1 / alpha ? Math.pow(u * alpha, inv) : Math.pow(1 / (2 - u * alpha), inv);
      let y1 = 0.5 * (x1 + x2 - bq * diff);
      beta = 1 + (2 * (hi - x2)) / diff;
      alpha = 2 - Math.pow(beta, -(eta + 1));
      bq = u <= 1 / alpha ? Math.pow(u * alpha, inv) : Math.pow(1 / (2 - u * alpha), inv);
      let y2 = 0.5 * (x1 + x2 + bq * diff);
      y1 = y1 < lo ? lo : y1 > hi ? hi : y1;
      y2 = y2 < lo ? lo : y2 > hi ? hi : y2;
      if (rng.float() < 0.5) {
        out[o1 + j] = y2;
        out[o2 + j] = y1;
      } else {
        out[o1 + j] = y1;
        out[o2 + j] = y2;
      }
    } else {
      out[o1 + j] = pop[pa + j];
      out[o2 + j] = pop[pb + j];
    }
  }
}

/** BLX-α (Eshelman & Schaffer 1993): each gene uniform in the parents' interval widened by α. */
export function blxAlpha(rng: Rng, box: Box, pop: Float64Array, a: number, b: number, out: Float64Array, c1: number, c2: number, alpha: number): void {
  const { dimension: dim, lower, upper } = box;
  const pa = a * dim;
  const pb = b * dim;
  for (let j = 0; j < dim; j++) {
    const x1 = pop[pa + j];
    const x2 = pop[pb + j];
    const lo = Math.min(x1, x2);
    const span = Math.abs(x1 - x2);
    const from = lo - alpha * span;
    const width = span * (1 + 2 * alpha);
    const y1 = from + width * rng.float();
    const y2 = from + width * rng.float();
    out[c1 * dim + j] = y1 < lower[j] ? lower[j] : y1 > upper[j] ? upper[j] : y1;
    out[c2 * dim + j] = y2 < lower[j] ? lower[j] : y2 > upper[j] ? upper[j] : y2;
  }
}

/** Copy parents unchanged (the "no crossover" branch of the probability wrapper). */
export function copyParents(dim: number, pop: Float64Array, a: number, b: number, out: Float64Array, c1: number, c2: number): void {
  for (let j = 0; j < dim; j++) {
    out[c1 * dim + j] = pop[a * dim + j];
    out[c2 * dim + j] = pop[b * dim + j];
  }
}
