/**
 * Spreadsheet I/O for the rich model: XLSX workbooks (SheetJS, maintained build `@e965/xlsx`;
 * works in Node and workerd since it only touches bytes), CSV (one sheet per file, or one file
 * with `[Sheet]` section lines), and the template a registrar starts from.
 *
 * Untrusted workbooks never reach SheetJS as uploaded: `boundedZip` checks the zip directory
 * (entries, declared sizes) with fflate, inflates every entry itself while counting the bytes it
 * really produces, and hands SheetJS a stored (uncompressed) copy; each sheet's used range
 * (`!ref`) is checked before it is converted to rows. Limits: core/timetabling/limits.ts.
 */
import * as XLSX from "@e965/xlsx";
import { Unzip, UnzipInflate, unzipSync, zipSync, type Unzipped } from "fflate";
import { checkLimit, ProblemError } from "../../engine/errors";
import { checkTextBytes, MAX_CSV_BYTES, MAX_CSV_SECTIONS, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_XLSX_BYTES, MAX_XLSX_ENTRIES, MAX_XLSX_UNCOMPRESSED_BYTES } from "../limits";
import type { TimetablingProblem } from "../problem";
import { measureModel, type ModelMeasure } from "./compile";
import { SHEET_COLUMNS, compileSheets, modelFromSheets, type Sheets } from "./sheets";

const notXlsx = (why: string) => new ProblemError({ path: [], message: `not a readable XLSX workbook (${why})` });

/** Size of the pieces the compressed bytes are fed in: each can inflate to at most ~1,032× its size. */
const FEED = 4096;

/**
 * The workbook's zip entries, inflated under the limits, re-packed without compression. Throws
 * 413 (MAX_XLSX_BYTES, MAX_XLSX_UNCOMPRESSED_BYTES) or 422 (MAX_XLSX_ENTRIES) before the output
 * grows past the maximum, whatever sizes the zip headers claim.
 */
export function boundedZip(bytes: Uint8Array): Uint8Array {
  checkLimit("MAX_XLSX_BYTES", MAX_XLSX_BYTES, bytes.length, "bytes", { path: [] }, "the workbook");
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 3 || bytes[3] !== 4) {
    throw new ProblemError({ path: [], message: "not an XLSX workbook (an .xlsx file is a zip archive starting with PK)" });
  }
  // 1. The central directory: entry count and declared sizes, nothing inflated.
  let entries = 0;
  let declared = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        checkLimit("MAX_XLSX_ENTRIES", MAX_XLSX_ENTRIES, ++entries, "zip entries", { path: [] }, "entries in the workbook");
        declared += f.originalSize;
        checkLimit("MAX_XLSX_UNCOMPRESSED_BYTES", MAX_XLSX_UNCOMPRESSED_BYTES, declared, "bytes", { path: [] }, "the unzipped workbook");
        return false;
      },
    });
  } catch (e) {
    if (e instanceof ProblemError) throw e;
    throw notXlsx((e as Error).message);
  }
  // 2. Inflate for real, counting what comes out (headers can lie about sizes).
  const files: Unzipped = {};
  let total = 0;
  let seen = 0;
  let failure: unknown;
  const unzip = new Unzip((file) => {
    if (failure) return;
    try {
      checkLimit("MAX_XLSX_ENTRIES", MAX_XLSX_ENTRIES, ++seen, "zip entries", { path: [] }, "entries in the workbook");
    } catch (e) {
      failure = e;
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, data, final) => {
      if (failure) return;
      if (err) return void (failure = notXlsx(err.message));
      size += data.length;
      total += data.length;
      // An entry inflating past the size its local header declares is malformed (or a bomb).
      if (file.originalSize !== undefined && size > file.originalSize) {
        failure = notXlsx(`entry ${JSON.stringify(file.name.slice(0, 100))} inflates to more than the ${file.originalSize} bytes its header declares`);
        return file.terminate();
      }
      if (total > MAX_XLSX_UNCOMPRESSED_BYTES) {
        failure = new ProblemError(
          { path: [], message: `the unzipped workbook is more than the maximum of ${MAX_XLSX_UNCOMPRESSED_BYTES} bytes` },
          { limit: { name: "MAX_XLSX_UNCOMPRESSED_BYTES", maximum: MAX_XLSX_UNCOMPRESSED_BYTES, actual: total, unit: "bytes" } },
        );
        return file.terminate();
      }
      chunks.push(data);
      if (final) {
        const out = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) out.set(c, (at += c.length) - c.length);
        files[file.name] = out;
      }
    };
    try {
      file.start();
    } catch (e) {
      failure = notXlsx((e as Error).message);
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (let i = 0; i < bytes.length && !failure; i += FEED) unzip.push(bytes.subarray(i, i + FEED), i + FEED >= bytes.length);
  } catch (e) {
    failure ??= e instanceof ProblemError ? e : notXlsx((e as Error).message);
  }
  if (failure) throw failure;
  return zipSync(files, { level: 0 });
}

/** Refuse a sheet whose used range (`!ref`, or `!fullref` when SheetJS cut the rows) is too large. */
function checkRange(name: string, ws: XLSX.WorkSheet): void {
  const ref = (ws["!fullref"] as string | undefined) ?? ws["!ref"];
  if (!ref) return;
  const r = XLSX.utils.decode_range(String(ref));
  if (![r.s.r, r.s.c, r.e.r, r.e.c].every((v) => Number.isInteger(v) && v >= 0)) {
    throw new ProblemError({ path: [], sheet: name, message: `unreadable used range ${JSON.stringify(String(ref).slice(0, 40))}` });
  }
  const rows = r.e.r - r.s.r + 1;
  const cols = r.e.c - r.s.c + 1;
  const where = { path: [], sheet: name };
  checkLimit("MAX_SHEET_CELLS", MAX_SHEET_CELLS, rows * cols, "cells", where, `cells in the used range ${ref}`);
  checkLimit("MAX_SHEET_ROWS", MAX_SHEET_ROWS, rows, "rows", where, `rows in the used range ${ref}`);
  checkLimit("MAX_SHEET_COLUMNS", MAX_SHEET_COLUMNS, cols, "columns", where, `columns in the used range ${ref}`);
}

/** Read every sheet of an XLSX workbook as rows of strings (bounded: see the file comment). */
export function readWorkbook(bytes: Uint8Array): Sheets {
  const stored = boundedZip(bytes);
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(stored, { type: "array", sheetRows: MAX_SHEET_ROWS + 1, cellFormula: false, cellHTML: false, bookVBA: false });
  } catch (e) {
    throw notXlsx((e as Error).message);
  }
  const out: Sheets = {};
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    checkRange(name, ws);
    let rows: unknown[][];
    try {
      rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: false, defval: "" });
    } catch (e) {
      // SheetJS throws plain Errors on malformed cells (e.g. an unknown cell type).
      throw new ProblemError({ path: [], sheet: name, message: `unreadable sheet (${(e as Error).message})` });
    }
    out[name] = rows.map((r) => r.map((v) => String(v ?? "")));
  }
  return out;
}

/** Size figures of an XLSX workbook (the timetabling kind's `size` keys), read under the limits without compiling. */
export function measureWorkbook(bytes: Uint8Array): ModelMeasure {
  return measureModel(modelFromSheets(readWorkbook(bytes)).model);
}

/** Size figures of a multi-section CSV, read under the limits without compiling. */
export function measureCsv(text: string): ModelMeasure {
  return measureModel(modelFromSheets(sheetsFromCsv(text)).model);
}

/** Compile an XLSX workbook into the problem. */
export function compileWorkbook(bytes: Uint8Array): TimetablingProblem {
  return compileSheets(readWorkbook(bytes));
}

/**
 * Parse CSV (RFC 4180: quotes, doubled quotes, newlines inside quotes; `,` or `;` separated).
 * At most MAX_CSV_BYTES, `maxRows` rows and MAX_SHEET_COLUMNS cells a row (422 on the row that
 * goes beyond), so memory stays bounded whatever the text.
 */
export function parseCsv(text: string, maxRows = MAX_CSV_SECTIONS * MAX_SHEET_ROWS): string[][] {
  checkTextBytes("MAX_CSV_BYTES", MAX_CSV_BYTES, text, { path: [] }, "the CSV text");
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = "";
      if (row.length >= MAX_SHEET_COLUMNS) checkLimit("MAX_SHEET_COLUMNS", MAX_SHEET_COLUMNS, row.length + 1, "columns", { path: [], line: rows.length + 1 }, "cells on a row");
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      if (rows.length >= maxRows) checkLimit("MAX_SHEET_ROWS", maxRows, rows.length + 1, "rows", { path: [], line: rows.length + 1 }, "rows in the CSV");
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) row.push(cell), rows.push(row);
  return rows;
}

/**
 * Sheets from CSV. A file whose lines include `[Courses]`-style markers holds several sheets;
 * otherwise it is the single sheet `name` (e.g. from its file name, or from a zip of CSVs).
 */
export function sheetsFromCsv(text: string, name?: string): Sheets {
  const rows = parseCsv(text.replace(/^\uFEFF/, ""));
  const out: Sheets = {};
  let current: string | undefined = name;
  let sections = 0;
  /** Data rows of each sheet (the padding below does not count). */
  const counts = new Map<string, number>();
  rows.forEach((r, i) => {
    const marker = /^\[(\w+)\]$/.exec((r[0] ?? "").trim());
    if (marker && r.slice(1).every((v) => !v.trim())) {
      current = marker[1];
      if (Object.hasOwn(out, current)) throw new ProblemError({ path: [], line: i + 1, sheet: current, message: `section [${current}] appears twice` });
      checkLimit("MAX_CSV_SECTIONS", MAX_CSV_SECTIONS, ++sections, "sections", { path: [], line: i + 1 }, "[Sheet] sections");
      // Empty slots up to the marker keep row numbers equal to file line numbers in errors.
      out[current] = new Array<string[]>(i + 1);
      return;
    }
    if (current === undefined) throw new ProblemError({ path: [], line: i + 1, message: "CSV must start with a [Sheet] line (e.g. [Courses]) or be named after its sheet" });
    const n = (counts.get(current) ?? 0) + 1;
    counts.set(current, n);
    checkLimit("MAX_SHEET_ROWS", MAX_SHEET_ROWS, n, "rows", { path: [], line: i + 1, sheet: current }, `rows in [${current}]`);
    (out[current] ??= []).push(r);
  });
  return out;
}

/** Compile a CSV file (multi-section) into the problem; errors name the section (sheet), row and column. */
export function compileCsv(text: string): TimetablingProblem {
  return compileSheets(sheetsFromCsv(text));
}

/** Template sheets: the headers of every sheet and one example row each. */
export function templateSheets(): Sheets {
  const examples: Record<string, string[][]> = {
    Days: [
      ["Mon", "Monday"],
      ["Tue", "Tuesday"],
      ["Wed", "Wednesday"],
      ["Thu", "Thursday"],
      ["Fri", "Friday"],
    ],
    Periods: [
      ["P1", "First", "08:30", "09:20"],
      ["P2", "Second", "09:30", "10:20"],
      ["P3", "Third", "10:30", "11:20"],
      ["P4", "Fourth", "11:30", "12:20"],
    ],
    Rooms: [
      ["R101", "Room 101", "30", "projector", "Fri P4"],
      ["LAB1", "Chemistry lab", "24", "lab; projector", ""],
    ],
    Instructors: [
      ["smith", "J. Smith", "3", "Wed", "", "Mon P1"],
      ["jones", "A. Jones", "", "", "Tue; Thu", ""],
    ],
    Groups: [["9A", "Year 9 class A"]],
    Courses: [
      ["math9", "Mathematics 9", "4", "smith", "9A", "28", "projector", "3", "no", ""],
      ["chem9", "Chemistry 9", "2", "jones", "9A", "24", "lab", "1", "yes", ""],
    ],
    Weights: [
      ["curriculumCompactness", "2"],
      ["doubleLectures", "3"],
    ],
    Pinned: [["math9", "0", "Mon", "P2", "R101"]],
  };
  const out: Sheets = {};
  for (const [sheet, spec] of Object.entries(SHEET_COLUMNS)) out[sheet] = [spec.columns.map((c) => c.name), ...examples[sheet]];
  return out;
}

/** The template as an XLSX workbook (bytes). */
export function templateWorkbook(): Uint8Array {
  return sheetsToWorkbook(templateSheets());
}

/** Write sheets as an XLSX workbook. */
export function sheetsToWorkbook(sheets: Sheets): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  return new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
}

/** The template as one multi-section CSV. */
export function templateCsv(): string {
  return (
    Object.entries(templateSheets())
      .map(([name, rows]) => `[${name}]\n` + rows.map((r) => r.map(csvCell).join(",")).join("\n"))
      .join("\n\n") + "\n"
  );
}

function csvCell(v: string): string {
  return /[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
