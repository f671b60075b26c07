/**
 * Real-coded mutations of one row in place; each gene mutates with probability `m.rate`.
 * Settings come as one object built once per run: a double passed as an argument to a call that
 * is not inlined is boxed, i.e. one allocation per call.
 */
import type { Rng } from "../../engine/random";
import type { Box } from "./crossover";
import type { FixedPower } from "./powers";

/**
 * Polynomial mutation (Deb & Goyal 1996), bounded form; `m.power` is `fixedPower(eta + 1)` for
 * the distribution index eta.
 */
export function polynomialMutation(rng: Rng, box: Box, xs: Float64Array, row: number, m: { rate: number; power: FixedPower }): void {
  const { dimension: dim, lower, upper } = box;
  const off = row * dim;
  const rate = m.rate;
  const { n, integer: nInt, sqrtSteps: steps } = m.power;
  for (let j = 0; j < dim; j++) {
    if (rng.float() >= rate) continue;
    const lo = lower[j];
    const hi = upper[j];
    const span = hi - lo;
    const x = xs[off + j];
    const d1 = (x - lo) / span;
    const d2 = (hi - x) / span;
    const u = rng.float();
    // v = 2u + (1 − 2u)(1 − d1)^n and dq = v^(1/n) − 1 below the parent (u < ½), mirrored above;
    // the powers are written out as in powers.ts (a non-inlined call would box its result).
    let t = u < 0.5 ? 1 - d1 : 1 - d2;
    if (nInt > 0) {
      let r = 1;
      for (let e = nInt; e > 1; e >>>= 1) {
        if (e & 1) r *= t;
        t *= t;
      }
      t *= r;
    } else t = Math.exp(n * Math.log(t));
    let v = u < 0.5 ? 2 * u + (1 - 2 * u) * t : 2 * (1 - u) + 2 * (u - 0.5) * t;
    if (steps >= 0) for (let k = 0; k < steps; k++) v = Math.sqrt(v);
    else v = Math.exp(Math.log(v) / n);
    const dq = u < 0.5 ? v - 1 : 1 - v;
    const y = x + dq * span;
    xs[off + j] = y < lo ? lo : y > hi ? hi : y;
  }
}

/** Gaussian mutation with standard deviation `m.sigma` × (box width), clipped to the box. */
export function gaussianMutation(rng: Rng, box: Box, xs: Float64Array, row: number, m: { rate: number; sigma: number }): void {
  const { dimension: dim, lower, upper } = box;
  const off = row * dim;
  const rate = m.rate;
  const sigma = m.sigma;
  for (let j = 0; j < dim; j++) {
    if (rng.float() >= rate) continue;
    const y = xs[off + j] + sigma * (upper[j] - lower[j]) * rng.normal();
    xs[off + j] = y < lower[j] ? lower[j] : y > upper[j] ? upper[j] : y;
  }
}
