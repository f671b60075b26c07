/**
 * The rich model as sheets a registrar fills in (one table per sheet, header in row 1):
 *
 *   Days         id, name
 *   Periods      id, name, start, end
 *   Rooms        id, name, capacity, features, unavailable
 *   Instructors  id, name, maxLecturesPerDay, unavailable, preferred, unwanted
 *   Groups       id, name
 *   Courses      id, name, lecturesPerWeek, instructor, groups, students, requiredFeatures,
 *                minWorkingDays, doubleLectures, unavailable
 *   Weights      constraint, weight
 *   Pinned       course, lecture, day, period, room
 *
 * Lists are separated by ";" (or ","); times are "Mon P1" (one period) or "Mon" (whole day).
 * Sheets become a model document, and every issue — ours or the model compiler's — is reported
 * with the sheet, row and column it came from.
 */
import { checkLimit, MAX_ISSUES, preview, ProblemError, type InputIssue } from "../../engine/errors";
import { MAX_SHEET_ROWS } from "../limits";
import type { TimetablingProblem } from "../problem";
import { compileModel } from "./compile";
import type { SlotRef, TimetablingModel } from "./schema";

export type Sheets = Record<string, string[][]>;

interface ColumnSpec {
  name: string;
  type: "text" | "int" | "number" | "list" | "slots" | "bool";
  required?: boolean;
  /** Model field when it differs from the column name. */
  field?: string;
}

export const SHEET_COLUMNS: Record<string, { key: keyof TimetablingModel; required: boolean; columns: ColumnSpec[] }> = {
  Days: {
    key: "days",
    required: true,
    columns: [
      { name: "id", type: "text", required: true },
      { name: "name", type: "text" },
    ],
  },
  Periods: {
    key: "periods",
    required: true,
    columns: [
      { name: "id", type: "text", required: true },
      { name: "name", type: "text" },
      { name: "start", type: "text" },
      { name: "end", type: "text" },
    ],
  },
  Rooms: {
    key: "rooms",
    required: true,
    columns: [
      { name: "id", type: "text", required: true },
      { name: "name", type: "text" },
      { name: "capacity", type: "int", required: true },
      { name: "features", type: "list" },
      { name: "unavailable", type: "slots" },
    ],
  },
  Instructors: {
    key: "instructors",
    required: false,
    columns: [
      { name: "id", type: "text", required: true },
      { name: "name", type: "text" },
      { name: "maxLecturesPerDay", type: "int" },
      { name: "unavailable", type: "slots" },
      { name: "preferred", type: "slots" },
      { name: "unwanted", type: "slots" },
    ],
  },
  Groups: {
    key: "groups",
    required: false,
    columns: [
      { name: "id", type: "text", required: true },
      { name: "name", type: "text" },
    ],
  },
  Courses: {
    key: "courses",
    required: true,
    columns: [
      { name: "id", type: "text", required: true },
      { name: "name", type: "text" },
      { name: "lecturesPerWeek", type: "int", required: true },
      { name: "instructor", type: "text" },
      { name: "groups", type: "list" },
      { name: "students", type: "int" },
      { name: "requiredFeatures", type: "list" },
      { name: "minWorkingDays", type: "int" },
      { name: "doubleLectures", type: "bool" },
      { name: "unavailable", type: "slots" },
    ],
  },
  Weights: {
    key: "weights",
    required: false,
    columns: [
      { name: "constraint", type: "text", required: true },
      { name: "weight", type: "number", required: true },
    ],
  },
  Pinned: {
    key: "pinned",
    required: false,
    columns: [
      { name: "course", type: "text", required: true },
      { name: "lecture", type: "int" },
      { name: "day", type: "text", required: true },
      { name: "period", type: "text", required: true },
      { name: "room", type: "text", required: true },
    ],
  },
};

interface Where {
  sheet: string;
  line: number;
  column?: number;
}

/** Convert sheets to a model document plus a map from JSON paths back to cells. */
export function modelFromSheets(sheets: Sheets): { model: TimetablingModel; where: Map<string, Where> } {
  const issues: InputIssue[] = [];
  const where = new Map<string, Where>();
  const model: Record<string, unknown> = { format: "model" };
  const byLower = new Map(Object.keys(sheets).map((k) => [k.trim().toLowerCase(), k]));
  for (const [sheet, spec] of Object.entries(SHEET_COLUMNS)) {
    const actual = byLower.get(sheet.toLowerCase());
    if (actual === undefined) {
      if (spec.required) issues.push({ path: [], sheet, message: `sheet "${sheet}" is missing` });
      continue;
    }
    const rows = Array.isArray(sheets[actual]) ? sheets[actual] : [];
    // Readers check this already (XLSX range, CSV sections); sheets built elsewhere are checked here.
    checkLimit("MAX_SHEET_ROWS", MAX_SHEET_ROWS + 1, rows.length, "rows", { path: [], sheet: actual }, `rows in sheet ${actual}`);
    // The header is the first non-blank row (CSV sections keep blank rows before it).
    const headRow = Math.max(
      0,
      rows.findIndex((r) => (r ?? []).some((v) => String(v ?? "").trim() !== "")),
    );
    const header = (rows[headRow] ?? []).map((h) =>
      String(h ?? "")
        .trim()
        .toLowerCase(),
    );
    const colOf = new Map<string, number>();
    for (const col of spec.columns) {
      const at = header.indexOf(col.name.toLowerCase());
      if (at >= 0) colOf.set(col.name, at);
      else if (col.required) issues.push({ path: [], sheet: actual, line: headRow + 1, message: `column "${col.name}" is missing from the header` });
    }
    const items: Record<string, unknown>[] = [];
    for (let r = headRow + 1; r < rows.length; r++) {
      const row = rows[r] ?? [];
      if (row.every((v) => String(v ?? "").trim() === "")) continue;
      const item: Record<string, unknown> = {};
      const i = items.length;
      where.set(`${spec.key}.${i}`, { sheet: actual, line: r + 1 });
      for (const col of spec.columns) {
        const at = colOf.get(col.name);
        const raw = at === undefined ? "" : String(row[at] ?? "").trim();
        const loc = { sheet: actual, line: r + 1, column: at === undefined ? undefined : at + 1 };
        where.set(`${spec.key}.${i}.${col.name}`, loc);
        const fail = (message: string): void => void issues.push({ path: [], ...loc, message: `${col.name}: ${message}` });
        if (raw === "") {
          if (col.required) fail("is required");
          continue;
        }
        switch (col.type) {
          case "text":
            item[col.name] = raw;
            break;
          case "int":
          case "number": {
            const v = Number(raw);
            if (!Number.isFinite(v) || (col.type === "int" && !Number.isInteger(v))) fail(`${preview(raw)} is not ${col.type === "int" ? "a whole number" : "a number"}`);
            else item[col.name] = v;
            break;
          }
          case "bool":
            if (/^(yes|y|true|1|x)$/i.test(raw)) item[col.name] = true;
            else if (/^(no|n|false|0)$/i.test(raw)) item[col.name] = false;
            else fail(`${preview(raw)} is not yes/no`);
            break;
          case "list":
            item[col.name] = splitList(raw);
            break;
          case "slots":
            item[col.name] = splitList(raw).map((s): SlotRef => {
              const [day, period] = s.split(/\s+/);
              return period ? { day, period } : { day };
            });
            break;
        }
      }
      items.push(item);
    }
    if (spec.key === "weights") {
      const weights: Record<string, unknown> = {};
      items.forEach((it, i) => {
        weights[String(it.constraint)] = it.weight;
        const loc = where.get(`weights.${i}.weight`);
        if (loc) where.set(`weights.${String(it.constraint)}`, loc);
      });
      model.weights = weights;
    } else model[spec.key] = items;
  }
  if (issues.length) throw new ProblemError(issues.slice(0, MAX_ISSUES));
  return { model: model as unknown as TimetablingModel, where };
}

/** Compile sheets (from XLSX or CSV) into the problem; issues point at sheet, row and column. */
export function compileSheets(sheets: Sheets): TimetablingProblem {
  const { model, where } = modelFromSheets(sheets);
  try {
    return compileModel(model);
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    throw new ProblemError(
      e.issues.map((issue) => {
        // The deepest path prefix we know a cell for (list items inside a cell map to the cell).
        for (let n = issue.path.length; n > 0; n--) {
          const loc = where.get(issue.path.slice(0, n).join("."));
          if (loc) return { ...issue, ...loc };
        }
        return issue;
      }),
    );
  }
}

function splitList(raw: string): string[] {
  return raw
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
