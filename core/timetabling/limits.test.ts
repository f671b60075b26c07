/**
 * Size bombs against every timetabling reader: each must be refused with a ProblemError carrying
 * the exceeded limit (413 for bytes, 422 for declared sizes) in well under a second, before it
 * allocates anything proportional to the declared size.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ProblemError } from "../engine/errors";
import { readCtt } from "./itc/ctt";
import { compileModel } from "./model/compile";
import { compileCsv, readWorkbook, sheetsToWorkbook } from "./model/workbook";
import { MAX_CONFLICT_PAIRS, MAX_COURSES, MAX_CTT_BYTES, MAX_DAYS, MAX_LECTURES, MAX_ROOMS, MAX_SHEET_CELLS, MAX_XLSX_ENTRIES, MAX_XLSX_UNCOMPRESSED_BYTES } from "./limits";
import { TINY } from "./test/fixtures";

/** Run `f`, expect a ProblemError with the given limit and status, and return it with the time taken. */
function refused(f: () => unknown, name: string, status: 413 | 422): { error: ProblemError; ms: number } {
  const t0 = performance.now();
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t0;
  expect(error).toBeInstanceOf(ProblemError);
  const pe = error as ProblemError;
  expect(pe.limit?.name).toBe(name);
  expect(pe.status).toBe(status);
  // Not a speed target (those are benchmarks: `npm run attack` times each refusal); this only
  // catches runaway work, which takes seconds even on a loaded 2-core CI machine.
  expect(ms).toBeLessThan(10_000);
  return { error: pe, ms };
}

const ctt = (h: { courses?: number; rooms?: number; days?: number; slots?: number; curricula?: number }, body = "") =>
  `Name: bomb\nCourses: ${h.courses ?? 1}\nRooms: ${h.rooms ?? 1}\nDays: ${h.days ?? 1}\nPeriods_per_day: ${h.slots ?? 1}\nCurricula: ${h.curricula ?? 0}\nConstraints: 0\n\n${body}`;

describe(".ctt limits", () => {
  it("refuses Days: 50000000 in a file under 150 bytes from the header line", () => {
    const text = ctt({ days: 50_000_000 }, "COURSES:\nc t 1 1 1\n");
    expect(text.length).toBeLessThan(150);
    const { error } = refused(() => readCtt(text), "MAX_DAYS", 422);
    expect(error.issues[0].line).toBe(4);
    expect(error.limit).toMatchObject({ maximum: MAX_DAYS, actual: 50_000_000 });
  });

  it("refuses too many courses and rooms declared in the header", () => {
    refused(() => readCtt(ctt({ courses: MAX_COURSES + 1 })), "MAX_COURSES", 422);
    refused(() => readCtt(ctt({ rooms: MAX_ROOMS + 1 })), "MAX_ROOMS", 422);
  });

  it("refuses a curriculum listing 20,000 courses without building its conflict sets", () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `c${i}`);
    const text = ctt({ courses: 1, curricula: 1 }, `COURSES:\nc0 t 1 1 1\nROOMS:\nr 1\nCURRICULA:\nq 20000 ${ids.join(" ")}\nUNAVAILABILITY_CONSTRAINTS:\nEND.\n`);
    const { error } = refused(() => readCtt(text), "MAX_LINE_TOKENS", 422);
    expect(error.issues[0].line).toBe(14);
    // The same curriculum announcing 20,000 courses but listing one is refused by its count.
    const announced = ctt({ courses: 1, curricula: 1 }, `COURSES:\nc0 t 1 1 1\nROOMS:\nr 1\nCURRICULA:\nq 20000 c0\nUNAVAILABILITY_CONSTRAINTS:\nEND.\n`);
    expect(refused(() => readCtt(announced), "MAX_COURSES", 422).error.issues[0]).toMatchObject({ line: 14, column: 3 });
  });

  it("refuses curricula whose conflicting pairs exceed MAX_CONFLICT_PAIRS", () => {
    const n = 1_500; // every curriculum lists all n courses: 2 × n(n−1) > the maximum
    const ids = Array.from({ length: n }, (_, i) => `c${i}`);
    const courses = ids.map((id, i) => `${id} t${i} 1 1 1`).join("\n");
    const text = ctt(
      { courses: n, rooms: 1, days: 14, slots: 24, curricula: 2 },
      `COURSES:\n${courses}\nROOMS:\nr 1\nCURRICULA:\nq1 ${n} ${ids.join(" ")}\nq2 ${n} ${ids.join(" ")}\nUNAVAILABILITY_CONSTRAINTS:\nEND.\n`,
    );
    expect(2 * n * (n - 1)).toBeGreaterThan(MAX_CONFLICT_PAIRS);
    refused(() => readCtt(text), "MAX_CONFLICT_PAIRS", 422);
  });

  it("refuses more lectures in total than MAX_LECTURES", () => {
    const n = 100;
    const per = Math.ceil((MAX_LECTURES + 1) / n);
    const courses = Array.from({ length: n }, (_, i) => `c${i} t${i} ${per} 1 1`).join("\n");
    const text = ctt({ courses: n, rooms: MAX_ROOMS, days: 14, slots: 24 }, `COURSES:\n${courses}\nROOMS:\n`);
    refused(() => readCtt(text), "MAX_LECTURES", 422);
  });

  it("refuses a text over MAX_CTT_BYTES with 413", () => {
    const text = TINY + " ".repeat(MAX_CTT_BYTES);
    refused(() => readCtt(text), "MAX_CTT_BYTES", 413);
  });

  it("still reads a valid instance", () => {
    expect(readCtt(TINY).courseIds).toEqual(["A", "B", "C"]);
  });
});

describe("model limits", () => {
  const base = () => ({
    format: "model",
    days: [{ id: "Mon" }],
    periods: [{ id: "P1" }],
    rooms: [{ id: "R", capacity: 10 }],
    courses: [{ id: "c", lecturesPerWeek: 1 }],
  });

  it("refuses too many courses before reading them", () => {
    const doc = { ...base(), courses: Array.from({ length: MAX_COURSES + 1 }, (_, i) => ({ id: `c${i}`, lecturesPerWeek: 0 })) };
    const { error } = refused(() => compileModel(doc), "MAX_COURSES", 422);
    expect(error.issues[0].path).toEqual(["courses"]);
  });

  it("refuses a course of 10^9 lectures per week", () => {
    const doc = { ...base(), courses: [{ id: "c", lecturesPerWeek: 1e9 }] };
    refused(() => compileModel(doc), "MAX_LECTURES", 422);
  });

  it("refuses a group shared by too many courses (conflict pairs)", () => {
    const courses = Array.from({ length: 2_000 }, (_, i) => ({ id: `c${i}`, lecturesPerWeek: 0, groups: ["g"] }));
    const doc = { ...base(), groups: [{ id: "g" }], courses };
    refused(() => compileModel(doc), "MAX_CONFLICT_PAIRS", 422);
  });

  it("refuses too many days", () => {
    const doc = { ...base(), days: Array.from({ length: 100 }, (_, i) => ({ id: `d${i}` })) };
    refused(() => compileModel(doc), "MAX_DAYS", 422);
  });
});

describe("sheet limits", () => {
  /** A small workbook whose Days sheet XML is rewritten by `edit`. */
  const patched = (edit: (xml: string) => string): Uint8Array => {
    const files = unzipSync(sheetsToWorkbook({ Days: [["id"], ["Mon"]] }));
    files["xl/worksheets/sheet1.xml"] = strToU8(edit(strFromU8(files["xl/worksheets/sheet1.xml"])));
    return zipSync(files);
  };

  it("refuses an XLSX sheet with cells at A1 and XFD1048576 (~10^10 cells once expanded)", () => {
    const bytes = patched((xml) =>
      xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>').replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'),
    );
    expect(bytes.length).toBeLessThan(10_000);
    const { error } = refused(() => readWorkbook(bytes), "MAX_SHEET_CELLS", 422);
    expect(error.issues[0].sheet).toBe("Days");
    expect(MAX_SHEET_CELLS).toBeLessThan(16384 * 1048576);
  });

  it("refuses a zip bomb by its declared size before inflating it", () => {
    const bomb = zipSync({ "xl/worksheets/sheet1.xml": new Uint8Array(MAX_XLSX_UNCOMPRESSED_BYTES + 1) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    refused(() => readWorkbook(bomb), "MAX_XLSX_UNCOMPRESSED_BYTES", 413);
  });

  it("refuses a zip bomb whose headers lie about its size, while inflating it", () => {
    const bomb = zipSync({ "xl/worksheets/sheet1.xml": new Uint8Array(MAX_XLSX_UNCOMPRESSED_BYTES + 1) }, { level: 9 });
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    // Claim 100 uncompressed bytes in the local header (offset 22) and the central directory (offset 24).
    for (let i = 0; i + 4 <= bomb.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 100, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 100, true);
    }
    // The message proves inflation stopped at the 100 declared bytes (not at the real 16 MiB).
    expect(() => readWorkbook(bomb)).toThrow(/inflates to more than the 100 bytes its header declares/);
  });

  it("refuses too many zip entries", () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= MAX_XLSX_ENTRIES; i++) files[`f${i}.xml`] = new Uint8Array(1);
    refused(() => readWorkbook(zipSync(files)), "MAX_XLSX_ENTRIES", 422);
  });

  it("refuses an XLSX that is not a zip, without letting SheetJS guess another format", () => {
    const bytes = new TextEncoder().encode("id,name\nMon,Monday\n");
    expect(() => readWorkbook(bytes)).toThrow(/not an XLSX workbook/);
  });

  it("reads a workbook we wrote", () => {
    const sheets = readWorkbook(
      sheetsToWorkbook({
        Days: [
          ["id", "name"],
          ["Mon", "Monday"],
        ],
      }),
    );
    expect(sheets.Days).toEqual([
      ["id", "name"],
      ["Mon", "Monday"],
    ]);
  });

  it("refuses a CSV with more rows than MAX_SHEET_ROWS", () => {
    const text = "[Days]\nid\n" + "Mon\n".repeat(30_000);
    refused(() => compileCsv(text), "MAX_SHEET_ROWS", 422);
  });
});
