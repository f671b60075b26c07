/**
 * The ziggurat's deviates are standard normal: Kolmogorov–Smirnov distance to Φ, the first four
 * moments, and the share beyond the tail start R (drawn by the separate tail branch).
 */
import { describe, expect, it } from "vitest";
import { Rng } from "../../engine/random";
import { fillNormals } from "./normal";

/** Φ(x) via erfc (Numerical Recipes erfcc, |relative error| < 1.2e-7). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

describe("ziggurat normal deviates", () => {
  const n = 400_000;
  const xs = new Float64Array(n);
  const rng = Rng.seeded(12345);
  for (let i = 0; i < n; i += 30) fillNormals(rng, xs, i, Math.min(30, n - i)); // in ant-sized chunks

  it("are N(0,1) by Kolmogorov–Smirnov (D below the 0.1% critical value)", () => {
    const sorted = Float64Array.from(xs).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = phi(sorted[i]);
      d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it("have mean 0, variance 1, skewness 0, kurtosis 3", () => {
    let m1 = 0;
    for (const x of xs) m1 += x;
    m1 /= n;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (const x of xs) {
      const c = x - m1;
      m2 += c * c;
      m3 += c * c * c;
      m4 += c * c * c * c;
    }
    m2 /= n;
    expect(Math.abs(m1)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m3 / n / m2 ** 1.5)).toBeLessThan(5 * Math.sqrt(6 / n));
    expect(Math.abs(m4 / n / (m2 * m2) - 3)).toBeLessThan(5 * Math.sqrt(24 / n));
  });

  it("reach the tails as often as Φ says (beyond R = 3.4426 and beyond 4.5)", () => {
    for (const cut of [2, 3.442619855899, 4.5]) {
      let k = 0;
      for (const x of xs) if (Math.abs(x) > cut) k++;
      const p = 2 * (1 - phi(cut));
      expect(Math.abs(k - n * p)).toBeLessThan(5 * Math.sqrt(n * p) + 2);
    }
  });
});
