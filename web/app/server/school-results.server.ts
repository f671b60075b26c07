/**
 * What the results section draws for a FET school job (a `timetabling` job whose input is a .fet
 * or school model): the timetable by teacher, class (students set), room and subject on the
 * file's own day and hour names, each multi-hour lesson as one block spanning its hours (rows
 * built from core's `viewGrid`, core/exports/school.ts), split lessons marked "part k of n", and
 * the explanation (core/school/explain.ts) with the lessons each violation involves, so the page
 * can highlight them. The same view models the exports format. A lesson in a FET virtual room
 * carries the real rooms it occupies (`realRooms`); the room view lists it under the virtual room
 * and under each real room, and lessons sharing a virtual room in different real rooms are no clash.
 */
import { cellClash, schoolViews, viewGrid, type SchoolBlock, type SchoolView, type SchoolViewKind } from "@core/exports/school";
import type { SchoolTimetable } from "@core/school/evaluate";
import { explainSchool } from "@core/school/explain";
import type { FetActivity, FetInput } from "@core/school/fet/types";
import { compileSchool } from "@core/school/index";
import type { SchoolProblem } from "@core/school/problem";
import { fetConstraintLabel } from "../components/labels";

export const SCHOOL_VIEW_KINDS: SchoolViewKind[] = ["teacher", "students", "room", "subject"];

/** A lesson in a cell. `part` marks one lesson of a split activity ("2 of 4"), else null. */
export interface SchoolLesson {
  id: number;
  subject: string;
  teachers: string[];
  students: string[];
  /** The room (a virtual room's own name), "" when none. */
  room: string;
  /** In a FET virtual room: the real rooms it occupies ("Labs (Lab 1, Lab 3)" reads room and these). */
  realRooms?: string[];
  duration: number;
  part: string | null;
  /** Locked in the input at its hour (a 100% permanently locked preferred starting time, e.g. a pin of a re-solve). */
  pinned?: true;
  /** Locked in the input in its room (a 100% permanently locked preferred room, e.g. a room pin of a re-solve). */
  roomPinned?: true;
}

/** A room of the school for the editor's room choice (file order). */
export interface SchoolRoomInfo {
  name: string;
  capacity: number;
  /** A FET virtual room: the sets of real rooms it takes one room of each (file order). */
  sets?: string[][];
}

/**
 * The rooms a lesson may be given, from its room constraints (web editor; the time-dependent rules —
 * a room busy or not available at that hour — are left to the check): `allowed` breaks no 100%
 * unary room rule (preferred rooms, home rooms, capacity with BasicCompulsorySpace), `against` are
 * those of them a soft room preference is against; indices into SchoolRoomOptions.rooms, preferred first.
 */
export interface SchoolRoomChoice {
  allowed: number[];
  against: number[];
  /** Allowed rooms left out past MAX_CHOICE_ROOMS. */
  more: number;
}

export interface SchoolRoomOptions {
  rooms: SchoolRoomInfo[];
  /** Distinct choices; many lessons share one. */
  choices: SchoolRoomChoice[];
  /** By FET activity id, for the lessons that take a room (a space constraint names them): their choice and students. */
  byActivity: Record<number, { choice: number; students: number }>;
}

/** A grid cell: the lessons starting there and how many hour rows it spans (`rowSpan`). */
export interface SchoolCell {
  span: number;
  lessons: SchoolLesson[];
  /** Several lessons that are no clash: they share a virtual room in different real rooms (core/exports/school.ts cellClash). */
  shared?: true;
}

export interface SchoolGrid {
  id: string;
  /** Students sets only: "year", "group" or "subgroup". */
  level?: "year" | "group" | "subgroup";
  /** rows[hour][day]; null where a lesson from an earlier hour covers the cell (no <td> there). */
  rows: (SchoolCell | null)[][];
  lessons: number;
}

export interface SchoolExplainedItem {
  type: string;
  label: string;
  description: string;
  weight: number;
  hard: boolean;
  violations: number;
  penalty: number;
  /** FET activity ids involved (at most MAX_INVOLVED). */
  activities: number[];
  teachers: string[];
  students: string[];
  rooms: string[];
}

export interface SchoolResult {
  type: "school";
  institution: string;
  days: string[];
  hours: string[];
  views: Record<SchoolViewKind, SchoolGrid[]>;
  explanation: SchoolExplainedItem[];
  hard: number;
  soft: number;
  unplaced: number;
  /** Unsupported constraint types left out with "solve without them". */
  ignored: { type: string; label: string; count: number }[];
  /** For the editor's room choice; absent in a check's redrawn result (the rooms do not change). */
  roomOptions?: SchoolRoomOptions;
}

const MAX_ITEMS = 300;
const MAX_INVOLVED = 200;
/** Rooms listed in one room choice (the school's other allowed rooms are counted, not listed). */
export const MAX_CHOICE_ROOMS = 400;

/** "part k of n" for every activity of a split lesson (same Activity_Group_Id), by id order. */
export function splitParts(activities: readonly Pick<FetActivity, "id" | "groupId" | "active">[]): Map<number, string> {
  const groups = new Map<number, number[]>();
  for (const a of activities) {
    if (!a.active || a.groupId === 0) continue;
    const list = groups.get(a.groupId) ?? [];
    list.push(a.id);
    groups.set(a.groupId, list);
  }
  const parts = new Map<number, string>();
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    ids.sort((x, y) => x - y);
    ids.forEach((id, i) => parts.set(id, `${i + 1} of ${ids.length}`));
  }
  return parts;
}

/**
 * FET activity ids whose start the input locks: an active 100% ConstraintActivityPreferredStartingTime
 * with Permanently_Locked true naming day and hour (what FET writes for a locked activity, and what
 * a re-solve from an edited timetable adds for each pin, worker/jobs/school-edit.ts).
 */
export function lockedActivities(input: Pick<FetInput, "timeConstraints">): Set<number> {
  const ids = new Set<number>();
  for (const c of input.timeConstraints) {
    if (c.type !== "ConstraintActivityPreferredStartingTime" || !c.active || c.weight < 100) continue;
    const field = (name: string) => c.node.children.find((n) => n.name === name)?.text.trim();
    if (field("Permanently_Locked") !== "true" || !field("Preferred_Day") || !field("Preferred_Hour")) continue;
    const id = Number(field("Activity_Id"));
    if (Number.isInteger(id)) ids.add(id);
  }
  return ids;
}

/** Activity ids whose room the input locks: an active 100% ConstraintActivityPreferredRoom with Permanently_Locked true (FET's lock, a room pin of a re-solve). */
export function lockedRooms(input: Pick<FetInput, "spaceConstraints">): Set<number> {
  const ids = new Set<number>();
  for (const c of input.spaceConstraints) {
    if (c.type !== "ConstraintActivityPreferredRoom" || !c.active || c.weight < 100) continue;
    const field = (name: string) => c.node.children.find((n) => n.name === name)?.text.trim();
    if (field("Permanently_Locked") !== "true") continue;
    const id = Number(field("Activity_Id"));
    if (Number.isInteger(id)) ids.add(id);
  }
  return ids;
}

/** The room choice of every lesson that takes a room (SchoolRoomOptions), from the compiled unary room costs. */
export function roomOptionsOf(p: SchoolProblem): SchoolRoomOptions {
  const nRooms = p.rooms.length;
  const rooms: SchoolRoomInfo[] = p.input.rooms.map((r, i) => ({ name: r.name, capacity: p.roomCapacity[i], ...(p.roomVirtual[i] && r.sets ? { sets: r.sets.map((set) => [...set]) } : {}) }));
  const choices: SchoolRoomChoice[] = [];
  const known = new Map<string, number>();
  const byActivity: SchoolRoomOptions["byActivity"] = {};
  for (let a = 0; a < p.nActivities; a++) {
    if (!p.needsRoom[a]) continue;
    const ok: number[] = [];
    for (let r = 0; r < nRooms; r++) if (p.roomHard[a * nRooms + r] === 0) ok.push(r);
    // preferred (no soft cost) first, then by soft cost, then the file's order
    ok.sort((x, y) => p.roomSoft[a * nRooms + x] - p.roomSoft[a * nRooms + y] || x - y);
    const allowed = ok.slice(0, MAX_CHOICE_ROOMS);
    const against = allowed.filter((r) => p.roomSoft[a * nRooms + r] > 0);
    const key = `${allowed.join(",")}/${against.join(",")}`;
    let choice = known.get(key);
    if (choice === undefined) {
      choice = choices.length;
      known.set(key, choice);
      choices.push({ allowed, against, more: ok.length - allowed.length });
    }
    byActivity[p.actId[a]] = { choice, students: p.actStudents[a] };
  }
  return { rooms, choices, byActivity };
}

/** A view as table rows: hour rows of day cells, a lesson of d hours one cell with span d, the cells it covers null. */
export function schoolGridRows(view: SchoolView, parts: ReadonlyMap<number, string>, locked: ReadonlySet<number> = new Set(), lockedRoom: ReadonlySet<number> = new Set()): (SchoolCell | null)[][] {
  const lesson = (b: SchoolBlock): SchoolLesson => ({
    id: b.id,
    subject: b.subject,
    teachers: b.teachers,
    students: b.students,
    room: b.room,
    ...(b.realRooms ? { realRooms: b.realRooms } : {}),
    duration: b.duration,
    part: parts.get(b.id) ?? null,
    ...(locked.has(b.id) ? { pinned: true as const } : {}),
    ...(lockedRoom.has(b.id) && b.room ? { roomPinned: true as const } : {}),
  });
  return viewGrid(view).map((row) =>
    row.map((cell) => (cell === null ? null : { span: cell.span, lessons: cell.blocks.map(lesson), ...(cell.blocks.length > 1 && !cellClash(view, cell.blocks) ? { shared: true as const } : {}) })),
  );
}

/**
 * The school result of a stored solution `{start, room}` (and `real`, the real rooms of virtual
 * rooms, when stored; else they are chosen as the evaluation does); null when it does not fit the problem.
 */
export function buildSchoolResult(doc: unknown, solution: unknown): SchoolResult | null {
  const problem = compileSchool(doc);
  const sol = solution as { start?: unknown; room?: unknown; real?: unknown };
  if (!Array.isArray(sol?.start) || !Array.isArray(sol.room) || sol.start.length !== problem.nActivities || sol.room.length !== problem.nActivities) return null;
  const t: SchoolTimetable = { start: Int32Array.from(sol.start as number[]), room: Int32Array.from(sol.room as number[]) };
  if (sol.real !== undefined) {
    if (!Array.isArray(sol.real) || sol.real.length !== problem.nActivities * problem.maxRealRooms) return null;
    t.real = Int32Array.from(sol.real as number[]);
  }
  try {
    return schoolResultOf(problem, t);
  } catch (e) {
    // assignRealRooms (core/school/real-rooms.ts) refuses real rooms outside their virtual room's sets
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/** The result as the page draws it; `roomOptions: false` leaves out the editor's room choices (a check's redraw: they do not change). */
export function schoolResultOf(problem: SchoolProblem, t: SchoolTimetable, options: { roomOptions?: boolean } = {}): SchoolResult {
  const parts = splitParts(problem.input.activities);
  const locked = lockedActivities(problem.input);
  const lockedRoom = lockedRooms(problem.input);
  const views = {} as Record<SchoolViewKind, SchoolGrid[]>;
  for (const kind of SCHOOL_VIEW_KINDS) {
    views[kind] = schoolViews(problem, t, kind).map((v) => ({ id: v.id, ...(v.level ? { level: v.level } : {}), rows: schoolGridRows(v, parts, locked, lockedRoom), lessons: v.blocks.length }));
  }
  const explained = explainSchool(problem, t);
  return {
    type: "school",
    institution: problem.input.institution,
    days: problem.days,
    hours: problem.hours,
    views,
    explanation: explained.constraints.slice(0, MAX_ITEMS).map((c) => ({
      type: c.type,
      label: fetConstraintLabel(c.type),
      description: c.description,
      weight: c.weight,
      hard: c.hard,
      violations: c.violations,
      penalty: c.penalty,
      activities: c.activities.slice(0, MAX_INVOLVED).map((a) => a.id),
      teachers: c.teachers.slice(0, MAX_INVOLVED),
      students: c.students.slice(0, MAX_INVOLVED),
      rooms: c.rooms.slice(0, MAX_INVOLVED),
    })),
    hard: explained.hard,
    soft: explained.soft,
    unplaced: explained.unplaced,
    ignored: problem.ignored.map((x) => ({ ...x, label: fetConstraintLabel(x.type) })),
    ...(options.roomOptions === false ? {} : { roomOptions: roomOptionsOf(problem) }),
  };
}
