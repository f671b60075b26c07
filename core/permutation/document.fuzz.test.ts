/**
 * Fuzz: ≥ 10,000 generated permutation documents: reading the shape ends quickly with a spec or a
 * ProblemError (compile always refuses in core: only the platform's sandbox runs the objective),
 * a spec's size is at most MAX_PERMUTATION_SIZE, and measure equals it. Half the documents come from
 * `wellFormed`, so the accepting path is exercised on every seed (random shapes alone are valid about
 * once in a thousand: a run once drew only 11).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzParams, SlowestInput, typed } from "../engine/fuzz-support";
import { compilePermutation, measurePermutation, readPermutationDocument } from "./document";
import { MAX_PERMUTATION_SIZE, MIN_PERMUTATION_SIZE } from "./problem";

/** Wall time that only runaway work reaches, even on a loaded 2-core CI machine. */
const CATASTROPHE_MS = 10_000;

const doc = fc.record(
  {
    kind: fc.constantFrom("permutation", "permutation", "tsp"),
    size: fc.oneof(fc.integer({ min: -3, max: 6_000 }), fc.constantFrom(2, MAX_PERMUTATION_SIZE, MAX_PERMUTATION_SIZE + 1, 1e9, 2 ** 53, 1.5, Number.NaN), fc.string({ maxLength: 4 })),
    direction: fc.constantFrom("minimize", "maximize", "up"),
    name: fc.oneof(fc.string({ maxLength: 10 }), fc.constant("x".repeat(300)), fc.integer()),
    objective: fc.oneof(
      fc.constant({ language: "javascript", code: "export function fitness(p) { return p[0]; }" }),
      fc.record(
        {
          language: fc.constantFrom("javascript", "python"),
          code: fc.oneof(fc.string({ maxLength: 50 }), fc.constant("x".repeat(300_000))),
          onError: fc.constantFrom("fail", "penalty", "retry"),
          penalty: fc.oneof(fc.double(), fc.string()),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    extra: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: ["kind"] },
);

/** Documents the reader must accept: every field within its documented range. */
const wellFormed = fc.record(
  {
    kind: fc.constant("permutation"),
    size: fc.integer({ min: MIN_PERMUTATION_SIZE, max: MAX_PERMUTATION_SIZE }),
    direction: fc.constantFrom("minimize", "maximize"),
    name: fc.string({ maxLength: 200 }),
    objective: fc.record(
      {
        language: fc.constant("javascript"),
        code: fc.constantFrom("export function fitness(p) { return p[0]; }", "export const fitness = (p) => p.indexOf(0);"),
        onError: fc.constant("fail"),
      },
      { requiredKeys: ["language", "code"] },
    ),
  },
  { requiredKeys: ["kind", "size", "objective"] },
);

describe("permutation document fuzz", () => {
  it("10,000 generated documents: typed errors only, bounded size, measure = size", () => {
    const slowest = new SlowestInput();
    let read = 0;
    fc.assert(
      fc.property(fc.oneof(doc, wellFormed), (d) => {
        const out = typed(() => readPermutationDocument(d));
        slowest.note(out.ms, d.size);
        if (out.value) {
          read++;
          expect(out.value.size).toBeLessThanOrEqual(MAX_PERMUTATION_SIZE);
          expect(measurePermutation(d)).toEqual({ elements: out.value.size });
        }
        expect(typed(() => compilePermutation(d)).error).toBeDefined();
        typed(() => measurePermutation(d));
      }),
      fuzzParams(),
    );
    // A guard against runaway work (seconds per input), not a speed target: `npm run attack` times the refusals.
    expect(slowest.ms).toBeLessThan(CATASTROPHE_MS);
    // Half the inputs are well-formed, so about 5,000 are read; 4,000 is far below any seed's count.
    expect(read).toBeGreaterThan(4_000);
  });
});
