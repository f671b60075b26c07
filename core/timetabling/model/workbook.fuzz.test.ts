/**
 * Fuzz: ≥ 10,000 XLSX byte strings: byte mutations of a small workbook (stored and compressed),
 * its sheet XML rewritten with a far cell and used range, and random bytes. Every input ends in
 * well under a second with a problem or a ProblemError; compiled problems stay within
 * core/timetabling/limits.ts.
 */
import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { fuzzParams, mutatedBytes, SlowestInput, typed } from "../../engine/fuzz-support";
import { withinLimits } from "../test/within-limits";
import { compileWorkbook, readWorkbook, sheetsToWorkbook, templateSheets } from "./workbook";

/** Wall time that only runaway work reaches, even on a loaded 2-core CI machine. */
const CATASTROPHE_MS = 10_000;

describe("XLSX fuzz", () => {
  it("10,000 XLSX byte strings: typed errors only, bounded output", () => {
    // A minimal valid workbook keeps each read around a millisecond (the template takes ~5).
    const written = unzipSync(
      sheetsToWorkbook({
        Days: [["id"], ["Mon"]],
        Periods: [["id"], ["P1"]],
        Rooms: [
          ["id", "capacity"],
          ["R", "10"],
        ],
        Courses: [
          ["id", "lecturesPerWeek"],
          ["c", "1"],
        ],
      }),
    );
    const files = Object.fromEntries(Object.entries(written).filter(([name]) => !/theme|docProps/.test(name)));
    const stored = zipSync(files, { level: 0 });
    const compressed = zipSync(files, { level: 6 });
    const sheet = Object.keys(files).find((k) => k.startsWith("xl/worksheets/"))!;
    const xml = strFromU8(files[sheet]);
    /** The first sheet with its dimension and one cell moved to random places. */
    const ranged = fc
      .tuple(fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1_048_576 })), fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 16_383 })))
      .map(([row, col]) => {
        let name = "";
        for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
        const edited = xml
          .replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${name}${row}"/>`)
          .replace("</sheetData>", `<row r="${row}"><c r="${name}${row}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`);
        return zipSync({ ...files, [sheet]: strToU8(edited) }, { level: 0 });
      });
    const slowest = new SlowestInput();
    let compiled = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 3, arbitrary: mutatedBytes(stored) },
          { weight: 2, arbitrary: mutatedBytes(compressed) },
          { weight: 1, arbitrary: ranged },
          { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
        ),
        (bytes) => {
          // On failure, report the bytes as base64 (short enough to paste into a regression test).
          (bytes as { toJSON?: () => string }).toJSON = () => Buffer.from(bytes).toString("base64");
          const out = typed(() => compileWorkbook(bytes));
          slowest.note(out.ms, bytes.length);
          if (out.value) {
            compiled++;
            withinLimits(out.value);
          }
        },
      ),
      fuzzParams(),
    );
    // A guard against runaway work (seconds per input), not a speed target: `npm run attack` times the refusals.
    expect(slowest.ms).toBeLessThan(CATASTROPHE_MS);
    expect(compiled).toBeGreaterThan(50);
    // The unmutated workbook still reads (the fuzz did not only see broken input).
    expect(readWorkbook(sheetsToWorkbook(templateSheets())).Days[1]).toEqual(["Mon", "Monday"]);
  });
});
