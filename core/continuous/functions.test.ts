import { describe, expect, it } from "vitest";
import { BUILTIN_NAMES, FUNCTIONS } from "./functions";

const at = (v: number, d: number) => new Float64Array(d).fill(v);

describe("benchmark functions", () => {
  for (const name of BUILTIN_NAMES) {
    it(`${name} reaches its tabulated optimum at x*`, () => {
      const fn = FUNCTIONS[name];
      for (const d of [1, 2, 10, 30]) {
        expect(fn.f(at(fn.argmin, d), 0, d)).toBeCloseTo(fn.optimum(d), 8);
      }
    });
    it(`${name} is worse away from x*`, () => {
      const fn = FUNCTIONS[name];
      const x = at(fn.argmin, 5);
      x[2] += 0.3;
      expect(fn.f(x, 0, 5)).toBeGreaterThan(fn.optimum(5));
    });
  }

  it("matches hand-computed values", () => {
    expect(FUNCTIONS.sphere.f(new Float64Array([1, 2, 3]), 0, 3)).toBe(14);
    expect(FUNCTIONS.rastrigin.f(new Float64Array([1, 1]), 0, 2)).toBeCloseTo(2, 12);
    expect(FUNCTIONS.rosenbrock.f(new Float64Array([0, 0]), 0, 2)).toBe(1);
    expect(FUNCTIONS.griewank.f(new Float64Array([Math.PI * 2]), 0, 1)).toBeCloseTo(1 + (4 * Math.PI * Math.PI) / 4000 - 1, 12);
    expect(FUNCTIONS.schwefel.f(at(420.968746359982, 30), 0, 30)).toBeCloseTo(-12569.4866, 3);
    expect(FUNCTIONS["styblinski-tang"].f(at(-2.903534027771178, 2), 0, 2)).toBeCloseTo(-78.3323, 4);
  });

  it("reads the row at the given offset of a population matrix", () => {
    const xs = new Float64Array([9, 9, 0, 0, 9, 9]);
    expect(FUNCTIONS.sphere.f(xs, 2, 2)).toBe(0);
  });
});
