import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProblemError } from "../engine/errors";
import { solveTimetablingFile } from "./cli";
import { timetablingFileReaders } from "./files";
import { compileTimetabling, evaluatePlacements, readCttSolution, timetablingKind } from "./index";
import { sheetsToWorkbook, templateCsv, templateSheets } from "./model/workbook";
import { TINY } from "./test/fixtures";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("timetabling file readers", () => {
  it("turns .ctt, .xlsx, .csv and .json files into documents the kind compiles", () => {
    expect(compileTimetabling(timetablingFileReaders[".ctt"](bytes(TINY), "tiny.ctt")).courseIds).toEqual(["A", "B", "C"]);
    const fromXlsx = timetablingFileReaders[".xlsx"](sheetsToWorkbook(templateSheets()), "school.xlsx");
    expect(fromXlsx.format).toBe("model");
    expect(compileTimetabling(fromXlsx).courseIds).toEqual(["math9", "chem9"]);
    const fromCsv = timetablingFileReaders[".csv"](bytes(templateCsv()), "school.csv");
    expect(compileTimetabling(timetablingFileReaders[".json"](bytes(JSON.stringify(fromCsv)), "school.json")).lectureCourse.length).toBe(6);
    expect(timetablingKind.size(timetablingKind.compile(fromCsv))).toEqual({ lectures: 6, courses: 2, rooms: 2, periods: 20, curricula: 1 });
  });

  it("keeps sheet locations for spreadsheet errors", () => {
    const sheets = templateSheets();
    sheets.Courses[1][3] = "nobody";
    try {
      timetablingFileReaders[".xlsx"](sheetsToWorkbook(sheets), "bad.xlsx");
      throw new Error("expected a ProblemError");
    } catch (e) {
      expect(e).toBeInstanceOf(ProblemError);
      expect((e as ProblemError).issues[0]).toMatchObject({ sheet: "Courses", line: 2, column: 4 });
    }
  });
});

describe("timetabling CLI", () => {
  it("solves a .ctt file, writes the competition format, and reports the validator's figures", () => {
    const dir = mkdtempSync(join(tmpdir(), "tt-"));
    writeFileSync(join(dir, "tiny.ctt"), TINY);
    const out = join(dir, "tiny.sol");
    const result = solveTimetablingFile(join(dir, "tiny.ctt"), { seconds: 5, maxEvaluations: 20_000, out, seed: 3 });
    const problem = compileTimetabling({ kind: "timetabling", format: "ctt", text: TINY });
    const e = evaluatePlacements(problem, readCttSolution(problem, readFileSync(out, "utf8")).placements);
    expect(result).toMatchObject({ hard: 0, soft: e.soft, evaluations: 20_000 });
    expect(e.hard).toBe(0);
  });
});
