/**
 * Fuzz: ≥ 10,000 TSPLIB texts (line mutations of every fixtures/tsplib/*.tsp, generated headers
 * with extreme DIMENSIONs and EXPLICIT sections, random text) and JSON coordinate documents.
 * Every input ends in well under a second with a problem or a ProblemError; a compiled problem
 * has at most MAX_CITIES cities (MAX_EXPLICIT_CITIES for matrices) and measure equals its size.
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzParams, mutatedText, numberTokens, SlowestInput, typed } from "../engine/fuzz-support";
import { compileTsp, measureTsp } from "./document";
import { MAX_CITIES, MAX_EXPLICIT_CITIES } from "./tsplib";

/** Wall time that only runaway work reaches, even on a loaded 2-core CI machine. */
const CATASTROPHE_MS = 10_000;

const dir = new URL("../../fixtures/tsplib/", import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".tsp"))
  .map((f) => readFileSync(new URL(f, dir), "utf8"));

const generated = fc
  .tuple(
    numberTokens,
    fc.constantFrom("EUC_2D", "CEIL_2D", "ATT", "GEO", "EXPLICIT", "MAN_2D", ""),
    fc.constantFrom("FULL_MATRIX", "UPPER_ROW", "LOWER_DIAG_ROW", "UPPER_DIAG_COL", "FUNCTION", ""),
    fc.constantFrom("NODE_COORD_SECTION", "EDGE_WEIGHT_SECTION", "DISPLAY_DATA_SECTION", ""),
    fc.array(
      fc.oneof(
        fc.array(numberTokens, { maxLength: 6 }).map((t) => t.join(" ")),
        fc.string({ maxLength: 15 }),
      ),
      { maxLength: 30 },
    ),
  )
  .map(([dim, type, fmt, section, body]) => `NAME: fuzz\nTYPE: TSP\nDIMENSION: ${dim}\nEDGE_WEIGHT_TYPE: ${type}\nEDGE_WEIGHT_FORMAT: ${fmt}\n${section}\n${body.join("\n")}\nEOF\n`);

describe("TSPLIB fuzz", () => {
  it("10,000 mutated and generated .tsp texts: typed errors only, bounded output, measure = size", () => {
    const slowest = new SlowestInput();
    let compiled = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: mutatedText(fixtures, 5) }, { weight: 3, arbitrary: generated }, { weight: 1, arbitrary: fc.string({ maxLength: 300 }) }), (text) => {
        const doc = { kind: "tsp", format: "tsplib", text };
        const out = typed(() => compileTsp(doc));
        slowest.note(out.ms, text.slice(0, 200));
        if (out.value) {
          compiled++;
          expect(out.value.n).toBeLessThanOrEqual(MAX_CITIES);
          if (/EXPLICIT/i.test(text)) expect(out.value.n).toBeLessThanOrEqual(MAX_EXPLICIT_CITIES);
          expect(measureTsp(doc)).toEqual({ cities: out.value.n });
        }
        const measured = typed(() => measureTsp(doc));
        slowest.note(measured.ms, text.slice(0, 200));
      }),
      fuzzParams(),
    );
    // A guard against runaway work (seconds per input), not a speed target: `npm run attack` times the refusals.
    expect(slowest.ms).toBeLessThan(CATASTROPHE_MS);
    expect(compiled).toBeGreaterThan(100);
  });

  // Valid documents stay small here: compiling 10,000 cities takes seconds (O(n²) neighbour lists in
  // core/tsp/neighbours.ts), which is why the platform admits by measureTsp before compiling.
  it("10,000 JSON coordinate documents: typed errors only", () => {
    const value = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.NaN, Infinity, 1e308), fc.string({ maxLength: 3 }), fc.constant(null));
    const doc = fc.record(
      {
        kind: fc.constantFrom("tsp", "TSP", 1),
        coordinates: fc.oneof(
          fc.array(fc.tuple(value, value), { maxLength: 40 }),
          fc.array(fc.array(value, { maxLength: 3 }), { maxLength: 10 }),
          fc.constantFrom(MAX_CITIES + 1, 20_000).map((n) => Array.from({ length: n }, (_, i) => [i, i])),
        ),
        distance: fc.constantFrom("euclidean", "EUC_2D", "GEO", "nope", 3),
        name: fc.oneof(fc.string({ maxLength: 10 }), fc.integer()),
      },
      { requiredKeys: ["kind"] },
    );
    const slowest = new SlowestInput();
    fc.assert(
      fc.property(doc, (d) => {
        const out = typed(() => compileTsp(d));
        slowest.note(out.ms, Array.isArray(d.coordinates) ? d.coordinates.length : d.coordinates);
        if (out.value) {
          expect(out.value.n).toBeLessThanOrEqual(MAX_CITIES);
          expect(measureTsp(d)).toEqual({ cities: out.value.n });
        }
      }),
      fuzzParams(),
    );
    // A guard against runaway work (seconds per input), not a speed target: `npm run attack` times the refusals.
    expect(slowest.ms).toBeLessThan(CATASTROPHE_MS);
  });
});
