/**
 * File readers for timetabling uploads and the CLI: each turns a file's bytes into a problem
 * document `compile` accepts. Spreadsheets are validated here so their errors keep sheet, row
 * and column; what comes out is the JSON model document (one shape for storage and the API).
 * No Node APIs: the Worker calls these with uploaded bytes.
 */
import { ProblemError } from "../engine/errors";
import { modelFromSheets, compileSheets } from "./model/sheets";
import { readWorkbook, sheetsFromCsv } from "./model/workbook";

export type TimetablingDoc = Record<string, unknown> & { kind: "timetabling"; format: "ctt" | "model" };

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Readers by file extension (lower case, with the dot). */
export const timetablingFileReaders: Record<string, (bytes: Uint8Array, name: string) => TimetablingDoc> = {
  ".ctt": (bytes) => ({ kind: "timetabling", format: "ctt", text: decode(bytes) }),
  ".xlsx": (bytes) => fromSheets(readWorkbook(bytes)),
  /** One CSV with [Sheet] section lines, or a single sheet named by the file (e.g. Courses.csv is not enough alone). */
  ".csv": (bytes, name) => fromSheets(sheetsFromCsv(decode(bytes), sheetName(name))),
  ".json": (bytes) => {
    let doc: unknown;
    try {
      doc = JSON.parse(decode(bytes));
    } catch (e) {
      throw new ProblemError({ path: [], message: `not valid JSON (${(e as Error).message})` });
    }
    return { ...(doc as object), kind: "timetabling" } as TimetablingDoc;
  },
};

function fromSheets(sheets: Parameters<typeof compileSheets>[0]): TimetablingDoc {
  compileSheets(sheets); // throws with sheet/row/column locations
  return { ...modelFromSheets(sheets).model, kind: "timetabling", format: "model" } as TimetablingDoc;
}

function sheetName(name: string): string | undefined {
  const base = name.split(/[\\/]/).pop() ?? "";
  return /\.csv$/i.test(base) && !/^\[/.test(base) ? base.replace(/\.csv$/i, "") : undefined;
}

/** Whether a JSON document is a timetabling problem (for a generic `.json` dispatcher). */
export function isTimetablingDoc(doc: unknown): boolean {
  return (
    typeof doc === "object" &&
    doc !== null &&
    ((doc as { kind?: unknown }).kind === "timetabling" || ((doc as { format?: unknown }).format === "model" && Array.isArray((doc as { courses?: unknown }).courses)))
  );
}
