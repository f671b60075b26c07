/** Real-coded mutations of one row in place; each gene mutates with probability `rate`. */
import type { Rng } from "../../engine/random";
import type { Box } from "./crossover";

/** Polynomial mutation (Deb & Goyal 1996), bounded form; `eta` is the distribution index. */
export function polynomialMutation(rng: Rng, box: Box, xs: Float64Array, row: number, rate: number, eta: number): void {
  const { dimension: dim, lower, upper } = box;
  const off = row * dim;
  const inv = 1 / (eta + 1);
  for (let j = 0; j < dim; j++) {
    if (rng.float() >= rate) continue;
    const lo = lower[j];
    const hi = upper[j];
    const span = hi - lo;
    const x = xs[off + j];
    const d1 = (x - lo) / span;
    const d2 = (hi - x) / span;
    const u = rng.float();
    let dq: number;
    if (u < 0.5) {
      const v = 2 * u + (1 - 2 * u) * Math.pow(1 - d1, eta + 1);
      dq = Math.pow(v, inv) - 1;
    } else {
      const v = 2 * (1 - u) + 2 * (u - 0.5) * Math.pow(1 - d2, eta + 1);
      dq = 1 - Math.pow(v, inv);
    }
    const y = x + dq * span;
    xs[off + j] = y < lo ? lo : y > hi ? hi : y;
  }
}

/** Gaussian mutation with standard deviation `sigma` × (box width), clipped to the box. */
export function gaussianMutation(rng: Rng, box: Box, xs: Float64Array, row: number, rate: number, sigma: number): void {
  const { dimension: dim, lower, upper } = box;
  const off = row * dim;
  for (let j = 0; j < dim; j++) {
    if (rng.float() >= rate) continue;
    const y = xs[off + j] + sigma * (upper[j] - lower[j]) * rng.normal();
    xs[off + j] = y < lower[j] ? lower[j] : y > upper[j] ? upper[j] : y;
  }
}
