/**
 * Real-coded crossovers. Each reads parents at rows a, b of `pop` and writes two children at
 * rows c1, c2 of `out` (row = offset / dim), clipping to the box. Probability handling lives in
 * the algorithm (`applyCrossover`), the operator only recombines.
 */
import type { Rng } from "../../engine/random";
import type { FixedPower } from "./powers";

export interface Box {
  dimension: number;
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * Simulated binary crossover (Deb & Agrawal 1995), bounded form as in NSGA-II; `power` is
 * `fixedPower(eta + 1)` for the distribution index eta (larger = children closer to parents),
 * built once per run by the caller. Each gene crosses with probability ½.
 */
export function sbx(rng: Rng, box: Box, pop: Float64Array, a: number, b: number, out: Float64Array, c1: number, c2: number, power: FixedPower): void {
  const { dimension: dim, lower, upper } = box;
  const pa = a * dim;
  const pb = b * dim;
  const o1 = c1 * dim;
  const o2 = c2 * dim;
  const { n, integer: nInt, sqrtSteps: steps } = power;
  for (let j = 0; j < dim; j++) {
    let x1 = pop[pa + j];
    let x2 = pop[pb + j];
    if (rng.float() < 0.5 && Math.abs(x1 - x2) > 1e-14) {
      if (x1 > x2) {
        const t = x1;
        x1 = x2;
        x2 = t;
      }
      const lo = lower[j];
      const hi = upper[j];
      const diff = x2 - x1;
      const u = rng.float();
      // The spread factor of each child is limited by the distance to its side's bound:
      // beta = 1 + 2·(distance)/diff, alpha = 2 − beta^−n, and the spread quantile is
      // (u·alpha)^(1/n) when u·alpha ≤ 1, else (1/(2 − u·alpha))^(1/n), with n = eta + 1.
      // The powers are written out (as in powers.ts) rather than called, because a call that
      // is not inlined boxes its double result (an allocation per gene); the two children are
      // computed side by side so their independent dependency chains overlap.
      let tl = 1 + (2 * (x1 - lo)) / diff;
      let tr = 1 + (2 * (hi - x2)) / diff;
      if (nInt > 0) {
        let rl = 1;
        let rr = 1;
        for (let e = nInt; e > 1; e >>>= 1) {
          if (e & 1) {
            rl *= tl;
            rr *= tr;
          }
          tl *= tl;
          tr *= tr;
        }
        tl *= rl;
        tr *= rr;
      } else {
        tl = Math.exp(n * Math.log(tl));
        tr = Math.exp(n * Math.log(tr));
      }
      const ul = u * (2 - 1 / tl);
      const ur = u * (2 - 1 / tr);
      let bl = ul <= 1 ? ul : 1 / (2 - ul);
      let br = ur <= 1 ? ur : 1 / (2 - ur);
      if (steps >= 0) {
        for (let k = 0; k < steps; k++) {
          bl = Math.sqrt(bl);
          br = Math.sqrt(br);
        }
      } else {
        bl = Math.exp(Math.log(bl) / n);
        br = Math.exp(Math.log(br) / n);
      }
      let y1 = 0.5 * (x1 + x2 - bl * diff);
      let y2 = 0.5 * (x1 + x2 + br * diff);
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

/**
 * BLX-α (Eshelman & Schaffer 1993): each gene uniform in the parents' interval widened by α.
 * α comes inside an object built once per run (a double argument would be boxed per call).
 */
export function blxAlpha(rng: Rng, box: Box, pop: Float64Array, a: number, b: number, out: Float64Array, c1: number, c2: number, blx: { alpha: number }): void {
  const { dimension: dim, lower, upper } = box;
  const alpha = blx.alpha;
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
