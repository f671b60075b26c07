/**
 * Tiny timetables with rooms and buildings for the room / building / activity-tag constraint tests
 * in core/school/constraints/ (home rooms, preferred rooms, building changes, tag hours…): a
 * `RelSpec` (./relations.ts) plus buildings, a placement by activity Id with an optional room, our
 * verdict on it (with rooms), the Board checked against the from-scratch evaluation on random moves
 * that also change rooms, and fet-cl's verdict on the same placement (times locked; rooms locked by
 * a 100% ConstraintActivityPreferredRoom as our writer does, unless `lockRooms` is false).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Board } from "../board";
import { runFetCl } from "../cli/fetcl";
import { evaluateSchool, type SchoolEvaluation } from "../evaluate";
import { compileFet, SOFT_SCALE, type SchoolProblem } from "../problem";
import { constraint } from "./fet";
import { relFet, type RelSpec } from "./relations";

export { hasFetCl } from "./locked";
import { LOCKED_CPU_SECONDS } from "./locked";

export interface RoomSpec extends RelSpec {
  /** Names for <Buildings_List>; rooms name them in `building`. */
  buildings?: string[];
}

/** Placement by FET activity Id: [day, hour, room?]; activities left out are not placed. */
export type RoomAt = Record<number, [number, number, string?]>;

const x = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The `.fet` text: times of placed activities locked, and their rooms too unless `lockRooms` is false. */
export function roomFet(spec: RoomSpec, at: RoomAt = {}, lockRooms = true): string {
  const times: Record<number, [number, number]> = {};
  for (const [id, [d, h]] of Object.entries(at)) times[Number(id)] = [d, h];
  let text = relFet(spec, times);
  const emptyBuildings = "<Buildings_List>\n</Buildings_List>";
  if (!text.includes(emptyBuildings)) throw new Error("test/fet.ts no longer writes an empty <Buildings_List>: update test/rooms.ts");
  text = text.replace(
    emptyBuildings,
    `<Buildings_List>\n${(spec.buildings ?? []).map((b) => `<Building>\n\t<Name>${x(b)}</Name>\n\t<Comments></Comments>\n</Building>`).join("\n")}\n</Buildings_List>`,
  );
  if (lockRooms) {
    const locks = Object.entries(at)
      .filter(([, p]) => p[2] !== undefined)
      .map(([id, p]) => constraint("ConstraintActivityPreferredRoom", 100, `\t<Activity_Id>${id}</Activity_Id>\n\t<Room>${x(p[2] as string)}</Room>\n\t<Permanently_Locked>true</Permanently_Locked>`));
    const end = text.lastIndexOf("</Space_Constraints_List>");
    text = text.slice(0, end) + locks.map((l) => l + "\n").join("") + text.slice(end);
  }
  return text;
}

export interface RoomVerdict {
  problem: SchoolProblem;
  evaluation: SchoolEvaluation;
  /** Σ violations of the elements of `type`. */
  violations(type: string): number;
}

/** Compile the spec (without locks) and evaluate the placement from scratch, rooms included. */
export function ours(spec: RoomSpec, at: RoomAt): RoomVerdict {
  const problem = compileFet(roomFet(spec, {}));
  const start = new Int32Array(problem.nActivities).fill(-1);
  const room = new Int32Array(problem.nActivities).fill(-1);
  for (let a = 0; a < problem.nActivities; a++) {
    const p = at[problem.actId[a]];
    if (!p) continue;
    start[a] = p[0] * problem.nHours + p[1];
    if (p[2] !== undefined) {
      room[a] = problem.rooms.indexOf(p[2]);
      if (room[a] < 0) throw new Error(`no room ${p[2]}`);
    }
  }
  const evaluation = evaluateSchool(problem, { start, room });
  return { problem, evaluation, violations: (type) => evaluation.constraints.filter((c) => c.type === type).reduce((s, c) => s + c.violations, 0) };
}

/**
 * fet-cl on the placement (call only when `hasFetCl`): `accepted` when FET generates it at once,
 * i.e. the placement respects every 100% constraint, and then FET's "Total soft conflicts".
 */
export function theirs(spec: RoomSpec, at: RoomAt, options: { lockRooms?: boolean; seconds?: number } = {}): { accepted: boolean; softConflicts?: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "fetcl-rooms-"));
  try {
    const r = runFetCl(roomFet(spec, at, options.lockRooms ?? true), options.seconds ?? 2, { keep: dir, cpuSeconds: LOCKED_CPU_SECONDS });
    let softConflicts: number | undefined;
    const tt = join(dir, "out", "timetables");
    if (r.success && existsSync(tt)) {
      for (const sub of readdirSync(tt)) {
        const f = join(tt, sub, `${sub}_soft_conflicts.txt`);
        const m = existsSync(f) ? /Total soft conflicts:\s*([\d.]+)/.exec(readFileSync(f, "utf8")) : null;
        if (m) softConflicts = Number(m[1]);
      }
    }
    return { accepted: r.success, softConflicts, output: r.output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Random place / move / room-change / unplace steps on the incremental Board; after each step its
 * hard and soft costs must equal evaluateSchool's from scratch. Returns the number of steps that
 * differed (0 when the Board agrees).
 */
export function boardDisagreementsWithRooms(problem: SchoolProblem, steps = 400, seed = 11): number {
  const board = new Board(problem);
  let x = seed >>> 0 || 1;
  const rnd = () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 4294967296;
  };
  const n = problem.nActivities;
  const nRooms = problem.rooms.length;
  let bad = 0;
  const check = () => {
    const e = evaluateSchool(problem, { start: board.start, room: board.room });
    if (e.hard !== board.hard || Math.abs(e.soft - board.soft / SOFT_SCALE) > 1e-9) bad++;
  };
  check();
  for (let i = 0; i < steps && n > 0; i++) {
    const a = Math.floor(rnd() * n);
    if (board.start[a] >= 0 && rnd() < 0.15) {
      board.unplace(a);
    } else {
      const starts: number[] = [];
      for (let s = 0; s < problem.nSlots; s++) if (problem.fits[a * problem.nSlots + s]) starts.push(s);
      const keepStart = board.start[a] >= 0 && rnd() < 0.3; // a room change only
      const s = keepStart ? board.start[a] : starts[Math.floor(rnd() * starts.length)];
      const r = nRooms && rnd() < 0.9 ? Math.floor(rnd() * nRooms) : -1;
      board.unplace(a);
      board.place(a, s, r);
    }
    check();
  }
  return bad;
}

/** The first issue of the ProblemError compiling the spec throws, with the 1-based line where `needle` first occurs. */
export function refused(spec: RoomSpec, needle: string): { path: string; message: string; line?: number; expectedLine: number } {
  const text = roomFet(spec);
  const expectedLine = text.slice(0, text.indexOf(needle)).split("\n").length;
  try {
    compileFet(text);
  } catch (e) {
    const issue = (e as { issues?: { path: (string | number)[]; message: string; line?: number }[] }).issues?.[0];
    if (!issue) throw e;
    return { path: issue.path.join("/"), message: issue.message, line: issue.line, expectedLine };
  }
  throw new Error("compiling did not fail");
}
