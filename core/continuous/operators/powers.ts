/**
 * Powers with a fixed exponent, for SBX and polynomial mutation, whose exponents are the
 * distribution index + 1 and its reciprocal. Math.pow costs ~150–200 ns in V8 and those
 * operators call it up to four times per gene, which made it most of the GA's time; these
 * exact reformulations cost a few multiplications or square roots (or exp∘log when the
 * exponent has no cheap form), and differ from Math.pow only by rounding.
 */

/** Largest integer exponent raised by repeated squaring (≤ 7 squarings + 7 multiplications). */
const MAX_SQUARING_EXPONENT = 128;

/** x^n and x^(1/n) for one exponent n > 0, chosen once per operator call. */
export interface FixedPower {
  /** The exponent n. */
  readonly n: number;
  /** n when it is an integer small enough for repeated squaring, else 0. */
  readonly integer: number;
  /** log2(n) when n is a power of two (x^(1/n) = n-fold square root), else −1. */
  readonly sqrtSteps: number;
}

export function fixedPower(n: number): FixedPower {
  const integer = Number.isInteger(n) && n >= 1 && n <= MAX_SQUARING_EXPONENT ? n : 0;
  const sqrtSteps = integer && (integer & (integer - 1)) === 0 ? Math.round(Math.log2(integer)) : -1;
  return { n, integer, sqrtSteps };
}

/** x^n for x ≥ 0. */
export function raise(p: FixedPower, x: number): number {
  let e = p.integer;
  if (e === 0) return Math.exp(p.n * Math.log(x));
  let result = 1;
  let base = x;
  while (e > 1) {
    if (e & 1) result *= base;
    base *= base;
    e >>>= 1;
  }
  return result * base;
}

/** x^(1/n) for x ≥ 0. */
export function root(p: FixedPower, x: number): number {
  let k = p.sqrtSteps;
  if (k < 0) return Math.exp(Math.log(x) / p.n);
  while (k-- > 0) x = Math.sqrt(x);
  return x;
}
