/**
 * Seeded pseudo-random generator (xoshiro128**), the only source of randomness in core/.
 *
 * Its whole state is four uint32 words, so a checkpoint stores `rng.state` and `Rng.fromState`
 * resumes the exact same stream. Never use an unseeded global random source in the engine: it
 * breaks resumable runs.
 */
export class Rng {
  /** The generator's full state; copy it into a checkpoint, never share it between runs. */
  readonly state: Uint32Array;

  private constructor(state: Uint32Array) {
    this.state = state;
  }

  /** A generator seeded from any integer (splitmix32 spreads the seed over the 128-bit state). */
  static seeded(seed: number): Rng {
    const s = new Uint32Array(4);
    let x = (seed >>> 0) ^ 0x9e3779b9;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
    return new Rng(s);
  }

  /** Resume from a saved state (copied, so the checkpoint stays untouched). */
  static fromState(state: ArrayLike<number>): Rng {
    if (state.length !== 4) throw new RangeError("Rng state must have 4 words");
    return new Rng(Uint32Array.from(state));
  }

  // Every method below computes the xoshiro128** output inline and advances the state with
  // `advance` (which returns nothing), instead of calling `u32()`: in a large optimised caller
  // the inlining budget runs out, and a uint32 or double returned from a call that is not inlined
  // is boxed, i.e. allocated (~12 bytes per draw). Integers below 2^30 are never boxed.

  /** Next uniform uint32. */
  u32(): number {
    const s = this.state;
    const m = Math.imul(s[1], 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    advance(s);
    return r;
  }

  /** Uniform float in [0, 1) with 32 bits of randomness (fast path for operators). */
  float(): number {
    const s = this.state;
    const m = Math.imul(s[1], 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    advance(s);
    return r / 4294967296;
  }

  /** out[j] := float(), without boxing (see normalInto). */
  floatInto(out: Float64Array, j: number): void {
    const s = this.state;
    const m = Math.imul(s[1], 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    advance(s);
    out[j] = r / 4294967296;
  }

  /** Uniform float in [0, 1) with 53 bits of randomness. */
  double(): number {
    const s = this.state;
    return (nextShifted(s, 5) * 67108864 + nextShifted(s, 6)) / 9007199254740992;
  }

  /** out[j] := double(), without boxing (see normalInto). */
  doubleInto(out: Float64Array, j: number): void {
    const s = this.state;
    out[j] = (nextShifted(s, 5) * 67108864 + nextShifted(s, 6)) / 9007199254740992;
  }

  /** `double() < p` from the same draws; a boolean is never boxed (for acceptance tests). */
  chance(p: number): boolean {
    const s = this.state;
    return (nextShifted(s, 5) * 67108864 + nextShifted(s, 6)) / 9007199254740992 < p;
  }

  /** Uniform integer in [0, n), unbiased (Lemire's method with rejection). */
  int(n: number): number {
    if (n <= 0) throw new RangeError("Rng.int needs n > 0");
    if (n > 4294967296) return Math.floor(this.double() * n);
    const bound = n >>> 0 || 4294967296;
    // 2^32 mod bound and r mod bound by floating division, which is exact here (every quotient is
    // at least 1 / bound away from the next integer, far above a double's rounding) and avoids
    // the floating-point remainder V8 computes with a library call.
    const threshold = 4294967296 - Math.floor(4294967296 / bound) * bound;
    const s = this.state;
    for (;;) {
      const m = Math.imul(s[1], 5);
      const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      advance(s);
      if (r >= threshold) return r - Math.floor(r / bound) * bound;
    }
  }

  /** Uniform float in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.double();
  }

  /** Standard normal deviate (Box–Muller, no cached spare so the state stays four words). */
  normal(): number {
    const s = this.state;
    let u = (nextShifted(s, 5) * 67108864 + nextShifted(s, 6)) / 9007199254740992;
    while (u <= 0) u = (nextShifted(s, 5) * 67108864 + nextShifted(s, 6)) / 9007199254740992;
    const v = (nextShifted(s, 5) * 67108864 + nextShifted(s, 6)) / 9007199254740992;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * out[j] := normal(), the same deviate from the same draws. For hot loops in large functions:
   * it returns nothing and calls only integer-returning helpers, so nothing is boxed whether or
   * not it is inlined (the 53-bit uniforms are written out, not taken from `double()`).
   */
  normalInto(out: Float64Array, j: number): void {
    const s = this.state;
    let u = (nextShifted(s, 5) * 67108864 + nextShifted(s, 6)) / 9007199254740992;
    while (u <= 0) u = (nextShifted(s, 5) * 67108864 + nextShifted(s, 6)) / 9007199254740992;
    const v = (nextShifted(s, 5) * 67108864 + nextShifted(s, 6)) / 9007199254740992;
    out[j] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Cauchy deviate with location 0 and scale 1 (used by self-adaptive DE variants). */
  cauchy(): number {
    const s = this.state;
    return Math.tan(Math.PI * ((nextShifted(s, 5) * 67108864 + nextShifted(s, 6)) / 9007199254740992 - 0.5));
  }

  /** out[j] := cauchy(), without boxing (see normalInto). */
  cauchyInto(out: Float64Array, j: number): void {
    const s = this.state;
    out[j] = Math.tan(Math.PI * ((nextShifted(s, 5) * 67108864 + nextShifted(s, 6)) / 9007199254740992 - 0.5));
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T extends { length: number; [i: number]: any }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}

/**
 * The next output shifted right by `shift` (≥ 2), advancing the state: the two halves of a 53-bit
 * uniform. The result is below 2^30, a small integer that is never boxed, inlined or not.
 */
function nextShifted(s: Uint32Array, shift: number): number {
  const m = Math.imul(s[1], 5);
  const r = Math.imul((m << 7) | (m >>> 25), 9) >>> shift;
  advance(s);
  return r;
}

/** One xoshiro128** state transition (the output is computed by the caller beforehand). */
function advance(s: Uint32Array): void {
  const t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = (s[3] << 11) | (s[3] >>> 21);
}
