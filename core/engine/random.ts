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

  /** Next uniform uint32. */
  u32(): number {
    const s = this.state;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** Uniform float in [0, 1) with 32 bits of randomness (fast path for operators). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform float in [0, 1) with 53 bits of randomness. */
  double(): number {
    const a = this.u32() >>> 5;
    const b = this.u32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform integer in [0, n), unbiased (Lemire's method with rejection). */
  int(n: number): number {
    if (n <= 0) throw new RangeError("Rng.int needs n > 0");
    if (n > 4294967296) return Math.floor(this.double() * n);
    const bound = n >>> 0 || 4294967296;
    const threshold = (4294967296 - bound) % bound;
    for (;;) {
      const r = this.u32();
      if (r >= threshold) return r % bound;
    }
  }

  /** Uniform float in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.double();
  }

  /** Standard normal deviate (Box–Muller, no cached spare so the state stays four words). */
  normal(): number {
    let u = this.double();
    while (u <= 0) u = this.double();
    const v = this.double();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Cauchy deviate with location 0 and scale 1 (used by self-adaptive DE variants). */
  cauchy(): number {
    return Math.tan(Math.PI * (this.double() - 0.5));
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

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
