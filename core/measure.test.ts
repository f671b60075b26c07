/**
 * Every kind's `measure(doc)` gives exactly `size(compile(doc))` on valid documents, reading only
 * headers and counts, and refuses size bombs quickly with a 413 / 422 ProblemError.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ProblemError } from "./engine/errors";
import { kinds } from "./index";
import { defineCustomPermutation, readPermutationDocument } from "./permutation/document";
import { permutationKind } from "./permutation/index";
import { continuousKind } from "./continuous/index";
import { timetablingKind } from "./timetabling/index";
import { compileModel } from "./timetabling/model/compile";
import { modelFromSheets } from "./timetabling/model/sheets";
import { compileCsv, compileWorkbook, measureCsv, measureWorkbook, templateCsv, templateSheets, templateWorkbook } from "./timetabling/model/workbook";
import { TINY, comp } from "./timetabling/test/fixtures";
import { tspKind } from "./tsp/index";

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), "utf8");
const tspFiles = readdirSync(new URL("../fixtures/tsplib/", import.meta.url)).filter((f) => f.endsWith(".tsp"));

function refusedQuickly(f: () => unknown, status: 413 | 422, limit: string): void {
  const t0 = performance.now();
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(performance.now() - t0).toBeLessThan(200);
  expect(error).toBeInstanceOf(ProblemError);
  expect((error as ProblemError).status).toBe(status);
  expect((error as ProblemError).limit?.name).toBe(limit);
}

describe("measure(doc) equals size(compile(doc))", () => {
  it("every kind implements measure", () => {
    for (const kind of Object.values(kinds)) expect(typeof kind!.measure, kind!.kind).toBe("function");
  });

  it("timetabling .ctt: the tiny instance, comp01, and comp01 with pins", () => {
    for (const doc of [
      { kind: "timetabling", format: "ctt", text: TINY },
      { kind: "timetabling", format: "ctt", text: comp("comp01") },
      { kind: "timetabling", format: "ctt", text: TINY, pinned: "A r1 0 0\n", weights: { roomStability: 3 } },
    ]) {
      expect(timetablingKind.measure!(doc)).toEqual(timetablingKind.size(timetablingKind.compile(doc)));
    }
  });

  it("timetabling model, CSV and XLSX (the templates)", () => {
    const model = { ...modelFromSheets(templateSheets()).model, kind: "timetabling" };
    expect(timetablingKind.measure!(model)).toEqual(timetablingKind.size(compileModel(model)));
    expect(timetablingKind.measure!(model).lectures).toBeGreaterThan(0);
    expect({ ...measureCsv(templateCsv()) }).toEqual(timetablingKind.size(compileCsv(templateCsv())));
    expect({ ...measureWorkbook(templateWorkbook()) }).toEqual(timetablingKind.size(compileWorkbook(templateWorkbook())));
  });

  it.each(tspFiles)("tsp: %s as TSPLIB text and as coordinates", (file) => {
    const doc = { kind: "tsp", format: "tsplib", text: fixture(`tsplib/${file}`) };
    const problem = tspKind.compile(doc);
    expect(tspKind.measure!(doc)).toEqual(tspKind.size(problem));
  });

  it("tsp: JSON coordinates", () => {
    const doc = {
      kind: "tsp",
      coordinates: [
        [0, 0],
        [1, 0],
        [0, 1],
        [2, 2],
      ],
    };
    expect(tspKind.measure!(doc)).toEqual(tspKind.size(tspKind.compile(doc)));
  });

  it("continuous: built-in functions with and without bounds", () => {
    for (const doc of [
      { kind: "continuous", function: "rastrigin", dimension: 30 },
      {
        kind: "continuous",
        function: "sphere",
        dimension: 2,
        bounds: [
          [-1, 1],
          [0, 2],
        ],
      },
    ]) {
      expect(continuousKind.measure!(doc)).toEqual(continuousKind.size(continuousKind.compile(doc)));
    }
  });

  it("permutation: the problem the platform builds from the document", () => {
    const doc = { kind: "permutation", size: 12, objective: { language: "javascript", code: "export function fitness(p) { return p[0]; }" } };
    const problem = defineCustomPermutation(readPermutationDocument(doc), { evaluateBatch: (_p, count, _n, out) => out.fill(0, 0, count) });
    expect(permutationKind.measure!(doc)).toEqual(permutationKind.size(problem));
  });
});

describe("measure refuses size bombs quickly", () => {
  const header = (days: number) => `Name: b\nCourses: 1\nRooms: 1\nDays: ${days}\nPeriods_per_day: 1\nCurricula: 0\nConstraints: 0\n`;

  it("timetabling", () => {
    refusedQuickly(() => timetablingKind.measure!({ format: "ctt", text: header(50_000_000) }), 422, "MAX_DAYS");
    refusedQuickly(() => timetablingKind.measure!({ format: "ctt", text: header(5) + " ".repeat(5 * 1024 * 1024) }), 413, "MAX_CTT_BYTES");
    const courses = Array.from({ length: 50_000 }, (_, i) => ({ id: `c${i}`, lecturesPerWeek: 1 }));
    refusedQuickly(() => timetablingKind.measure!({ format: "model", days: [], periods: [], rooms: [], courses }), 422, "MAX_COURSES");
  });

  it("tsp", () => {
    refusedQuickly(() => tspKind.measure!({ kind: "tsp", format: "tsplib", text: "DIMENSION: 99999999\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n" }), 422, "MAX_CITIES");
    refusedQuickly(() => tspKind.measure!({ kind: "tsp", format: "tsplib", text: "DIMENSION: 5000\nEDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_SECTION\n" }), 422, "MAX_EXPLICIT_CITIES");
  });

  it("continuous and permutation", () => {
    refusedQuickly(() => continuousKind.measure!({ kind: "continuous", function: "sphere", dimension: 1e9 }), 422, "MAX_DIMENSION");
    refusedQuickly(() => continuousKind.compile({ kind: "continuous", function: "sphere", dimension: 1e9 }), 422, "MAX_DIMENSION");
    refusedQuickly(() => permutationKind.measure!({ kind: "permutation", size: 1e9 }), 422, "MAX_PERMUTATION_SIZE");
  });
});
