/**
 * The fast operators against their textbook forms: SBX and polynomial mutation written with
 * Math.pow (the previous implementation), and ranking with the engine's comparator sort. Same
 * seed ⇒ same draws, so children must agree up to rounding, for integer, power-of-two and
 * fractional distribution indices (the three code paths of the written-out powers).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Rng } from "../../engine/random";
import { sbx, type Box } from "./crossover";
import { polynomialMutation } from "./mutation";
import { fixedPower, raise, root } from "./powers";
import { rankByCost } from "./selection";

function referenceSbx(rng: Rng, box: Box, pop: Float64Array, a: number, b: number, out: Float64Array, c1: number, c2: number, eta: number): void {
  const { dimension: dim, lower, upper } = box;
  const inv = 1 / (eta + 1);
  for (let j = 0; j < dim; j++) {
    let x1 = pop[a * dim + j];
    let x2 = pop[b * dim + j];
    if (rng.float() < 0.5 && Math.abs(x1 - x2) > 1e-14) {
      if (x1 > x2) [x1, x2] = [x2, x1];
      const lo = lower[j];
      const hi = upper[j];
      const diff = x2 - x1;
      const u = rng.float();
      let alpha = 2 - (1 + (2 * (x1 - lo)) / diff) ** -(eta + 1);
      let bq = u <= 1 / alpha ? (u * alpha) ** inv : (1 / (2 - u * alpha)) ** inv;
      let y1 = 0.5 * (x1 + x2 - bq * diff);
      alpha = 2 - (1 + (2 * (hi - x2)) / diff) ** -(eta + 1);
      bq = u <= 1 / alpha ? (u * alpha) ** inv : (1 / (2 - u * alpha)) ** inv;
      let y2 = 0.5 * (x1 + x2 + bq * diff);
      y1 = Math.min(hi, Math.max(lo, y1));
      y2 = Math.min(hi, Math.max(lo, y2));
      if (rng.float() < 0.5) [y1, y2] = [y2, y1];
      out[c1 * dim + j] = y1;
      out[c2 * dim + j] = y2;
    } else {
      out[c1 * dim + j] = x1;
      out[c2 * dim + j] = x2;
    }
  }
}

function referencePolynomial(rng: Rng, box: Box, xs: Float64Array, row: number, rate: number, eta: number): void {
  const { dimension: dim, lower, upper } = box;
  for (let j = 0; j < dim; j++) {
    if (rng.float() >= rate) continue;
    const lo = lower[j];
    const hi = upper[j];
    const span = hi - lo;
    const x = xs[row * dim + j];
    const u = rng.float();
    const dq = u < 0.5 ? (2 * u + (1 - 2 * u) * (1 - (x - lo) / span) ** (eta + 1)) ** (1 / (eta + 1)) - 1 : 1 - (2 * (1 - u) + 2 * (u - 0.5) * (1 - (hi - x) / span) ** (eta + 1)) ** (1 / (eta + 1));
    xs[row * dim + j] = Math.min(hi, Math.max(lo, x + dq * span));
  }
}

function closeArrays(got: Float64Array, want: Float64Array): void {
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(want[i])));
}

const etas = fc.oneof(fc.constantFrom(15, 1, 3, 20, 31, 63), fc.double({ min: 0.1, max: 100, noNaN: true }));
const dim = 12;
const box: Box = { dimension: dim, lower: new Float64Array(dim).fill(-3), upper: new Float64Array(dim).fill(7) };

describe("continuous operators: fast forms equal the textbook forms", () => {
  it("raise/root agree with Math.pow for integer, power-of-two and fractional exponents", () => {
    fc.assert(
      fc.property(etas, fc.double({ min: 0, max: 50, noNaN: true }), (eta, x) => {
        const p = fixedPower(eta + 1);
        const up = x ** (eta + 1);
        expect(Math.abs(raise(p, x) - up)).toBeLessThanOrEqual(1e-12 * up + Number.MIN_VALUE);
        expect(root(p, x)).toBeCloseTo(x ** (1 / (eta + 1)), 12);
      }),
    );
  });

  it("SBX gives the Math.pow children with the same draws", () => {
    fc.assert(
      fc.property(etas, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (eta, seed) => {
        const init = Rng.seeded(seed);
        const pop = new Float64Array(2 * dim);
        // Parents anywhere in the box, some genes on the bounds or equal (the edge cases).
        for (let i = 0; i < pop.length; i++) pop[i] = i % 7 === 0 ? box.upper[0] : i % 5 === 0 ? box.lower[0] : init.range(-3, 7);
        pop[dim + 3] = pop[3];
        const want = new Float64Array(2 * dim);
        const got = new Float64Array(2 * dim);
        const r1 = Rng.seeded(seed + 1);
        const r2 = Rng.seeded(seed + 1);
        referenceSbx(r1, box, pop, 0, 1, want, 0, 1, eta);
        sbx(r2, box, pop, 0, 1, got, 0, 1, fixedPower(eta + 1));
        closeArrays(got, want);
        expect(Array.from(r2.state)).toEqual(Array.from(r1.state));
      }),
    );
  });

  it("polynomial mutation gives the Math.pow result with the same draws", () => {
    fc.assert(
      fc.property(etas, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (eta, seed) => {
        const init = Rng.seeded(seed);
        const want = new Float64Array(dim);
        for (let i = 0; i < dim; i++) want[i] = i === 0 ? box.lower[0] : i === 1 ? box.upper[0] : init.range(-3, 7);
        const got = Float64Array.from(want);
        const r1 = Rng.seeded(seed + 1);
        const r2 = Rng.seeded(seed + 1);
        referencePolynomial(r1, box, want, 0, 0.5, eta);
        polynomialMutation(r2, box, got, 0, { rate: 0.5, power: fixedPower(eta + 1) });
        closeArrays(got, want);
        expect(Array.from(r2.state)).toEqual(Array.from(r1.state));
      }),
    );
  });

  it("rankByCost (heapsort) equals a comparator sort by cost then index, ties and infinities included", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(0, -0, 1, Infinity), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 300 }), (xs) => {
        const cost = Float64Array.from(xs);
        const want = Array.from(cost.keys()).sort((a, b) => cost[a] - cost[b] || a - b);
        const order = new Int32Array(xs.length + 3).fill(-1);
        rankByCost(cost, xs.length, order);
        expect(Array.from(order.subarray(0, xs.length))).toEqual(want);
        expect(Array.from(order.subarray(xs.length))).toEqual([-1, -1, -1]);
      }),
    );
  });
});
