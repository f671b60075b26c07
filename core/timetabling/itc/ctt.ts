/**
 * Reader for ITC-2007 Track 3 instances (`.ctt`, see shared/data/itc2007-cbctt/FORMAT.md).
 *
 * The format is token based, but real files keep one record per line, so we read line by line:
 * that lets every error name the line (and column) and lets us notice when a section holds more
 * or fewer records than its header announced. All issues found are reported together.
 */
import { ProblemError, type InputIssue } from "../../engine/errors";
import { buildProblem, type TimetablingProblem } from "../problem";

const HEADER_KEYS = ["Name", "Courses", "Rooms", "Days", "Periods_per_day", "Curricula", "Constraints"] as const;
const SECTIONS = ["COURSES:", "ROOMS:", "CURRICULA:", "UNAVAILABILITY_CONSTRAINTS:"] as const;

interface Line {
  no: number;
  tokens: string[];
  /** 1-based column of each token, for precise error positions. */
  cols: number[];
}

function tokenize(text: string): Line[] {
  const out: Line[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const tokens: string[] = [];
    const cols: number[] = [];
    for (const m of raw.matchAll(/\S+/g)) {
      tokens.push(m[0]);
      cols.push((m.index ?? 0) + 1);
    }
    if (tokens.length) out.push({ no: i + 1, tokens, cols });
  });
  return out;
}

/** Parse a `.ctt` text into the compiled problem; throws ProblemError listing every issue. */
export function readCtt(text: string): TimetablingProblem {
  const issues: InputIssue[] = [];
  const lines = tokenize(text);
  const fail = (line: Line | undefined, message: string, col = 0): void => {
    issues.push({ path: ["text"], message, line: line?.no ?? lastLine(text), column: line?.cols[col] });
  };
  const int = (line: Line, col: number, what: string, min: number): number => {
    const tok = line.tokens[col];
    if (tok === undefined || !/^-?\d+$/.test(tok)) {
      fail(line, `${what} must be an integer, got ${tok === undefined ? "nothing" : JSON.stringify(tok)}`, col);
      return min;
    }
    const v = Number(tok);
    if (v < min) fail(line, `${what} must be at least ${min}, got ${v}`, col);
    return Math.max(v, min);
  };

  let at = 0;
  const header: Record<string, string> = {};
  for (const key of HEADER_KEYS) {
    const line = lines[at];
    if (!line || line.tokens[0] !== `${key}:`) {
      fail(line, `expected header "${key}:"${line ? `, got ${JSON.stringify(line.tokens[0])}` : ""}`);
      throw new ProblemError(issues);
    }
    if (key === "Name") header.Name = line.tokens.slice(1).join(" ");
    else header[key] = String(int(line, 1, key, key === "Curricula" || key === "Constraints" ? 0 : 1));
    at++;
  }
  const nCourses = Number(header.Courses);
  const nRooms = Number(header.Rooms);
  const days = Number(header.Days);
  const slots = Number(header.Periods_per_day);
  const periods = days * slots;

  /** Lines of one section, up to the next section keyword or END. */
  const section = (name: (typeof SECTIONS)[number], expected: number, what: string): Line[] => {
    const head = lines[at];
    if (!head || head.tokens[0] !== name) {
      fail(head, `expected section "${name}"${head ? `, got ${JSON.stringify(head.tokens[0])}` : ""}`);
      throw new ProblemError(issues);
    }
    at++;
    const body: Line[] = [];
    while (at < lines.length && !SECTIONS.includes(lines[at].tokens[0] as never) && lines[at].tokens[0] !== "END.") {
      body.push(lines[at++]);
    }
    if (body.length !== expected) {
      fail(lines[at] ?? body[body.length - 1], `${name} has ${body.length} ${what} but the header announced ${expected}`);
    }
    return body;
  };

  const courseIndex = new Map<string, number>();
  const instructorIndex = new Map<string, number>();
  const courses = section("COURSES:", nCourses, "courses").map((line, ci) => {
    if (line.tokens.length !== 5) fail(line, `a course line has 5 fields (id teacher lectures minDays students), got ${line.tokens.length}`);
    const id = line.tokens[0];
    if (courseIndex.has(id)) fail(line, `course ${id} is declared twice`);
    courseIndex.set(id, ci);
    const teacher = line.tokens[1] ?? "";
    if (!instructorIndex.has(teacher)) instructorIndex.set(teacher, instructorIndex.size);
    const lectures = int(line, 2, `lectures of course ${id}`, 0);
    if (lectures > periods) fail(line, `course ${id} has ${lectures} lectures but there are only ${periods} periods`, 2);
    return {
      id,
      instructor: instructorIndex.get(teacher)!,
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

  const curriculumIds = new Set<string>();
  const curricula = section("CURRICULA:", Number(header.Curricula), "curricula").map((line) => {
    const id = line.tokens[0];
    if (curriculumIds.has(id)) fail(line, `curriculum ${id} is declared twice`);
    curriculumIds.add(id);
    const k = int(line, 1, `course count of curriculum ${id}`, 0);
    if (line.tokens.length !== k + 2) fail(line, `curriculum ${id} announces ${k} courses but lists ${line.tokens.length - 2}`, 1);
    const members: number[] = [];
    for (let i = 2; i < line.tokens.length; i++) {
      const c = courseIndex.get(line.tokens[i]);
      if (c === undefined) fail(line, `curriculum ${id} names unknown course ${line.tokens[i]}`, i);
      else members.push(c);
    }
    return { id, courses: members };
  });

  const unavailable: [number, number][] = [];
  for (const line of section("UNAVAILABILITY_CONSTRAINTS:", Number(header.Constraints), "constraints")) {
    if (line.tokens.length !== 3) fail(line, `a constraint line has 3 fields (course day period), got ${line.tokens.length}`);
    const c = courseIndex.get(line.tokens[0]);
    if (c === undefined) fail(line, `unavailability constraint names unknown course ${line.tokens[0]}`);
    const d = int(line, 1, "day", 0);
    const s = int(line, 2, "period", 0);
    if (d >= days) fail(line, `day ${d} is out of range (Days: ${days})`, 1);
    if (s >= slots) fail(line, `period ${s} is out of range (Periods_per_day: ${slots})`, 2);
    if (c !== undefined && d < days && s < slots) unavailable.push([c, d * slots + s]);
  }
  if (lines[at]?.tokens[0] !== "END.") fail(lines[at], `expected "END."`);

  const totalLectures = courses.reduce((s, c) => s + c.lectures, 0);
  if (totalLectures > periods * nRooms) {
    issues.push({
      path: ["text"],
      line: lines[1]?.no,
      message: `${totalLectures} lectures cannot fit in ${periods} periods × ${nRooms} rooms`,
    });
  }
  if (issues.length) throw new ProblemError(issues);

  return buildProblem({
    format: "ctt",
    name: header.Name,
    dayNames: Array.from({ length: days }, (_, d) => String(d)),
    slotNames: Array.from({ length: slots }, (_, s) => String(s)),
    rooms,
    instructors: [...instructorIndex.keys()].map((id) => ({ id })),
    curricula,
    courses,
    courseUnavailable: unavailable,
  });
}

function lastLine(text: string): number {
  return text.split(/\r?\n/).length;
}
