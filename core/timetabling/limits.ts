/**
 * Maximum sizes every timetabling reader (`.ctt`, the JSON model, CSV and XLSX sheets) accepts.
 * Readers check declared sizes against these BEFORE allocating anything proportional to them, and
 * refuse with a ProblemError carrying `limit` (status 413 for bytes, 422 for counts). The table in
 * core/timetabling/README.md lists them with the reason for each.
 */
import { checkLimit, type InputIssue } from "../engine/errors";

/** Largest `.ctt` text (UTF-8 bytes). comp01–21 are under 40 KB. */
export const MAX_CTT_BYTES = 4 * 1024 * 1024;
/** Largest competition solution text (`pinned` / `start` of a `.ctt` document; bytes). */
export const MAX_SOLUTION_BYTES = 2 * 1024 * 1024;
/** Largest CSV upload (bytes). */
export const MAX_CSV_BYTES = 4 * 1024 * 1024;
/** Most `[Sheet]` sections in one CSV. */
export const MAX_CSV_SECTIONS = 16;
/** Largest XLSX upload (compressed bytes). */
export const MAX_XLSX_BYTES = 4 * 1024 * 1024;
/** Largest XLSX once unzipped (sum of every entry, bytes): caps zip bombs before SheetJS reads them. */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 16 * 1024 * 1024;
/** Most entries in an XLSX zip. */
export const MAX_XLSX_ENTRIES = 200;
/** Most rows in one sheet (XLSX `!ref` or CSV section). */
export const MAX_SHEET_ROWS = 20_000;
/** Most columns in one sheet. */
export const MAX_SHEET_COLUMNS = 64;
/** Most cells (rows × columns of the used range) in one sheet. */
export const MAX_SHEET_CELLS = 200_000;

/** Most days in a week (the model schema's maxItems). */
export const MAX_DAYS = 14;
/** Most periods in a day (the model schema's maxItems). */
export const MAX_PERIODS_PER_DAY = 24;
/** Most rooms (room indices are stored in Int16Array, so this stays far below 32,767). */
export const MAX_ROOMS = 1_000;
/** Most courses. */
export const MAX_COURSES = 3_000;
/** Most lectures in total (sum of every course's lectures per week). */
export const MAX_LECTURES = 15_000;
/** Most instructors. */
export const MAX_INSTRUCTORS = 3_000;
/** Most curricula (ITC) or student groups (model). */
export const MAX_CURRICULA = 3_000;
/** Most unavailability lines in a `.ctt` (courses × periods). */
export const MAX_CONSTRAINTS = MAX_COURSES * MAX_DAYS * MAX_PERIODS_PER_DAY;
/**
 * Most ordered course pairs that may not overlap (Σ k·(k−1) over curricula and instructors with
 * k courses): conflict sets are built pair by pair, so this bounds compile time and memory.
 */
export const MAX_CONFLICT_PAIRS = 2_000_000;
/** Most fields on one `.ctt` line: a curriculum line lists at most every course plus its id and count. */
export const MAX_LINE_TOKENS = MAX_COURSES + 2;
/** Most entries in one list inside the model (a course's groups, a room's features, slot references). */
export const MAX_LIST_ITEMS = 1_000;
/** Most entries in all such lists of one model document together. */
export const MAX_MODEL_LIST_ITEMS = 100_000;
/** Most room-feature checks (rooms × required features, summed over courses) to find allowed rooms. */
export const MAX_FEATURE_CHECKS = 10_000_000;

/** The limits above as a table (name → value), e.g. for documentation or an API listing. */
export const TIMETABLING_LIMITS = {
  MAX_CTT_BYTES,
  MAX_SOLUTION_BYTES,
  MAX_CSV_BYTES,
  MAX_CSV_SECTIONS,
  MAX_XLSX_BYTES,
  MAX_XLSX_UNCOMPRESSED_BYTES,
  MAX_XLSX_ENTRIES,
  MAX_SHEET_ROWS,
  MAX_SHEET_COLUMNS,
  MAX_SHEET_CELLS,
  MAX_DAYS,
  MAX_PERIODS_PER_DAY,
  MAX_ROOMS,
  MAX_COURSES,
  MAX_LECTURES,
  MAX_INSTRUCTORS,
  MAX_CURRICULA,
  MAX_CONSTRAINTS,
  MAX_CONFLICT_PAIRS,
  MAX_LINE_TOKENS,
  MAX_LIST_ITEMS,
  MAX_MODEL_LIST_ITEMS,
  MAX_FEATURE_CHECKS,
} as const;

type Where = Omit<InputIssue, "message">;

/** Refuse a text (of a `what`) longer than `max` UTF-8 bytes, counting no further than needed. */
export function checkTextBytes(name: string, max: number, text: string, where: Where, what: string): void {
  // A UTF-16 unit is 1 to 3 UTF-8 bytes: only count when the length alone cannot decide.
  if (text.length > max) checkLimit(name, max, text.length, "bytes", where, what);
  if (text.length * 3 <= max) return;
  let n = 0;
  for (let i = 0; i < text.length && n <= max; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  checkLimit(name, max, n, "bytes", where, what);
}

/** The declared figures of a timetable, checked together against the maximums above. */
export interface DeclaredSizes {
  days: number;
  periodsPerDay: number;
  rooms: number;
  courses: number;
  lectures: number;
  instructors: number;
  curricula: number;
  conflictPairs: number;
}

/**
 * Check declared sizes against the maximums; `where(key)` locates the figure in the input (a
 * header line, a JSON path). Throws the first one exceeded (422).
 */
export function checkDeclaredSizes(s: Partial<DeclaredSizes>, where: (key: keyof DeclaredSizes) => Where): void {
  const rules: [keyof DeclaredSizes, string, number, string][] = [
    ["days", "MAX_DAYS", MAX_DAYS, "days"],
    ["periodsPerDay", "MAX_PERIODS_PER_DAY", MAX_PERIODS_PER_DAY, "periods per day"],
    ["rooms", "MAX_ROOMS", MAX_ROOMS, "rooms"],
    ["courses", "MAX_COURSES", MAX_COURSES, "courses"],
    ["lectures", "MAX_LECTURES", MAX_LECTURES, "lectures"],
    ["instructors", "MAX_INSTRUCTORS", MAX_INSTRUCTORS, "instructors"],
    ["curricula", "MAX_CURRICULA", MAX_CURRICULA, "curricula"],
    ["conflictPairs", "MAX_CONFLICT_PAIRS", MAX_CONFLICT_PAIRS, "conflicting course pairs"],
  ];
  for (const [key, name, max, unit] of rules) {
    const v = s[key];
    if (v !== undefined) checkLimit(name, max, v, unit, where(key));
  }
}

/** Ordered conflicting pairs a group of k courses adds (k·(k−1)); summing these bounds buildProblem's work. */
export function pairsOf(k: number): number {
  return k * (k - 1);
}
