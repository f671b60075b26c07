/**
 * Shared pieces of the teacher / students "resource" constraint types (one teacher or subgroup,
 * its days and its week): which resources an element names, and per-day measures.
 *
 * FET's naming: "Teacher…" = the teacher in Teacher_Name, "Teachers…" = every teacher,
 * "StudentsSet…" = every subgroup of the set in Students, "Students…" = every subgroup.
 *
 * Every per-day measure here is 0 on a day without activities: the Board starts with all day
 * values at 0 (board.ts), so a day it has not touched yet must really be worth 0.
 */
import type { Fields } from "../fet/read";
import type { FetConstraint } from "../fet/types";
import type { CompileContext, Instance, ResourceInstance } from "./types";

export type Scope = "teacher" | "teachers" | "studentsSet" | "students";

/** One `resource` instance per teacher / subgroup the element names, all with the same day/week functions. */
export function resourceInstances(c: FetConstraint, ctx: CompileContext, f: Fields, scope: Scope, day: ResourceInstance["day"], week: ResourceInstance["week"]): Instance[] {
  const kind = scope === "teacher" || scope === "teachers" ? "teacher" : "subgroup";
  let list: ArrayLike<number>;
  if (scope === "teacher") list = [ctx.teacher(f, "Teacher_Name")];
  else if (scope === "teachers") list = Int32Array.from({ length: ctx.nTeachers }, (_, i) => i);
  else if (scope === "studentsSet") list = ctx.studentsSet(f, "Students");
  else list = Int32Array.from({ length: ctx.nSubgroups }, (_, i) => i);
  const out: Instance[] = [];
  for (let i = 0; i < list.length; i++) out.push({ shape: "resource", source: c, weight: c.weight, kind, resource: list[i], day, week });
  return out;
}

/** Number of maximal runs of consecutive busy hours longer than `max` (a free, break or not-available hour ends a run). */
export function runsLongerThan(occ: Int32Array, base: number, nHours: number, max: number): number {
  let n = 0;
  let run = 0;
  for (let h = 0; h < nHours; h++) {
    if (occ[base + h] > 0) run++;
    else {
      if (run > max) n++;
      run = 0;
    }
  }
  if (run > max) n++;
  return n;
}

/** Hours from the first to the last busy hour inclusive (0 on an empty day). */
export function spanOfDay(occ: Int32Array, base: number, nHours: number): number {
  let first = -1;
  let last = -1;
  for (let h = 0; h < nHours; h++) {
    if (occ[base + h] > 0) {
      if (first < 0) first = h;
      last = h;
    }
  }
  return first < 0 ? 0 : last - first + 1;
}

/** 1 if the resource is busy at some hour in [from, to), else 0. */
export function busyInInterval(occ: Int32Array, base: number, from: number, to: number): number {
  for (let h = from; h < to; h++) if (occ[base + h] > 0) return 1;
  return 0;
}

/** Σ of the first n values. */
export function total(v: Int32Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i];
  return s;
}

/** How many of the first n values are > 0. */
export function nonZero(v: Int32Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) if (v[i] > 0) s++;
  return s;
}

/**
 * The hours [from, to) of FET's interval constraints: Interval_Start_Hour names an hour,
 * Interval_End_Hour names an hour or is empty (FET writes it so for "the end of the day").
 * The interval must not be empty.
 */
export function hourInterval(ctx: CompileContext, f: Fields): [number, number] {
  const from = ctx.hour(f, "Interval_Start_Hour");
  const endNode = f.first("Interval_End_Hour");
  if (!endNode) throw f.error("<Interval_End_Hour> is missing", "Interval_End_Hour");
  const to = endNode.text === "" ? ctx.nHours : ctx.hour(f, "Interval_End_Hour");
  if (to <= from) throw f.error(`the interval is empty: Interval_End_Hour "${endNode.text}" is not after Interval_Start_Hour "${f.text("Interval_Start_Hour")}"`, endNode);
  return [from, to];
}

/** Min hours daily: Σ over days of the hours missing to `min` (days without activities skipped when allowed). */
export function missingHours(busy: Int32Array, n: number, min: number, allowEmpty: boolean): number {
  let s = 0;
  for (let d = 0; d < n; d++) {
    const v = busy[d];
    if (v === 0 && allowEmpty) continue;
    if (v < min) s += min - v;
  }
  return s;
}

/**
 * Early max beginnings at second hour, from the per-day `lateStartOfDay` values: one violation
 * per day starting after the second usable hour, plus the days starting after the first usable
 * hour beyond `max`.
 */
export function lateStarts(v: Int32Array, n: number, max: number): number {
  let late = 0;
  let tooLate = 0;
  for (let d = 0; d < n; d++) {
    if (v[d] > 0) late++;
    if (v[d] > 1) tooLate++;
  }
  return tooLate + Math.max(0, late - max);
}

/** Max span per day: days whose span is over `max`, one of them forgiven when it is max + 1 and the exception is allowed. */
export function daysOverSpan(span: Int32Array, n: number, max: number, exception: boolean): number {
  let over = 0;
  let plusOne = false;
  for (let d = 0; d < n; d++) {
    if (span[d] > max) over++;
    if (span[d] === max + 1) plusOne = true;
  }
  return exception && plusOne ? over - 1 : over;
}

/**
 * Min resting hours, from the per-day `busyEdges` values: for each pair of consecutive days
 * (and the last → first day when circular), the free hours after the last busy hour of the first
 * day plus those before the first busy hour of the second; an empty day counts all its hours.
 * One violation per pair resting less than `min`.
 */
export function shortRests(v: Int32Array, n: number, nHours: number, min: number, circular: boolean): number {
  let bad = 0;
  const pairs = circular ? n : n - 1;
  for (let d = 0; d < pairs; d++) {
    const a = v[d];
    const b = v[(d + 1) % n];
    const after = a === 0 ? nHours : nHours - 1 - lastBusy(a, nHours);
    const before = b === 0 ? nHours : firstBusy(b, nHours);
    if (after + before < min) bad++;
  }
  return bad;
}

/**
 * FET's "early" measure for one day: the free hours before the first busy hour, not counting
 * hours the resource cannot use (100% break or not available), capped at 2: 0 = starts at the
 * first usable hour (or an empty day), 1 = starts at the second usable hour, 2 = starts later.
 */
export function lateStartOfDay(occ: Int32Array, blocked: Uint8Array, base: number, nHours: number): number {
  let free = 0;
  for (let h = 0; h < nHours; h++) {
    if (occ[base + h] > 0) return free > 2 ? 2 : free;
    if (blocked[base + h] === 0) free++;
  }
  return 0;
}

/**
 * The first and last busy hour of a day packed in one number (0 on an empty day):
 * (first + 1) + (last + 1) × (nHours + 1). `firstBusy` / `lastBusy` unpack it.
 */
export function busyEdges(occ: Int32Array, base: number, nHours: number): number {
  let first = -1;
  let last = -1;
  for (let h = 0; h < nHours; h++) {
    if (occ[base + h] > 0) {
      if (first < 0) first = h;
      last = h;
    }
  }
  return first < 0 ? 0 : first + 1 + (last + 1) * (nHours + 1);
}
export const firstBusy = (v: number, nHours: number) => (v % (nHours + 1)) - 1;
export const lastBusy = (v: number, nHours: number) => Math.floor(v / (nHours + 1)) - 1;
