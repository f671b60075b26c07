/**
 * Shared pieces of the parser fuzz tests (`*.fuzz.test.ts`): mutations of valid fixtures,
 * "interesting" numbers (limits, Int16/Int32 edges, huge and malformed values), and the check
 * every parser must pass: it returns, or throws our typed ProblemError, quickly.
 * Test-only: nothing in the engine imports this file.
 */
import fc from "fast-check";
import { ProblemError } from "./errors";

/** Numbers around the parsers' limits and the integer types' edges, plus junk spelled as numbers. */
export const numberTokens: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -3, max: 400 }).map(String),
  fc.constantFrom("0", "-1", "14", "15", "24", "25", "336", "1000", "1001", "3000", "3001", "10000", "10001", "15001", "32767", "32768", "65536"),
  fc.constantFrom("50000000", "2147483648", "9007199254740993", "1e9", "1e308", "NaN", "Infinity", "-0", "0x10", "1.5", "", "99999999999999999999999"),
);

/** A line-level mutation of a text: replace a token, drop, duplicate or swap lines, splice junk. */
type Mutation =
  | { op: "token"; line: number; token: number; value: string }
  | { op: "drop"; line: number }
  | { op: "dup"; line: number; times: number }
  | { op: "swap"; a: number; b: number }
  | { op: "insert"; at: number; text: string }
  | { op: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant("token" as const), line: fc.nat(), token: fc.nat(8), value: fc.oneof(numberTokens, fc.string({ maxLength: 12 })) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("drop" as const), line: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("dup" as const), line: fc.nat(), times: fc.integer({ min: 1, max: 50 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("swap" as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.string({ maxLength: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }) },
);

function apply(text: string, mutations: Mutation[]): string {
  const lines = text.split("\n");
  for (const m of mutations) {
    if (!lines.length) lines.push("");
    const at = (i: number) => i % lines.length;
    switch (m.op) {
      case "token": {
        const i = at(m.line);
        const toks = lines[i].split(/(\s+)/);
        const words = toks.map((t, k) => (/\S/.test(t) ? k : -1)).filter((k) => k >= 0);
        if (words.length) toks[words[m.token % words.length]] = m.value;
        else toks.push(m.value);
        lines[i] = toks.join("");
        break;
      }
      case "drop":
        lines.splice(at(m.line), 1);
        break;
      case "dup":
        lines.splice(at(m.line), 0, ...Array.from({ length: m.times }, () => lines[at(m.line)]));
        break;
      case "swap": {
        const [a, b] = [at(m.a), at(m.b)];
        [lines[a], lines[b]] = [lines[b], lines[a]];
        break;
      }
      case "insert": {
        const i = at(m.at);
        const col = m.at % (lines[i].length + 1);
        lines[i] = lines[i].slice(0, col) + m.text + lines[i].slice(col);
        break;
      }
      case "truncate":
        lines.length = 1 + at(m.at);
        break;
    }
  }
  return lines.join("\n");
}

/** Mutations (1 to `max`) of one of the given valid texts. */
export function mutatedText(bases: string[], max = 6): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...bases), fc.array(mutation, { minLength: 1, maxLength: max })).map(([base, ms]) => apply(base, ms));
}

/** Byte-level mutations of binary input (flips, overwrites, cuts). */
export function mutatedBytes(base: Uint8Array, max = 4): fc.Arbitrary<Uint8Array> {
  const op = fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }), kind: fc.constantFrom("set", "flip", "cut") });
  return fc.array(op, { minLength: 1, maxLength: max }).map((ops) => {
    let out = base.slice();
    for (const o of ops) {
      const i = o.at % out.length;
      if (o.kind === "set") out[i] = o.value;
      else if (o.kind === "flip") out[i] ^= 1 << (o.value % 8);
      else out = out.slice(0, Math.max(1, i));
    }
    return out;
  });
}

export interface Outcome<T> {
  value?: T;
  error?: ProblemError;
  ms: number;
}

/**
 * Run a parser on one input: anything thrown that is not a ProblemError fails the property, and
 * so does a limit error whose status does not match its unit (413 bytes, 422 counts).
 */
export function typed<T>(parse: () => T): Outcome<T> {
  const t0 = performance.now();
  try {
    const value = parse();
    return { value, ms: performance.now() - t0 };
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    if (e.limit && e.status !== (e.limit.unit === "bytes" ? 413 : 422)) throw new Error(`limit ${e.limit.name} with status ${e.status}`);
    if (e.limit && !(e.limit.actual > e.limit.maximum)) throw new Error(`limit ${e.limit.name} refused ${e.limit.actual} ≤ ${e.limit.maximum}`);
    if (!e.issues.length) throw new Error("ProblemError without issues");
    return { error: e, ms: performance.now() - t0 };
  }
}

/** Slowest single input seen by a fuzz run, to assert every input ends well under a second. */
export class SlowestInput {
  ms = 0;
  input: unknown;
  note(ms: number, input: unknown): void {
    if (ms > this.ms) (this.ms = ms), (this.input = input);
  }
}

/**
 * fast-check parameters of every parser fuzz test: 10,000 runs; `FUZZ_SEED=n` replays one seed
 * (fast-check prints the seed of a failing run).
 */
export function fuzzParams(numRuns = 10_000): { numRuns: number; seed?: number } {
  const seed = process.env.FUZZ_SEED;
  return seed ? { numRuns, seed: Number(seed) } : { numRuns };
}
