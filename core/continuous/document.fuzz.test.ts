/**
 * Fuzz: ≥ 10,000 generated and mutated continuous documents (built-in functions and custom
 * objectives): every input ends quickly with a problem or a ProblemError, a compiled problem has
 * at most MAX_DIMENSION dimensions, and measure equals its size.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzParams, SlowestInput, typed } from "../engine/fuzz-support";
import { compileContinuous, measureContinuous } from "./document";
import { BUILTIN_NAMES } from "./functions";
import { MAX_DIMENSION } from "./problem";

/** Wall time that only runaway work reaches, even on a loaded 2-core CI machine. */
const CATASTROPHE_MS = 10_000;

const number = fc.oneof(fc.double(), fc.integer({ min: -5, max: 1_100 }), fc.constantFrom(0, 1, 30, MAX_DIMENSION, MAX_DIMENSION + 1, 1e9, 2 ** 31, -1, 1.5, Number.NaN, Infinity));
const pair = fc.oneof(fc.tuple(number, number), fc.array(number, { maxLength: 3 }), fc.constant(null));

const doc = fc.record(
  {
    kind: fc.constantFrom("continuous", "continuous", "tsp", 7),
    function: fc.oneof(fc.constantFrom(...BUILTIN_NAMES), fc.string({ maxLength: 8 })),
    dimension: fc.oneof(number, fc.string({ maxLength: 4 })),
    bounds: fc.oneof(
      { weight: 5, arbitrary: fc.oneof(pair, fc.array(pair, { maxLength: 40 })) },
      { weight: 1, arbitrary: fc.constant(MAX_DIMENSION + 1).map((n) => Array.from({ length: n }, () => [-1, 1])) },
    ),
    direction: fc.constantFrom("minimize", "maximize", "sideways", 1),
    objective: fc.oneof(fc.constant({ language: "javascript", code: "export function fitness(x) { return x[0]; }" }), fc.jsonValue({ maxDepth: 2 })),
    extra: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: ["kind"] },
);

/** A valid document with one field replaced, added or removed (keeps the compiler's success path busy). */
const nearValid = fc
  .tuple(
    fc.constantFrom(...BUILTIN_NAMES),
    fc.integer({ min: 1, max: 60 }),
    fc.constantFrom("kind", "function", "dimension", "bounds", "direction", "objective", "extra", "none"),
    fc.oneof(number, pair, fc.jsonValue({ maxDepth: 1 })),
  )
  .map(([fn, dimension, key, value]) => {
    const d: Record<string, unknown> = { kind: "continuous", function: fn, dimension };
    if (key === "none") return d;
    // Delete the key for a third of the dimensions (not from `value`: fast-check's JSON objects may have a null
    // prototype, which Number() cannot convert).
    if (dimension % 3 === 1) delete d[key];
    else d[key] = value;
    return d;
  });

describe("continuous document fuzz", () => {
  it("10,000 generated documents: typed errors only, bounded output, measure = size", () => {
    const slowest = new SlowestInput();
    let compiled = 0;
    fc.assert(
      fc.property(fc.oneof(doc, nearValid) as fc.Arbitrary<Record<string, unknown>>, (d) => {
        const out = typed(() => compileContinuous(d));
        slowest.note(out.ms, d.dimension);
        if (out.value) {
          compiled++;
          expect(out.value.dimension).toBeLessThanOrEqual(MAX_DIMENSION);
          expect(measureContinuous(d)).toEqual({ dimensions: out.value.dimension });
        }
        typed(() => measureContinuous(d));
      }),
      fuzzParams(),
    );
    // A guard against runaway work (seconds per input), not a speed target: `npm run attack` times the refusals.
    expect(slowest.ms).toBeLessThan(CATASTROPHE_MS);
    expect(compiled).toBeGreaterThan(20);
  });
});
