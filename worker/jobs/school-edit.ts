/**
 * Editing a finished FET school timetable by hand: lessons moved to another day and hour and / or
 * another room (for a FET virtual room, optionally its real rooms), some pinned: their start
 * locked (`pins`), their room locked (`roomPins`). Two uses share these rules:
 *
 *  - `checkSchoolEdit` (POST /v1/jobs/{id}/school/check, and the job page's editor): what the edit
 *    breaks before anything is saved — the evaluator's costs of the edited timetable and the
 *    constraint elements it violates more (`broken`) or less (`fixed`) than the job's result;
 *  - `schoolEditFork` (the fork request's `edit`, worker/jobs/create-job.ts): the child's problem is
 *    the parent's with each pin as a 100% locked ConstraintActivityPreferredStartingTime and each
 *    room pin as a 100% locked ConstraintActivityPreferredRoom (with its Real_Room children when
 *    the edit chose the real rooms of a virtual room) — what FET itself writes for a locked
 *    activity — and its warm start is the edited timetable (Solver.warmStart,
 *    core/school/solver/warm-start.ts), so the re-solved result keeps the pins.
 *
 * Input is bounded (MAX_EDIT_ITEMS moves and pins) and every refusal is a 422 with the field path
 * (`edit.moves.2.hour`) and what was wrong, in the file's own day, hour and room names.
 */
import { compileSchool, isSchoolDocument, type SchoolProblem, type SchoolTimetable } from "@core/school/index";
import { lockConstraints, withConstraints } from "@core/school/fet/write";
import { assignRealRooms, chooseRealRooms } from "@core/school/real-rooms";
import { explainSchool, type SchoolExplainedConstraint } from "@core/school/explain";
import { ProblemError } from "@core/engine/errors";
import type { SchoolModel, SchoolModelConstraint } from "@core/school/model/types";
import type { Env } from "../env";
import { ApiError, fieldErrorsFromIssues, validationError, type FieldError } from "../http/problem";
import { getJson, jobKeys } from "../storage/blobs";
import { getJob, getJobResult, type JobRow } from "./job-queries";

/** At most this many moves and this many pins in one edit. */
export const MAX_EDIT_ITEMS = 2000;
/** Constraint elements listed in a check answer (each list). */
const MAX_LISTED = 300;
/** Activities listed per constraint element in a check answer. */
const MAX_INVOLVED = 50;

/**
 * One lesson changed: its FET activity id, where it now starts (day and hour, in the file's own
 * names; both absent keep its start) and / or its room.
 */
export interface SchoolMove {
  activity: number;
  day?: string;
  hour?: string;
  /** A room name, null for no room; absent keeps the lesson's room. */
  room?: string | null;
  /** In a FET virtual room: its real rooms, one of each set of the virtual room (any order); absent lets them be chosen. */
  realRooms?: string[];
}

export interface SchoolEdit {
  moves?: SchoolMove[];
  /** FET activity ids whose start (after the moves) is locked. */
  pins?: number[];
  /** FET activity ids whose room (after the moves; with the real rooms the moves name) is locked. */
  roomPins?: number[];
}

/** An edit read against a problem: the edited timetable and the pinned activities (indices). */
export interface ReadEdit {
  /** `real` is set when a move names real rooms: those, and the others chosen around them (editedRealRooms). */
  timetable: SchoolTimetable;
  pins: number[];
  roomPins: number[];
  /** Activities whose real rooms the edit names (their entries of `timetable.real` are the named ones). */
  chosenReal: number[];
}

/**
 * Read `value` (an edit) against `problem` and the timetable it changes; 422 with every field
 * error at once (paths under `path`) when anything does not fit.
 */
export function readSchoolEdit(value: unknown, problem: SchoolProblem, base: SchoolTimetable, path = "edit"): ReadEdit {
  const errors: FieldError[] = [];
  const err = (at: string, message: string): void => {
    errors.push({ path: path ? `${path}.${at}` : at, message });
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw validationError([{ path: path || "body", message: "must be an object with moves, pins and/or roomPins" }]);
  const v = value as { moves?: unknown; pins?: unknown; roomPins?: unknown };
  const moves = v.moves ?? [];
  const pinsIn = v.pins ?? [];
  const roomPinsIn = v.roomPins ?? [];
  if (!Array.isArray(moves)) err("moves", "must be a list of moves");
  else if (moves.length > MAX_EDIT_ITEMS) err("moves", `at most ${MAX_EDIT_ITEMS} moves in one edit (this has ${moves.length})`);
  for (const [name, list] of [
    ["pins", pinsIn],
    ["roomPins", roomPinsIn],
  ] as const) {
    if (!Array.isArray(list)) err(name, "must be a list of activity ids");
    else if (list.length > MAX_EDIT_ITEMS) err(name, `at most ${MAX_EDIT_ITEMS} ${name === "pins" ? "pins" : "room pins"} in one edit (this has ${list.length})`);
  }
  if (errors.length) throw validationError(errors, "The timetable edit cannot be read.");

  const indexOf = new Map<number, number>();
  for (let a = 0; a < problem.nActivities; a++) indexOf.set(problem.actId[a], a);
  const activity = (id: unknown, at: string): number | null => {
    if (!Number.isInteger(id)) {
      err(at, "must be an activity id (an integer)");
      return null;
    }
    const a = indexOf.get(id as number);
    if (a === undefined) err(at, `no active activity has id ${String(id)}`);
    return a ?? null;
  };
  const start = Int32Array.from(base.start);
  const room = Int32Array.from(base.room);
  const moved = new Set<number>();
  const named = new Map<number, { at: string; names: unknown }>();
  (moves as unknown[]).forEach((m, i) => {
    const at = `moves.${i}`;
    if (typeof m !== "object" || m === null) return err(at, "must be an object {activity, day, hour, room?, realRooms?}");
    const { activity: id, day, hour } = m as Record<string, unknown>;
    const hasRoom = "room" in m && (m as { room?: unknown }).room !== undefined;
    const hasReal = "realRooms" in m && (m as { realRooms?: unknown }).realRooms !== undefined;
    const a = activity(id, `${at}.activity`);
    const keepsStart = day === undefined && hour === undefined;
    if (keepsStart && !hasRoom && !hasReal) return err(at, "must give a day and an hour, a room, or real rooms");
    const d = typeof day === "string" ? problem.days.indexOf(day) : -1;
    const h = typeof hour === "string" ? problem.hours.indexOf(hour) : -1;
    if (!keepsStart && d < 0) err(`${at}.day`, `must be one of the days: ${problem.days.slice(0, 20).join(", ")}`);
    if (!keepsStart && h < 0) err(`${at}.hour`, `must be one of the hours: ${problem.hours.slice(0, 30).join(", ")}`);
    if (a === null || (!keepsStart && (d < 0 || h < 0))) return;
    if (moved.has(a)) return err(`${at}.activity`, `activity ${String(id)} is moved twice in one edit`);
    moved.add(a);
    if (keepsStart) {
      if (start[a] < 0) return err(at, `activity ${String(id)} is not placed: give it a day and an hour too`);
    } else {
      const s = d * problem.nHours + h;
      const duration = problem.actDuration[a];
      if (!problem.fits[a * problem.nSlots + s]) return err(`${at}.hour`, `a lesson of ${duration} hours cannot start at ${String(hour)} on ${String(day)} (it would run past the end of the day)`);
      start[a] = s;
    }
    if (hasRoom) {
      const r = (m as { room?: unknown }).room;
      const ri = typeof r === "string" ? problem.rooms.indexOf(r) : -1;
      if (r === null) room[a] = -1;
      else if (ri < 0) return err(`${at}.room`, "must be a room of the school or null");
      else if (!problem.needsRoom[a]) return err(`${at}.room`, `activity ${String(id)} takes no room: no space constraint names it, so it must stay without one (null)`);
      else room[a] = ri;
    }
    if (hasReal) named.set(a, { at: `${at}.realRooms`, names: (m as { realRooms?: unknown }).realRooms });
  });

  // Real rooms named by the moves, each matched to a set of the lesson's (edited) virtual room.
  const K = problem.maxRealRooms;
  const chosen = new Map<number, Int32Array>();
  for (const [a, { at, names }] of named) {
    const r = room[a];
    if (r < 0 || !problem.roomVirtual[r]) {
      err(at, `only a lesson in a virtual room has real rooms (activity ${problem.actId[a]} is ${r < 0 ? "in no room" : `in ${problem.rooms[r]}, a real room`})`);
      continue;
    }
    const picked = matchRealRooms(problem, r, names);
    if (typeof picked === "string") err(at, picked);
    else chosen.set(a, picked);
  }

  const pinList = (list: unknown[], name: "pins" | "roomPins"): number[] => {
    const out: number[] = [];
    const seen = new Set<number>();
    list.forEach((id, i) => {
      const a = activity(id, `${name}.${i}`);
      if (a === null || seen.has(a)) return;
      if (start[a] < 0) return err(`${name}.${i}`, `activity ${String(id)} is not placed: move it to an hour before pinning it`);
      if (name === "roomPins" && room[a] < 0) return err(`${name}.${i}`, `activity ${String(id)} has no room: choose its room before pinning it`);
      seen.add(a);
      out.push(a);
    });
    return out;
  };
  const pins = pinList(pinsIn as unknown[], "pins");
  const roomPins = pinList(roomPinsIn as unknown[], "roomPins");
  if (errors.length) throw validationError(errors, "The timetable edit does not fit this school.");
  const timetable: SchoolTimetable = { start, room };
  if (K > 0 && chosen.size > 0) timetable.real = editedRealRooms(problem, start, room, chosen);
  return { timetable, pins, roomPins, chosenReal: [...chosen.keys()] };
}

/**
 * Real room names for virtual room v, one of each of its sets (in any order), as the activity's
 * entries of a timetable's `real` (the compiled set order, core/school/real-rooms.ts); a message
 * saying what is wrong otherwise. A name may belong to several sets: each set gets one name by
 * bipartite matching (augmenting paths; at most 50 sets, FET_LIMITS).
 */
export function matchRealRooms(p: SchoolProblem, v: number, names: unknown): Int32Array | string {
  const k0 = p.vSetStart[v];
  const nSets = p.vSetStart[v + 1] - k0;
  const setText = () => Array.from({ length: nSets }, (_, k) => Array.from(p.vReal.subarray(p.vRealStart[k0 + k], p.vRealStart[k0 + k + 1]), (r) => p.rooms[r]).join(" or ")).join("; ");
  const expected = `must name ${nSets} different real ${nSets === 1 ? "room" : "rooms"} of virtual room ${p.rooms[v]}, one of each set: ${setText()}`;
  if (!Array.isArray(names) || names.length !== nSets || !names.every((n) => typeof n === "string")) return expected;
  const rooms = names.map((n) => p.rooms.indexOf(n as string));
  const unknown = names.find((_, i) => rooms[i] < 0);
  if (unknown !== undefined) return `no room is called ${String(unknown)}: ${expected}`;
  if (new Set(rooms).size !== rooms.length) return `a real room is named twice: ${expected}`;
  const inSet = (k: number, r: number) => {
    for (let j = p.vRealStart[k0 + k]; j < p.vRealStart[k0 + k + 1]; j++) if (p.vReal[j] === r) return true;
    return false;
  };
  // setOf[i]: the set name i fills; nameOf[k]: the name filling set k
  const nameOf = new Int32Array(nSets).fill(-1);
  const augment = (i: number, seen: Uint8Array): boolean => {
    for (let k = 0; k < nSets; k++) {
      if (seen[k] || !inSet(k, rooms[i])) continue;
      seen[k] = 1;
      if (nameOf[k] < 0 || augment(nameOf[k], seen)) {
        nameOf[k] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < rooms.length; i++) if (!augment(i, new Uint8Array(nSets))) return `${p.rooms[rooms[i]]} does not fit a set left: ${expected}`;
  const out = new Int32Array(p.maxRealRooms).fill(-1);
  for (let k = 0; k < nSets; k++) out[k] = rooms[nameOf[k]];
  return out;
}

/**
 * The real rooms of an edited timetable: the ones the edit names for its activities, and for the
 * other lessons in virtual rooms those assignRealRooms chooses, each re-chosen (chooseRealRooms)
 * when it shares a real room with another lesson at the same hour while a free one exists.
 */
export function editedRealRooms(p: SchoolProblem, start: Int32Array, room: Int32Array, chosen: ReadonlyMap<number, Int32Array>): Int32Array {
  const K = p.maxRealRooms;
  const real = assignRealRooms(p, start, room);
  for (const [a, rooms] of chosen) real.set(rooms, a * K);
  const nSlots = p.nSlots;
  const rOcc = new Int32Array(p.rooms.length * nSlots);
  const roomsOf = (a: number): number[] => (p.roomVirtual[room[a]] ? Array.from(real.subarray(a * K, a * K + K)).filter((r) => r >= 0) : [room[a]]);
  const mark = (a: number, sign: 1 | -1) => {
    for (const r of roomsOf(a)) for (let t = 0; t < p.actDuration[a]; t++) rOcc[r * nSlots + start[a] + t] += sign;
  };
  const placed: number[] = [];
  for (let a = 0; a < p.nActivities; a++) if (start[a] >= 0 && room[a] >= 0) placed.push(a);
  for (const a of placed) mark(a, 1);
  const scratch = new Int32Array(K);
  for (const a of placed) {
    if (!p.roomVirtual[room[a]] || chosen.has(a)) continue;
    mark(a, -1);
    const clashes = (rooms: number[]) => rooms.reduce((c, r) => c + Array.from({ length: p.actDuration[a] }, (_, t) => rOcc[r * nSlots + start[a] + t]).filter((x) => x > 0).length, 0);
    if (clashes(roomsOf(a)) > 0) {
      chooseRealRooms(p, a, start[a], room[a], rOcc, scratch, 0);
      if (clashes(Array.from(scratch).filter((r) => r >= 0)) < clashes(roomsOf(a))) real.set(scratch, a * K);
    }
    mark(a, 1);
  }
  return real;
}

/** A constraint element of a check answer (the explanation's, with its activities capped). */
export interface CheckedConstraint extends Pick<SchoolExplainedConstraint, "type" | "description" | "path" | "weight" | "hard" | "violations" | "penalty"> {
  /** Violations of the same element in the job's result. */
  before: number;
  /** The FET ids of the activities it involves. */
  activities: number[];
}

export interface SchoolCheck {
  hard: number;
  soft: number;
  unplaced: number;
  before: { hard: number; soft: number; unplaced: number };
  /** Elements the edit violates more than the result did (hard first). */
  broken: CheckedConstraint[];
  /** Elements the edit violates less than the result did. */
  fixed: CheckedConstraint[];
  /** Every element the edited timetable violates. */
  violated: CheckedConstraint[];
  moved: number[];
  pins: number[];
  roomPins: number[];
}

/** What `edited` breaks and fixes against `base`, by constraint element (path and weight). */
export function schoolEditVerdict(problem: SchoolProblem, base: SchoolTimetable, edit: ReadEdit): SchoolCheck {
  const before = explainSchool(problem, base);
  const after = explainSchool(problem, edit.timetable);
  const key = (c: SchoolExplainedConstraint) => `${c.type}|${c.path}|${c.weight}`;
  const was = new Map(before.constraints.map((c) => [key(c), c]));
  const now = new Map(after.constraints.map((c) => [key(c), c]));
  const row = (c: SchoolExplainedConstraint, prior: number): CheckedConstraint => ({
    type: c.type,
    description: c.description,
    path: c.path,
    weight: c.weight,
    hard: c.hard,
    violations: now.get(key(c))?.violations ?? 0,
    before: prior,
    penalty: now.get(key(c))?.penalty ?? 0,
    activities: c.activities.slice(0, MAX_INVOLVED).map((a) => a.id),
  });
  const violated = after.constraints.map((c) => row(c, was.get(key(c))?.violations ?? 0));
  const broken = violated.filter((c) => c.violations > c.before);
  const fixed = before.constraints.filter((c) => (now.get(key(c))?.violations ?? 0) < c.violations).map((c) => row(c, c.violations));
  const moved: number[] = [];
  const named = new Set(edit.chosenReal);
  for (let a = 0; a < problem.nActivities; a++) if (edit.timetable.start[a] !== base.start[a] || edit.timetable.room[a] !== base.room[a] || named.has(a)) moved.push(problem.actId[a]);
  return {
    hard: after.hard,
    soft: after.soft,
    unplaced: after.unplaced,
    before: { hard: before.hard, soft: before.soft, unplaced: before.unplaced },
    broken: broken.slice(0, MAX_LISTED),
    fixed: fixed.slice(0, MAX_LISTED),
    violated: violated.slice(0, MAX_LISTED),
    moved: moved.slice(0, MAX_EDIT_ITEMS),
    pins: edit.pins.map((a) => problem.actId[a]),
    roomPins: edit.roomPins.map((a) => problem.actId[a]),
  };
}

/** A finished school job's compiled problem, stored input and result timetable; 409/410/422 otherwise. */
export async function loadSchoolResult(env: Env, tenantId: string, row: JobRow): Promise<{ doc: unknown; problem: SchoolProblem; base: SchoolTimetable }> {
  const doc = await getJson(env.BLOBS, row.inputKey ?? jobKeys.input(tenantId, row.id));
  if (doc === null) throw new ApiError(410, "input-gone", "Input no longer stored", `The input of job ${row.id} is no longer stored.`);
  if (row.kind !== "timetabling" || !isSchoolDocument(doc)) {
    throw new ApiError(422, "not-a-school-job", "Not a school timetable", `Only FET school jobs (format "fet" or "school") can be edited; job ${row.id} is ${row.kind}.`);
  }
  const result = await getJobResult(env, tenantId, row.id);
  const sol = result.best?.solution as { start?: unknown; room?: unknown } | undefined;
  if (!sol || !Array.isArray(sol.start) || !Array.isArray(sol.room))
    throw new ApiError(409, "no-solution", "No timetable", `Job ${row.id} ended ${row.state} without a timetable to edit.`, { state: row.state });
  const problem = compileSchool(doc);
  if (sol.start.length !== problem.nActivities || sol.room.length !== problem.nActivities)
    throw new ApiError(409, "no-solution", "No timetable", `The stored timetable of job ${row.id} does not fit its problem.`);
  return { doc, problem, base: { start: Int32Array.from(sol.start as number[]), room: Int32Array.from(sol.room as number[]) } };
}

/** POST /v1/jobs/{id}/school/check: the edit read against the job's result, and what it breaks. */
export async function checkSchoolEdit(env: Env, tenantId: string, jobId: string, edit: unknown): Promise<SchoolCheck> {
  const row = await getJob(env, tenantId, jobId);
  const { problem, base } = await loadSchoolResult(env, tenantId, row);
  return schoolEditVerdict(problem, base, readSchoolEdit(edit, problem, base, ""));
}

/**
 * The parent's document with each pinned activity locked at its edited start and each room-pinned
 * one in its edited room: a `.fet` gets the locked ConstraintActivityPreferredStartingTime and
 * ConstraintActivityPreferredRoom elements FET writes (core/school/fet/write.ts; Real_Room children
 * for the real rooms the edit named), a JSON school model the same constraints in its own form
 * (core/school/model/vocabulary.ts).
 */
export function pinnedDocument(doc: unknown, problem: SchoolProblem, edit: ReadEdit): unknown {
  if (edit.pins.length === 0 && edit.roomPins.length === 0) return doc;
  const t = edit.timetable;
  const K = problem.maxRealRooms;
  const named = new Set(edit.chosenReal);
  /** The real rooms the edit named for a, in the file's room order; [] when it named none. */
  const realNames = (a: number) =>
    t.real && named.has(a)
      ? Array.from(t.real.subarray(a * K, a * K + K))
          .filter((r) => r >= 0)
          .sort((x, y) => x - y)
          .map((r) => problem.rooms[r])
      : [];
  const d = doc as Record<string, unknown>;
  if (d.format === "school") {
    const comments = "Pinned by hand before re-solving";
    const pins: SchoolModelConstraint[] = edit.pins.map((a) => ({
      type: "ActivityPreferredStartingTime",
      weight: 100,
      activityId: problem.actId[a],
      day: problem.days[Math.floor(t.start[a] / problem.nHours)],
      hour: problem.hours[t.start[a] % problem.nHours],
      permanentlyLocked: true,
      comments,
    }));
    const roomPins: SchoolModelConstraint[] = edit.roomPins.map((a) => {
      const real = realNames(a);
      return {
        type: "ActivityPreferredRoom",
        weight: 100,
        activityId: problem.actId[a],
        room: problem.rooms[t.room[a]],
        permanentlyLocked: true,
        ...(real.length ? { realRooms: real } : {}),
        comments,
      };
    });
    const model = doc as SchoolModel;
    return {
      ...model,
      timeConstraints: [...(model.timeConstraints ?? []), ...pins],
      spaceConstraints: [...(model.spaceConstraints ?? []), ...roomPins],
    };
  }
  const none = () => new Int32Array(problem.nActivities).fill(-1);
  const timeStart = none();
  for (const a of edit.pins) timeStart[a] = t.start[a];
  const { time } = lockConstraints(problem, { start: timeStart, room: none() });
  // lockConstraints writes a start lock and a room lock for each placed activity in a room: only the room locks are kept here.
  const roomStart = none();
  const roomOf = none();
  const real = K > 0 ? new Int32Array(problem.nActivities * K).fill(-1) : undefined;
  for (const a of edit.roomPins) {
    roomStart[a] = t.start[a];
    roomOf[a] = t.room[a];
    if (real && t.real && named.has(a)) real.set(t.real.subarray(a * K, a * K + K), a * K);
  }
  const { space } = lockConstraints(problem, { start: roomStart, room: roomOf, ...(real ? { real } : {}) });
  return { ...d, text: withConstraints(problem.text, time, space) };
}

/**
 * A fork's `edit` (create-job.ts): the child's document (pins locked) and its warm start (the
 * edited timetable, as plain arrays for the job spec). The parent must be a finished school job.
 */
export async function schoolEditFork(env: Env, tenantId: string, parent: JobRow, edit: unknown): Promise<{ doc: unknown; warmStart: { start: number[]; room: number[] } }> {
  const { doc, problem, base } = await loadSchoolResult(env, tenantId, parent);
  const read = readSchoolEdit(edit, problem, base);
  const child = pinnedDocument(doc, problem, read);
  // The pins must compile (a pin at an hour the file forbids is still a valid constraint; this guards the writer).
  try {
    compileSchool(child);
  } catch (e) {
    if (e instanceof ProblemError) throw validationError(fieldErrorsFromIssues(e.issues, ["edit"]), "The pinned timetable cannot be compiled.");
    throw e;
  }
  return { doc: child, warmStart: { start: Array.from(read.timetable.start), room: Array.from(read.timetable.room) } };
}
