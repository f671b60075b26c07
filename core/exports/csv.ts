/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, a quote or
 * a line break (quotes doubled). Spreadsheet apps and `csv-parse` read it back unchanged.
 */

export type CsvCell = string | number | boolean | null | undefined;

function field(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "number" && !Number.isFinite(value) ? "" : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** `toCsv([["a","b"],[1,"x,y"]])` → `a,b\r\n1,"x,y"\r\n`. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF): used to check exports. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cur), (cur = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cur), rows.push(row), (row = []), (cur = "");
    } else cur += ch;
  }
  if (cur !== "" || row.length) row.push(cur), rows.push(row);
  return rows;
}
