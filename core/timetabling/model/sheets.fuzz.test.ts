/**
 * Fuzz: ≥ 10,000 CSV texts (mutations of the template, generated sections). Every input ends in
 * well under a second with a problem or a ProblemError, compiled problems stay within
 * core/timetabling/limits.ts and measureCsv equals their size. XLSX: workbook.fuzz.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzParams, mutatedText, numberTokens, SlowestInput, typed } from "../../engine/fuzz-support";
import { timetablingKind } from "../index";
import { withinLimits } from "../test/within-limits";
import { compileCsv, measureCsv, templateCsv } from "./workbook";

/** Wall time that only runaway work reaches, even on a loaded 2-core CI machine. */
const CATASTROPHE_MS = 10_000;

const csvSections = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "[Days]",
        "[Periods]",
        "[Rooms]",
        "[Courses]",
        "[Groups]",
        "[Weights]",
        "[Pinned]",
        "[Other]",
        "id,name,capacity",
        "id,lecturesPerWeek,groups",
        "Mon,Monday",
        "P1",
        "R1,,30",
        "c1,3,9A",
      ),
      fc.array(fc.oneof(numberTokens, fc.string({ maxLength: 8 })), { maxLength: 5 }).map((cells) => cells.join(fc.sample(fc.constantFrom(",", ";"), 1)[0])),
      fc.string({ maxLength: 30 }),
    ),
    { maxLength: 40 },
  )
  .map((lines) => lines.join("\n"));

describe("CSV fuzz", () => {
  it("10,000 CSV texts: typed errors only, bounded output, measure = size", () => {
    const slowest = new SlowestInput();
    let compiled = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: mutatedText([templateCsv()]) }, { weight: 2, arbitrary: csvSections }, { weight: 1, arbitrary: fc.string({ maxLength: 200 }) }), (text) => {
        const out = typed(() => compileCsv(text));
        slowest.note(out.ms, text);
        if (out.value) {
          compiled++;
          withinLimits(out.value);
          expect({ ...measureCsv(text) }).toEqual(timetablingKind.size(out.value));
        }
      }),
      fuzzParams(),
    );
    // A guard against runaway work (seconds per input), not a speed target: `npm run attack` times the refusals.
    expect(slowest.ms).toBeLessThan(CATASTROPHE_MS);
    expect(compiled).toBeGreaterThan(100);
  });
});
