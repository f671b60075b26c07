import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeState, encodeState, CheckpointError } from "./codec";
import { Rng } from "./random";

describe("checkpoint codec", () => {
  it("round-trips typed arrays, numbers and nested objects exactly", () => {
    const state = {
      rng: Rng.seeded(7).state,
      pop: new Float64Array([1.5, -2, Number.NaN, Infinity]),
      tour: new Int32Array([3, 1, 2, 0]),
      small: new Uint16Array([65535, 0]),
      meta: { generation: 12, best: -Infinity, name: "ga", flags: [true, false], nested: { a: null } },
    };
    const back = decodeState<typeof state>(encodeState(state));
    expect(back.rng).toBeInstanceOf(Uint32Array);
    expect(Array.from(back.rng)).toEqual(Array.from(state.rng));
    expect(Array.from(back.pop)).toEqual([1.5, -2, Number.NaN, Infinity]);
    expect(back.tour).toBeInstanceOf(Int32Array);
    expect(Array.from(back.tour)).toEqual([3, 1, 2, 0]);
    expect(Array.from(back.small)).toEqual([65535, 0]);
    expect(back.meta).toEqual(state.meta);
  });

  it("round-trips arbitrary float arrays bit for bit", () => {
    fc.assert(
      fc.property(fc.array(fc.double()), fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), (xs, ys) => {
        const back = decodeState<{ a: Float64Array; b: Int32Array }>(encodeState({ a: Float64Array.from(xs), b: Int32Array.from(ys) }));
        expect(Array.from(back.a)).toEqual(xs.map((x) => (Object.is(x, -0) ? -0 : x)));
        expect(Array.from(back.b)).toEqual(ys);
      }),
    );
  });

  it("keeps a 100 × 1000-city population well under 1 MB", () => {
    const pop = new Int32Array(100 * 1000);
    expect(encodeState({ pop, fitness: new Float64Array(100) }).byteLength).toBeLessThan(420_000);
  });

  it("rejects bytes that are not a checkpoint", () => {
    expect(() => decodeState(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(CheckpointError);
    expect(() => decodeState(new Uint8Array(3))).toThrow(CheckpointError);
  });
});

describe("Rng", () => {
  it("resumes the identical stream from a saved state", () => {
    const a = Rng.seeded(42);
    for (let i = 0; i < 10; i++) a.u32();
    const b = Rng.fromState(a.state);
    const xs = Array.from({ length: 20 }, () => a.double());
    const ys = Array.from({ length: 20 }, () => b.double());
    expect(ys).toEqual(xs);
  });

  it("draws unbiased integers in range and floats in [0,1)", () => {
    const r = Rng.seeded(1);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) {
      const f = r.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
  });

  it("int is Lemire's rejection with the remainders done by floating division: the same integers as with %", () => {
    // Reference: the threshold and the result by the floating-point remainder, from the same u32 draws.
    const reference = (u: Rng, n: number) => {
      const bound = n >>> 0 || 4294967296;
      const threshold = (4294967296 - bound) % bound;
      for (;;) {
        const r = u.u32();
        if (r >= threshold) return r % bound;
      }
    };
    const bounds = [1, 2, 3, 6, 7, 370, 1000, 65_537, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 3_000_000_019, 2 ** 32 - 1, 2 ** 32];
    const pick = Rng.seeded(9);
    for (let i = 0; i < 2000; i++) bounds.push(1 + pick.int(2 ** 32));
    const a = Rng.seeded(5);
    const b = Rng.seeded(5);
    for (const n of bounds) for (let k = 0; k < 50; k++) expect(a.int(n)).toBe(reference(b, n));
  });

  it("gives different streams for different seeds", () => {
    expect(Rng.seeded(1).u32()).not.toBe(Rng.seeded(2).u32());
  });
});
