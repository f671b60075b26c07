/**
 * Editing a finished FET school timetable by hand: lessons moved to another day and hour (and
 * optionally room), some pinned (their start locked). Two uses share these rules:
 *
 *  - `checkSchoolEdit` (POST /v1/jobs/{id}/school/check, and the job page's editor): what the edit
 *    breaks before anything is saved — the evaluator's costs of the edited timetable and the
 *    constraint elements it violates more (`broken`) or less (`fixed`) than the job's result;
 *  - `schoolEditFork` (the fork request's `edit`, worker/jobs/create-job.ts): the child's problem is
 *    the parent's with each pin as a 100% locked ConstraintActivityPreferredStartingTime (what FET
 *    itself writes for a locked activity), and its warm start is the edited timetable
 *    (Solver.warmStart, core/school/solver/warm-start.ts), so the re-solved result keeps the pins.
 *
 * Input is bounded (MAX_EDIT_ITEMS moves and pins) and every refusal is a 422 with the field path
 * (`edit.moves.2.hour`) and what was wrong, in the file's own day, hour and room names.
 */
import { compileSchool, isSchoolDocument, writeFet, type SchoolProblem, type SchoolTimetable } from "@core/school/index";
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

/** One lesson moved: its FET activity id and where it now starts, in the file's own names. */
export interface SchoolMove {
  activity: number;
  day: string;
  hour: string;
  /** A room name, null for no room; absent keeps the lesson's room. */
  room?: string | null;
}

export interface SchoolEdit {
  moves?: SchoolMove[];
  /** FET activity ids whose start (after the moves) is locked. */
  pins?: number[];
}

/** An edit read against a problem: the edited timetable and the pinned activities (indices). */
export interface ReadEdit {
  timetable: SchoolTimetable;
  pins: number[];
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
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw validationError([{ path: path || "body", message: "must be an object with moves and/or pins" }]);
  const v = value as { moves?: unknown; pins?: unknown };
  const moves = v.moves ?? [];
  const pinsIn = v.pins ?? [];
  if (!Array.isArray(moves)) err("moves", "must be a list of moves");
  else if (moves.length > MAX_EDIT_ITEMS) err("moves", `at most ${MAX_EDIT_ITEMS} moves in one edit (this has ${moves.length})`);
  if (!Array.isArray(pinsIn)) err("pins", "must be a list of activity ids");
  else if (pinsIn.length > MAX_EDIT_ITEMS) err("pins", `at most ${MAX_EDIT_ITEMS} pins in one edit (this has ${pinsIn.length})`);
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
  (moves as unknown[]).forEach((m, i) => {
    const at = `moves.${i}`;
    if (typeof m !== "object" || m === null) return err(at, "must be an object {activity, day, hour, room?}");
    const { activity: id, day, hour } = m as Record<string, unknown>;
    const a = activity(id, `${at}.activity`);
    const d = typeof day === "string" ? problem.days.indexOf(day) : -1;
    const h = typeof hour === "string" ? problem.hours.indexOf(hour) : -1;
    if (d < 0) err(`${at}.day`, `must be one of the days: ${problem.days.slice(0, 20).join(", ")}`);
    if (h < 0) err(`${at}.hour`, `must be one of the hours: ${problem.hours.slice(0, 30).join(", ")}`);
    if (a === null || d < 0 || h < 0) return;
    if (moved.has(a)) return err(`${at}.activity`, `activity ${String(id)} is moved twice in one edit`);
    moved.add(a);
    const s = d * problem.nHours + h;
    const duration = problem.actDuration[a];
    if (!problem.fits[a * problem.nSlots + s]) return err(`${at}.hour`, `a lesson of ${duration} hours cannot start at ${String(hour)} on ${String(day)} (it would run past the end of the day)`);
    start[a] = s;
    if ("room" in (m as object) && (m as { room?: unknown }).room !== undefined) {
      const r = (m as { room?: unknown }).room;
      if (r === null) room[a] = -1;
      else if (typeof r === "string" && problem.rooms.indexOf(r) >= 0) room[a] = problem.rooms.indexOf(r);
      else err(`${at}.room`, "must be a room of the school or null");
    }
  });
  const pins: number[] = [];
  const pinned = new Set<number>();
  (pinsIn as unknown[]).forEach((id, i) => {
    const a = activity(id, `pins.${i}`);
    if (a === null || pinned.has(a)) return;
    if (start[a] < 0) return err(`pins.${i}`, `activity ${String(id)} is not placed: move it to an hour before pinning it`);
    pinned.add(a);
    pins.push(a);
  });
  if (errors.length) throw validationError(errors, "The timetable edit does not fit this school.");
  return { timetable: { start, room }, pins };
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
  for (let a = 0; a < problem.nActivities; a++) if (edit.timetable.start[a] !== base.start[a] || edit.timetable.room[a] !== base.room[a]) moved.push(problem.actId[a]);
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
 * The parent's document with each pinned activity locked at its edited start: a `.fet` gets the
 * locked ConstraintActivityPreferredStartingTime elements FET writes (core/school/fet/write.ts),
 * a JSON school model the same constraints in its own form (core/school/model/vocabulary.ts).
 */
export function pinnedDocument(doc: unknown, problem: SchoolProblem, edit: ReadEdit): unknown {
  if (edit.pins.length === 0) return doc;
  const d = doc as Record<string, unknown>;
  if (d.format === "school") {
    const pins: SchoolModelConstraint[] = edit.pins.map((a) => ({
      type: "ActivityPreferredStartingTime",
      weight: 100,
      activityId: problem.actId[a],
      day: problem.days[Math.floor(edit.timetable.start[a] / problem.nHours)],
      hour: problem.hours[edit.timetable.start[a] % problem.nHours],
      permanentlyLocked: true,
      comments: "Pinned by hand before re-solving",
    }));
    const model = doc as SchoolModel;
    return { ...model, timeConstraints: [...(model.timeConstraints ?? []), ...pins] };
  }
  const start = new Int32Array(problem.nActivities).fill(-1);
  for (const a of edit.pins) start[a] = edit.timetable.start[a];
  return { ...d, text: writeFet(problem, { start, room: new Int32Array(problem.nActivities).fill(-1) }) };
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
