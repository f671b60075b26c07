/**
 * Place the service's field errors (problem+json paths such as `problem.courses.2.instructor` or
 * `problem.instructors.0.unavailable.1.day`) on the form: a row's cell, a whole table, or a
 * soft-constraint weight (`problem.weights.roomStability`).
 */
import type { FieldError } from "@worker/http/problem";
import type { TableName } from "./form-state";

export interface EditorErrors {
  /** Message for a cell, by "table.row.field" (e.g. "courses.2.instructor"). */
  cell(table: TableName, row: number, field: string): string | undefined;
  /** Messages about a whole table (e.g. "courses": lectures do not fit). */
  table(table: TableName): string[];
  /** Whether any error belongs to this row (its cells or nested fields). */
  rowHasError(table: TableName, row: number): boolean;
  /** Message for a soft-constraint weight ("weights.roomStability"), or for `weights` itself with "". */
  weight(name: string): string | undefined;
}

const TABLES = new Set<string>(["days", "periods", "rooms", "instructors", "groups", "courses"]);

/** Index errors by where they belong; the `problem.` prefix of the job form is optional. */
export function indexEditorErrors(errors: readonly FieldError[]): EditorErrors {
  const cells = new Map<string, string>();
  const tables = new Map<string, string[]>();
  const rows = new Set<string>();
  const weights = new Map<string, string>();
  for (const e of errors) {
    const parts = e.path.split(".");
    if (parts[0] === "problem") parts.shift();
    const [table, row, field] = parts;
    if (table === "weights") {
      weights.set(row ?? "", e.message);
      continue;
    }
    if (!TABLES.has(table)) continue;
    if (row === undefined || !/^\d+$/.test(row)) {
      tables.set(table, [...(tables.get(table) ?? []), e.message]);
      continue;
    }
    rows.add(`${table}.${row}`);
    // Nested paths (groups.0, unavailable.1.day) belong to the cell that edits the whole list.
    const key = `${table}.${row}.${field ?? "id"}`;
    if (!cells.has(key)) cells.set(key, e.message);
  }
  return {
    cell: (table, row, field) => cells.get(`${table}.${row}.${field}`),
    table: (table) => tables.get(table) ?? [],
    rowHasError: (table, row) => rows.has(`${table}.${row}`),
    weight: (name) => weights.get(name),
  };
}
