/**
 * Fuzz: ≥ 10,000 generated and mutated `.ctt` texts (mutations of the tiny instance and of
 * fixtures/itc2007/comp01.ctt) and solution texts. Every input ends in well under a second with a
 * problem or a ProblemError; a compiled problem stays within core/timetabling/limits.ts and its
 * measured size equals its compiled size.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzParams, mutatedText, numberTokens, SlowestInput, typed } from "../../engine/fuzz-support";
import { timetablingKind } from "../index";
import { TINY, comp } from "../test/fixtures";
import { withinLimits } from "../test/within-limits";
import { readCtt } from "./ctt";
import { MAX_WARNINGS, readCttSolution } from "./sol";

/** Wall time that only runaway work reaches, even on a loaded 2-core CI machine. */
const CATASTROPHE_MS = 10_000;

const COMP01 = comp("comp01");

/** Headers with interesting numbers, followed by a few plausible or junk lines. */
const generated = fc
  .tuple(
    fc.array(numberTokens, { minLength: 6, maxLength: 6 }),
    fc.array(fc.oneof(fc.constantFrom("COURSES:", "ROOMS:", "CURRICULA:", "UNAVAILABILITY_CONSTRAINTS:", "END.", "c t 1 1 1", "r 10", "q 2 c c", "c 0 0", ""), fc.string({ maxLength: 20 })), {
      maxLength: 30,
    }),
  )
  .map(
    ([[courses, rooms, days, slots, curricula, constraints], body]) =>
      `Name: fuzz\nCourses: ${courses}\nRooms: ${rooms}\nDays: ${days}\nPeriods_per_day: ${slots}\nCurricula: ${curricula}\nConstraints: ${constraints}\n${body.join("\n")}`,
  );

describe(".ctt fuzz", () => {
  it("10,000 generated and mutated instances: typed errors only, bounded output, measure = size", () => {
    const slowest = new SlowestInput();
    let compiled = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: mutatedText([TINY, TINY, COMP01]) }, { weight: 2, arbitrary: generated }, { weight: 1, arbitrary: fc.string({ maxLength: 300 }) }), (text) => {
        const out = typed(() => readCtt(text));
        slowest.note(out.ms, text);
        if (out.value) {
          compiled++;
          withinLimits(out.value);
          expect(timetablingKind.measure!({ format: "ctt", text })).toEqual(timetablingKind.size(out.value));
        }
        typed(() => timetablingKind.measure!({ format: "ctt", text }));
      }),
      fuzzParams(),
    );
    // A guard against runaway work (seconds per input), not a speed target: `npm run attack` times the refusals.
    expect(slowest.ms).toBeLessThan(CATASTROPHE_MS);
    expect(compiled).toBeGreaterThan(100); // the mutations keep exercising the whole reader
  });

  it("10,000 mutated solution texts against comp01: typed errors only, bounded warnings", () => {
    const problem = readCtt(COMP01);
    const lines = Array.from({ length: 40 }, (_, i) => `${problem.courseIds[i % 30]} ${problem.roomIds[i % 6]} ${i % 5} ${i % 6}`).join("\n");
    const slowest = new SlowestInput();
    fc.assert(
      fc.property(fc.oneof(mutatedText([lines]), fc.string({ maxLength: 200 })), (text) => {
        const out = typed(() => readCttSolution(problem, text));
        slowest.note(out.ms, text);
        if (out.value) {
          expect(out.value.placements.length).toBeLessThanOrEqual(text.split("\n").length);
          expect(out.value.warnings.length).toBeLessThanOrEqual(MAX_WARNINGS);
        }
      }),
      fuzzParams(),
    );
    // A guard against runaway work (seconds per input), not a speed target: `npm run attack` times the refusals.
    expect(slowest.ms).toBeLessThan(CATASTROPHE_MS);
  });
});
