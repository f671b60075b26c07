/**
 * TSPLIB95 reader for symmetric TSP files (Reinelt 1995, "TSPLIB 95" format description).
 *
 * Supported: NODE_COORD_SECTION with EUC_2D, CEIL_2D, ATT, GEO; EDGE_WEIGHT_SECTION with
 * EDGE_WEIGHT_TYPE EXPLICIT in FULL_MATRIX, UPPER_ROW, LOWER_ROW, UPPER_DIAG_ROW, LOWER_DIAG_ROW
 * (and their *_COL twins, which for a symmetric matrix are the opposite *_ROW layout).
 * Every error is a ProblemError naming the 1-based line. The reader is a single linear pass, so
 * malformed input cannot make it loop.
 */
import { checkLimit, ProblemError } from "../engine/errors";

export const COORD_TYPES = ["EUC_2D", "CEIL_2D", "ATT", "GEO"] as const;
export type CoordType = (typeof COORD_TYPES)[number];
export const MATRIX_FORMATS = ["FULL_MATRIX", "UPPER_ROW", "LOWER_ROW", "UPPER_DIAG_ROW", "LOWER_DIAG_ROW"] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];
const COL_TWINS: Record<string, MatrixFormat> = {
  UPPER_COL: "LOWER_ROW",
  LOWER_COL: "UPPER_ROW",
  UPPER_DIAG_COL: "LOWER_DIAG_ROW",
  LOWER_DIAG_COL: "UPPER_DIAG_ROW",
};

/** Largest instance accepted (memory for neighbour lists and populations stays bounded). */
export const MAX_CITIES = 10_000;
/** Largest EXPLICIT instance (its full matrix is kept: 3,000² × 8 bytes = 72 MB). */
export const MAX_EXPLICIT_CITIES = 3_000;
/**
 * Largest .tsp text (UTF-8 bytes; 10,000 cities of coordinates take ~300 KB). It also bounds
 * EXPLICIT matrices: a section of w weights needs at least 2w − 1 characters, and the matrix is
 * only allocated once the rest of the text could hold it.
 */
export const MAX_TSPLIB_BYTES = 4 * 1024 * 1024;

/** The limits above as a table (name → value). */
export const TSPLIB_LIMITS = { MAX_CITIES, MAX_EXPLICIT_CITIES, MAX_TSPLIB_BYTES } as const;

export interface TsplibInstance {
  name: string;
  comment: string;
  dimension: number;
  edgeWeightType: CoordType | "EXPLICIT";
  /** x then y per city (length 2n) for coordinate types. */
  coords?: Float64Array;
  /** Full symmetric n×n matrix for EXPLICIT. */
  matrix?: Float64Array;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parse a strict decimal number (no hex, no "Infinity", no empty string). */
export function parseNumber(token: string): number {
  return NUMBER.test(token) ? Number(token) : Number.NaN;
}

function fail(line: number, message: string, field?: string): never {
  throw new ProblemError({ path: field ? ["text", field] : ["text"], line, message });
}

function checkBytes(text: string): void {
  if (typeof text !== "string") throw new ProblemError({ path: ["text"], message: "must be a string" });
  // UTF-16 length ≤ UTF-8 bytes ≤ 3 × length: count bytes only when the length cannot decide.
  let bytes = text.length;
  if (bytes <= MAX_TSPLIB_BYTES && bytes * 3 > MAX_TSPLIB_BYTES) bytes = new TextEncoder().encode(text).length;
  checkLimit("MAX_TSPLIB_BYTES", MAX_TSPLIB_BYTES, bytes, "bytes", { path: ["text"] }, "the .tsp text");
}

/**
 * The city count of a .tsp text from its header lines only (up to the first data section), with
 * the same limits as `parseTsplib`; nothing is allocated for the cities.
 */
export function measureTsplib(text: string): { cities: number } {
  checkBytes(text);
  let dim: { value: string; line: number } | undefined;
  let explicit = false;
  let line = 0;
  const br = /\r\n|\r|\n/g;
  for (let at = 0; at <= text.length; ) {
    br.lastIndex = at;
    const m = br.exec(text);
    const raw = text.slice(at, m ? m.index : text.length).trim();
    at = m ? m.index + m[0].length : text.length + 1;
    line++;
    if (raw === "") continue;
    const colon = raw.indexOf(":");
    const key = (colon >= 0 ? raw.slice(0, colon) : raw).trim().toUpperCase();
    if (colon < 0) break; // a data section (or EOF): the header is over
    const value = raw.slice(colon + 1).trim();
    if (key === "DIMENSION") dim = { value, line };
    if (key === "EDGE_WEIGHT_TYPE") explicit = value.toUpperCase() === "EXPLICIT";
  }
  if (!dim) fail(line, "DIMENSION is missing from the header", "DIMENSION");
  const n = readDimension(dim.value, dim.line);
  if (explicit) checkExplicit(n, dim.line);
  return { cities: n };
}

function checkExplicit(n: number, line: number): void {
  checkLimit("MAX_EXPLICIT_CITIES", MAX_EXPLICIT_CITIES, n, "cities", { path: ["text", "DIMENSION"], line }, "DIMENSION of an EXPLICIT instance");
}

/** Parse the text of a .tsp file (at most MAX_TSPLIB_BYTES). */
export function parseTsplib(text: string): TsplibInstance {
  checkBytes(text);
  const lines = text.split(/\r\n|\r|\n/);
  const head: Record<string, { value: string; line: number }> = {};
  let coords: Float64Array | undefined;
  let matrix: Float64Array | undefined;
  let i = 0;
  const dimension = () => {
    const h = head.DIMENSION;
    if (!h) fail(i + 1, "DIMENSION must come before the data sections", "DIMENSION");
    return readDimension(h.value, h.line);
  };
  while (i < lines.length) {
    const raw = lines[i].trim();
    i++;
    if (raw === "" || raw === "EOF") {
      if (raw === "EOF") break;
      continue;
    }
    const colon = raw.indexOf(":");
    const key = (colon >= 0 ? raw.slice(0, colon) : raw).trim().toUpperCase();
    if (key === "NODE_COORD_SECTION") {
      if (coords) fail(i, "NODE_COORD_SECTION appears twice");
      const n = dimension();
      const r = readCoords(lines, i, n);
      coords = r.coords;
      i = r.next;
    } else if (key === "EDGE_WEIGHT_SECTION") {
      if (matrix) fail(i, "EDGE_WEIGHT_SECTION appears twice");
      const n = dimension();
      const fmt = head.EDGE_WEIGHT_FORMAT;
      if (!fmt) fail(i, "EDGE_WEIGHT_FORMAT is missing before EDGE_WEIGHT_SECTION", "EDGE_WEIGHT_FORMAT");
      checkExplicit(n, head.DIMENSION.line);
      const r = readMatrix(lines, i, n, matrixFormat(fmt.value, fmt.line));
      checkSymmetric(r.matrix, n, i);
      matrix = r.matrix;
      i = r.next;
    } else if (key === "DISPLAY_DATA_SECTION" || key === "FIXED_EDGES_SECTION" || key === "TOUR_SECTION") {
      i = skipSection(lines, i);
    } else if (colon >= 0) {
      head[key] = { value: raw.slice(colon + 1).trim(), line: i };
    } else fail(i, `unexpected line "${raw.slice(0, 40)}"`);
  }
  return finish(head, coords, matrix, lines.length);
}

function finish(head: Record<string, { value: string; line: number }>, coords: Float64Array | undefined, matrix: Float64Array | undefined, lineCount: number): TsplibInstance {
  const type = head.TYPE;
  if (type && !/^TSP\b/i.test(type.value)) {
    fail(type.line, `TYPE ${type.value} is not supported (only symmetric TSP)`, "TYPE");
  }
  const dim = head.DIMENSION;
  if (!dim) fail(lineCount, "DIMENSION is missing", "DIMENSION");
  const n = readDimension(dim.value, dim.line);
  const ewt = head.EDGE_WEIGHT_TYPE;
  if (!ewt) fail(lineCount, "EDGE_WEIGHT_TYPE is missing", "EDGE_WEIGHT_TYPE");
  const t = ewt.value.toUpperCase();
  const base = { name: head.NAME?.value ?? "", comment: head.COMMENT?.value ?? "", dimension: n };
  if (t === "EXPLICIT") {
    checkExplicit(n, dim.line);
    if (!matrix) fail(lineCount, "EDGE_WEIGHT_SECTION is missing (EDGE_WEIGHT_TYPE is EXPLICIT)");
    return { ...base, edgeWeightType: "EXPLICIT", matrix };
  }
  if (!(COORD_TYPES as readonly string[]).includes(t)) {
    fail(ewt.line, `unknown or unsupported EDGE_WEIGHT_TYPE "${ewt.value}" (supported: ${COORD_TYPES.join(", ")}, EXPLICIT)`, "EDGE_WEIGHT_TYPE");
  }
  if (!coords) fail(lineCount, "NODE_COORD_SECTION is missing");
  return { ...base, edgeWeightType: t as CoordType, coords };
}

function readDimension(value: string, line: number): number {
  const n = parseNumber(value);
  if (!Number.isInteger(n) || n < 3) fail(line, `DIMENSION must be an integer ≥ 3, got "${value.slice(0, 20)}"`, "DIMENSION");
  checkLimit("MAX_CITIES", MAX_CITIES, n, "cities", { path: ["text", "DIMENSION"], line }, "DIMENSION");
  return n;
}

function matrixFormat(value: string, line: number): MatrixFormat {
  const v = value.toUpperCase();
  if ((MATRIX_FORMATS as readonly string[]).includes(v)) return v as MatrixFormat;
  if (v in COL_TWINS) return COL_TWINS[v];
  return fail(line, `unsupported EDGE_WEIGHT_FORMAT "${value}" (supported: ${MATRIX_FORMATS.join(", ")})`, "EDGE_WEIGHT_FORMAT");
}

function isKeywordLine(s: string): boolean {
  return /^[A-Z_]+\s*(:|$)/.test(s) && !NUMBER.test(s);
}

/** Read n "id x y" lines starting at line index `from`. */
function readCoords(lines: string[], from: number, n: number): { coords: Float64Array; next: number } {
  const coords = new Float64Array(2 * n);
  const seen = new Uint8Array(n + 1);
  let count = 0;
  let i = from;
  for (; i < lines.length && count < n; i++) {
    const s = lines[i].trim();
    if (s === "") continue;
    if (s === "EOF" || isKeywordLine(s)) break;
    const parts = s.split(/\s+/);
    if (parts.length !== 3) fail(i + 1, `expected "id x y", got ${parts.length} fields`);
    const id = parseNumber(parts[0]);
    if (!Number.isInteger(id) || id < 1 || id > n) fail(i + 1, `node id "${parts[0].slice(0, 20)}" must be an integer from 1 to DIMENSION (${n})`);
    if (seen[id]) fail(i + 1, `duplicate node id ${id}`);
    seen[id] = 1;
    const x = parseNumber(parts[1]);
    const y = parseNumber(parts[2]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) fail(i + 1, `coordinate of node ${id} is not a number`);
    coords[2 * (id - 1)] = x;
    coords[2 * (id - 1) + 1] = y;
    count++;
  }
  if (count < n) fail(Math.min(i + 1, lines.length), `NODE_COORD_SECTION has ${count} nodes but DIMENSION is ${n}`);
  // Extra coordinate lines mean DIMENSION is wrong.
  for (; i < lines.length; i++) {
    const s = lines[i].trim();
    if (s === "") continue;
    if (/^\d+\s+\S+\s+\S+$/.test(s)) fail(i + 1, `more than DIMENSION (${n}) nodes in NODE_COORD_SECTION`);
    break;
  }
  return { coords, next: i };
}

/** Only symmetric TSPs are supported: an asymmetric FULL_MATRIX is an ATSP in disguise. */
function checkSymmetric(m: Float64Array, n: number, sectionLine: number): void {
  for (let r = 0; r < n; r++) {
    for (let c = r + 1; c < n; c++) {
      if (m[r * n + c] !== m[c * n + r]) {
        fail(sectionLine, `EDGE_WEIGHT_SECTION is not symmetric: weight(${r + 1},${c + 1}) = ${m[r * n + c]} but weight(${c + 1},${r + 1}) = ${m[c * n + r]} (only symmetric TSP is supported)`);
      }
    }
  }
}

/** Number of weights each format lists for n cities. */
function weightCount(n: number, fmt: MatrixFormat): number {
  switch (fmt) {
    case "FULL_MATRIX":
      return n * n;
    case "UPPER_ROW":
    case "LOWER_ROW":
      return (n * (n - 1)) / 2;
    default:
      return (n * (n + 1)) / 2;
  }
}

function readMatrix(lines: string[], from: number, n: number, fmt: MatrixFormat): { matrix: Float64Array; next: number } {
  const want = weightCount(n, fmt);
  // Allocate only what the rest of the text can hold: w weights need at least 2w − 1 characters.
  let room = 0;
  for (let i = from; i < lines.length; i++) room += lines[i].length + 1;
  if (2 * want - 1 > room) {
    fail(from, `EDGE_WEIGHT_SECTION needs ${want} weights (${fmt}, DIMENSION ${n}) but the rest of the file has room for at most ${Math.ceil(room / 2)}`);
  }
  const w = new Float64Array(want);
  let got = 0;
  let i = from;
  for (; i < lines.length && got < want; i++) {
    const s = lines[i].trim();
    if (s === "") continue;
    if (s === "EOF" || isKeywordLine(s)) break;
    for (const tok of s.split(/\s+/)) {
      const v = parseNumber(tok);
      if (!Number.isFinite(v)) fail(i + 1, `edge weight "${tok.slice(0, 20)}" is not a number`);
      if (got >= want) fail(i + 1, `EDGE_WEIGHT_SECTION has more than the ${want} weights ${fmt} needs for DIMENSION ${n}`);
      w[got++] = v;
    }
  }
  if (got < want) fail(Math.min(i + 1, lines.length), `EDGE_WEIGHT_SECTION has ${got} weights but ${fmt} with DIMENSION ${n} needs ${want}`);
  return { matrix: expand(w, n, fmt), next: i };
}

/** Expand a listed triangle (or full matrix) into a full symmetric matrix. */
function expand(w: Float64Array, n: number, fmt: MatrixFormat): Float64Array {
  if (fmt === "FULL_MATRIX") return w;
  const m = new Float64Array(n * n);
  let k = 0;
  const put = (a: number, b: number) => {
    m[a * n + b] = w[k];
    m[b * n + a] = w[k];
    k++;
  };
  for (let r = 0; r < n; r++) {
    if (fmt === "UPPER_ROW") for (let c = r + 1; c < n; c++) put(r, c);
    else if (fmt === "UPPER_DIAG_ROW") for (let c = r; c < n; c++) put(r, c);
    else if (fmt === "LOWER_ROW") for (let c = 0; c < r; c++) put(r, c);
    else for (let c = 0; c <= r; c++) put(r, c);
  }
  return m;
}

/** Skip a section we do not use: lines until the next keyword, "-1" terminator or EOF. */
function skipSection(lines: string[], from: number): number {
  let i = from;
  for (; i < lines.length; i++) {
    const s = lines[i].trim();
    if (s === "EOF" || (s !== "" && isKeywordLine(s))) return i;
    if (s === "-1") return i + 1;
  }
  return i;
}
