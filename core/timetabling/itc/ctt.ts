/**
 * Reader for ITC-2007 Track 3 instances (`.ctt`, see shared/data/itc2007-cbctt/FORMAT.md).
 *
 * The format is token based, but real files keep one record per line, so we read line by line:
 * that lets every error name the line (and column) and lets us notice when a section holds more
 * or fewer records than its header announced. All issues found are reported together.
 */
import { checkLimit, MAX_ISSUES, preview, ProblemError, type InputIssue } from "../../engine/errors";
import { buildProblem, type TimetablingProblem } from "../problem";
import {
  checkTextBytes,
  MAX_CONFLICT_PAIRS,
  MAX_CONSTRAINTS,
  MAX_COURSES,
  MAX_CTT_BYTES,
  MAX_CURRICULA,
  MAX_DAYS,
  MAX_LECTURES,
  MAX_LINE_TOKENS,
  MAX_PERIODS_PER_DAY,
  MAX_ROOMS,
  pairsOf,
} from "../limits";

const HEADER_KEYS = ["Name", "Courses", "Rooms", "Days", "Periods_per_day", "Curricula", "Constraints"] as const;
const SECTIONS = ["COURSES:", "ROOMS:", "CURRICULA:", "UNAVAILABILITY_CONSTRAINTS:"] as const;

interface Line {
  no: number;
  tokens: string[];
  /** 1-based column of each token, for precise error positions. */
  cols: number[];
}

/**
 * Lines with tokens, read one at a time (nothing is split up front, so a huge file of blank lines
 * or tokens costs no memory before the header is checked). A line with more than MAX_LINE_TOKENS
 * tokens is refused on that line.
 */
class Lines {
  private pos = 0;
  private no = 0;
  private ahead: Line | undefined | null = null;
  constructor(private readonly text: string) {}

  peek(): Line | undefined {
    if (this.ahead === null) this.ahead = this.read();
    return this.ahead;
  }

  next(): Line | undefined {
    const line = this.peek();
    this.ahead = null;
    return line;
  }

  private read(): Line | undefined {
    const text = this.text;
    while (this.pos <= text.length) {
      let end = text.indexOf("\n", this.pos);
      if (end < 0) end = text.length;
      const start = this.pos;
      this.pos = end + 1;
      this.no++;
      const tokens: string[] = [];
      const cols: number[] = [];
      let i = start;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c === 32 || (c >= 9 && c <= 13)) {
          i++;
          continue;
        }
        let j = i + 1;
        while (j < end) {
          const d = text.charCodeAt(j);
          if (d === 32 || (d >= 9 && d <= 13)) break;
          j++;
        }
        if (tokens.length === MAX_LINE_TOKENS) {
          checkLimit("MAX_LINE_TOKENS", MAX_LINE_TOKENS, tokens.length + 1, "fields on one line", { path: ["text"], line: this.no, column: i - start + 1 });
        }
        tokens.push(text.slice(i, j));
        cols.push(i - start + 1);
        i = j;
      }
      if (tokens.length) return { no: this.no, tokens, cols };
    }
    return undefined;
  }
}

interface Header {
  name: string;
  /** Line of the Courses: header (errors about the whole instance point there). */
  coursesLine: number;
  courses: number;
  rooms: number;
  days: number;
  slots: number;
  curricula: number;
  constraints: number;
}

const HEADER_LIMITS: Record<Exclude<(typeof HEADER_KEYS)[number], "Name">, [string, number, string]> = {
  Courses: ["MAX_COURSES", MAX_COURSES, "courses"],
  Rooms: ["MAX_ROOMS", MAX_ROOMS, "rooms"],
  Days: ["MAX_DAYS", MAX_DAYS, "days"],
  Periods_per_day: ["MAX_PERIODS_PER_DAY", MAX_PERIODS_PER_DAY, "periods per day"],
  Curricula: ["MAX_CURRICULA", MAX_CURRICULA, "curricula"],
  Constraints: ["MAX_CONSTRAINTS", MAX_CONSTRAINTS, "unavailability constraints"],
};

/**
 * Read the seven header lines and check every declared size against core/timetabling/limits.ts
 * (413 for the text, 422 for a count) before anything is allocated for them.
 */
function readHeader(text: string, lines: Lines, issues: InputIssue[]): Header {
  if (typeof text !== "string") throw new ProblemError({ path: ["text"], message: "must be the .ctt file as a string" });
  checkTextBytes("MAX_CTT_BYTES", MAX_CTT_BYTES, text, { path: ["text"] }, "the .ctt text");
  const values: Record<string, number> = {};
  let name = "";
  let coursesLine = 0;
  for (const key of HEADER_KEYS) {
    const line = lines.next();
    if (!line || line.tokens[0] !== `${key}:`) {
      issues.push({ path: ["text"], message: `expected header "${key}:"${line ? `, got ${preview(line.tokens[0])}` : ""}`, line: line?.no ?? lastLine(text), column: line?.cols[0] });
      throw new ProblemError(issues);
    }
    if (key === "Courses") coursesLine = line.no;
    if (key === "Name") {
      name = line.tokens.slice(1).join(" ");
      continue;
    }
    const min = key === "Curricula" || key === "Constraints" ? 0 : 1;
    const tok = line.tokens[1];
    if (tok === undefined || !/^-?\d+$/.test(tok)) {
      issues.push({ path: ["text"], line: line.no, column: line.cols[1], message: `${key} must be an integer, got ${tok === undefined ? "nothing" : preview(tok)}` });
      values[key] = min;
      continue;
    }
    const v = Number(tok);
    if (v < min) issues.push({ path: ["text"], line: line.no, column: line.cols[1], message: `${key} must be at least ${min}, got ${v}` });
    const [limitName, max, unit] = HEADER_LIMITS[key];
    checkLimit(limitName, max, v, unit, { path: ["text"], line: line.no, column: line.cols[1] }, `${key}`);
    values[key] = Math.max(v, min);
  }
  return {
    name,
    coursesLine,
    courses: values.Courses,
    rooms: values.Rooms,
    days: values.Days,
    slots: values.Periods_per_day,
    curricula: values.Curricula,
    constraints: values.Constraints,
  };
}

/**
 * The size figures of a `.ctt` (same keys as the timetabling kind's `size`) from its header and
 * COURSES section only: bounded by MAX_CTT_BYTES and the header limits, nothing is compiled.
 */
export function measureCtt(text: string): { lectures: number; courses: number; rooms: number; periods: number; curricula: number } {
  const lines = new Lines(text);
  const h = readHeader(text, lines, []);
  let lectures = 0;
  if (lines.peek()?.tokens[0] === "COURSES:") {
    lines.next();
    for (let line = lines.peek(); line && !SECTIONS.includes(line.tokens[0] as never) && line.tokens[0] !== "END."; line = lines.peek()) {
      lines.next();
      const v = /^\d+$/.test(line.tokens[2] ?? "") ? Number(line.tokens[2]) : 0;
      lectures += v;
      checkLimit("MAX_LECTURES", MAX_LECTURES, lectures, "lectures", { path: ["text"], line: line.no, column: line.cols[2] });
    }
  }
  return { lectures, courses: h.courses, rooms: h.rooms, periods: h.days * h.slots, curricula: h.curricula };
}

/** Parse a `.ctt` text into the compiled problem; throws ProblemError listing every issue. */
export function readCtt(text: string): TimetablingProblem {
  const issues: InputIssue[] = [];
  const lines = new Lines(text);
  const fail = (line: Line | undefined, message: string, col = 0): void => {
    issues.push({ path: ["text"], message, line: line?.no ?? lastLine(text), column: line?.cols[col] });
  };
  const int = (line: Line, col: number, what: string, min: number): number => {
    const tok = line.tokens[col];
    if (tok === undefined || !/^-?\d+$/.test(tok)) {
      fail(line, `${what} must be an integer, got ${tok === undefined ? "nothing" : preview(tok)}`, col);
      return min;
    }
    const v = Number(tok);
    if (v < min) fail(line, `${what} must be at least ${min}, got ${v}`, col);
    return Math.max(v, min);
  };

  const header = readHeader(text, lines, issues);
  const { courses: nCourses, rooms: nRooms, days, slots } = header;
  const periods = days * slots;

  /**
   * Lines of one section, up to the next section keyword or END. Lines beyond the announced
   * count are counted for the error but not kept, so memory stays bounded by the header.
   */
  const section = (name: (typeof SECTIONS)[number], expected: number, what: string): Line[] => {
    const head = lines.peek();
    if (!head || head.tokens[0] !== name) {
      fail(head, `expected section "${name}"${head ? `, got ${preview(head.tokens[0])}` : ""}`);
      throw new ProblemError(issues);
    }
    lines.next();
    const body: Line[] = [];
    let count = 0;
    let last: Line | undefined;
    for (let line = lines.peek(); line && !SECTIONS.includes(line.tokens[0] as never) && line.tokens[0] !== "END."; line = lines.peek()) {
      last = lines.next();
      if (count++ < expected) body.push(line);
    }
    if (count !== expected) {
      fail(lines.peek() ?? last, `${name} has ${count} ${what} but the header announced ${expected}`);
    }
    return body;
  };

  const courseIndex = new Map<string, number>();
  const instructorIndex = new Map<string, number>();
  const instructorCourses: number[] = [];
  let totalLectures = 0;
  const courses = section("COURSES:", nCourses, "courses").map((line, ci) => {
    if (line.tokens.length !== 5) fail(line, `a course line has 5 fields (id teacher lectures minDays students), got ${line.tokens.length}`);
    const id = line.tokens[0];
    if (courseIndex.has(id)) fail(line, `course ${id} is declared twice`);
    courseIndex.set(id, ci);
    const teacher = line.tokens[1] ?? "";
    if (!instructorIndex.has(teacher)) instructorIndex.set(teacher, instructorIndex.size);
    const instructor = instructorIndex.get(teacher)!;
    instructorCourses[instructor] = (instructorCourses[instructor] ?? 0) + 1;
    const lectures = int(line, 2, `lectures of course ${id}`, 0);
    if (lectures > periods) fail(line, `course ${id} has ${lectures} lectures but there are only ${periods} periods`, 2);
    totalLectures += lectures;
    checkLimit("MAX_LECTURES", MAX_LECTURES, totalLectures, "lectures", { path: ["text"], line: line.no, column: line.cols[2] }, "lectures in total");
    return {
      id,
      instructor,
      lectures,
      minDays: int(line, 3, `min working days of course ${id}`, 0),
      students: int(line, 4, `students of course ${id}`, 0),
    };
  });

  const roomIds = new Set<string>();
  const rooms = section("ROOMS:", nRooms, "rooms").map((line) => {
    if (line.tokens.length !== 2) fail(line, `a room line has 2 fields (id capacity), got ${line.tokens.length}`);
    const id = line.tokens[0];
    if (roomIds.has(id)) fail(line, `room ${id} is declared twice`);
    roomIds.add(id);
    return { id, capacity: int(line, 1, `capacity of room ${id}`, 0) };
  });

  // Conflict sets are built pair by pair (problem.ts): bound the pairs before building them.
  let conflictPairs = instructorCourses.reduce((s, k) => s + pairsOf(k), 0);
  const curriculumIds = new Set<string>();
  const curricula = section("CURRICULA:", header.curricula, "curricula").map((line) => {
    const id = line.tokens[0];
    if (curriculumIds.has(id)) fail(line, `curriculum ${id} is declared twice`);
    curriculumIds.add(id);
    const k = int(line, 1, `course count of curriculum ${id}`, 0);
    const where = { path: ["text"], line: line.no, column: line.cols[1] };
    checkLimit("MAX_COURSES", MAX_COURSES, Math.max(k, line.tokens.length - 2), "courses", where, `courses of curriculum ${id}`);
    if (line.tokens.length !== k + 2) fail(line, `curriculum ${id} announces ${k} courses but lists ${line.tokens.length - 2}`, 1);
    conflictPairs += pairsOf(line.tokens.length - 2);
    checkLimit("MAX_CONFLICT_PAIRS", MAX_CONFLICT_PAIRS, conflictPairs, "conflicting course pairs", where);
    const members: number[] = [];
    for (let i = 2; i < line.tokens.length; i++) {
      const c = courseIndex.get(line.tokens[i]);
      if (c === undefined) fail(line, `curriculum ${id} names unknown course ${line.tokens[i]}`, i);
      else members.push(c);
    }
    return { id, courses: members };
  });

  const unavailable: [number, number][] = [];
  for (const line of section("UNAVAILABILITY_CONSTRAINTS:", header.constraints, "constraints")) {
    if (line.tokens.length !== 3) fail(line, `a constraint line has 3 fields (course day period), got ${line.tokens.length}`);
    const c = courseIndex.get(line.tokens[0]);
    if (c === undefined) fail(line, `unavailability constraint names unknown course ${line.tokens[0]}`);
    const d = int(line, 1, "day", 0);
    const s = int(line, 2, "period", 0);
    if (d >= days) fail(line, `day ${d} is out of range (Days: ${days})`, 1);
    if (s >= slots) fail(line, `period ${s} is out of range (Periods_per_day: ${slots})`, 2);
    if (c !== undefined && d < days && s < slots) unavailable.push([c, d * slots + s]);
  }
  if (lines.peek()?.tokens[0] !== "END.") fail(lines.peek(), `expected "END."`);

  if (totalLectures > periods * nRooms) {
    issues.push({
      path: ["text"],
      line: header.coursesLine,
      message: `${totalLectures} lectures cannot fit in ${periods} periods × ${nRooms} rooms`,
    });
  }
  // Too many issues make a huge message: the first 100 say enough.
  if (issues.length) throw new ProblemError(issues.slice(0, MAX_ISSUES));

  return buildProblem({
    format: "ctt",
    name: header.name,
    dayNames: Array.from({ length: days }, (_, d) => String(d)),
    slotNames: Array.from({ length: slots }, (_, s) => String(s)),
    rooms,
    instructors: [...instructorIndex.keys()].map((id) => ({ id })),
    curricula,
    courses,
    courseUnavailable: unavailable,
  });
}

/** Number of the last line (for errors at the end of the text), counted without splitting. */
function lastLine(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
