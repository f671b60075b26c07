/**
 * Spreadsheet I/O for the rich model: XLSX workbooks (SheetJS, works in Node and workerd since it
 * only touches bytes), CSV (one sheet per file, or one file with `[Sheet]` section lines), and the
 * template a registrar starts from.
 */
import * as XLSX from "xlsx";
import { ProblemError } from "../../engine/errors";
import type { TimetablingProblem } from "../problem";
import { SHEET_COLUMNS, compileSheets, type Sheets } from "./sheets";

/** Read every sheet of an XLSX workbook as rows of strings. */
export function readWorkbook(bytes: Uint8Array): Sheets {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: "array" });
  } catch (e) {
    throw new ProblemError({ path: [], message: `not a readable XLSX workbook (${(e as Error).message})` });
  }
  const out: Sheets = {};
  for (const name of wb.SheetNames) {
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, raw: false, defval: "" });
    out[name] = rows.map((r) => r.map((v) => String(v ?? "")));
  }
  return out;
}

/** Compile an XLSX workbook into the problem. */
export function compileWorkbook(bytes: Uint8Array): TimetablingProblem {
  return compileSheets(readWorkbook(bytes));
}

/** Parse CSV (RFC 4180: quotes, doubled quotes, newlines inside quotes; `,` or `;` separated). */
export function parseCsv(text: string): string[][] {
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
    else if (ch === sep) row.push(cell), (cell = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
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
  rows.forEach((r, i) => {
    const marker = /^\[(\w+)\]$/.exec((r[0] ?? "").trim());
    if (marker && r.slice(1).every((v) => !v.trim())) {
      current = marker[1];
      // Blank rows up to the marker keep row numbers equal to file line numbers in errors.
      out[current] = Array.from({ length: i + 1 }, () => []);
      return;
    }
    if (current === undefined) throw new ProblemError({ path: [], line: i + 1, message: "CSV must start with a [Sheet] line (e.g. [Courses]) or be named after its sheet" });
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
    Days: [["Mon", "Monday"], ["Tue", "Tuesday"], ["Wed", "Wednesday"], ["Thu", "Thursday"], ["Fri", "Friday"]],
    Periods: [["P1", "First", "08:30", "09:20"], ["P2", "Second", "09:30", "10:20"], ["P3", "Third", "10:30", "11:20"], ["P4", "Fourth", "11:30", "12:20"]],
    Rooms: [["R101", "Room 101", "30", "projector", "Fri P4"], ["LAB1", "Chemistry lab", "24", "lab; projector", ""]],
    Instructors: [["smith", "J. Smith", "3", "Wed", "", "Mon P1"], ["jones", "A. Jones", "", "", "Tue; Thu", ""]],
    Groups: [["9A", "Year 9 class A"]],
    Courses: [
      ["math9", "Mathematics 9", "4", "smith", "9A", "28", "projector", "3", "no", ""],
      ["chem9", "Chemistry 9", "2", "jones", "9A", "24", "lab", "1", "yes", ""],
    ],
    Weights: [["curriculumCompactness", "2"], ["doubleLectures", "3"]],
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
  return Object.entries(templateSheets())
    .map(([name, rows]) => `[${name}]\n` + rows.map((r) => r.map(csvCell).join(",")).join("\n"))
    .join("\n\n") + "\n";
}

function csvCell(v: string): string {
  return /[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
