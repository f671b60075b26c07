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
 * The hour an interval constraint names by `field`: an hour name, or (for Interval_End_Hour) an
 * empty text meaning the end of the day, as FET writes it. Returns 0..nHours.
 */
export function intervalHour(ctx: CompileContext, f: Fields, field: string, emptyMeansEnd: boolean): number {
  const node = f.first(field);
  if (!node) throw f.error(`<${field}> is missing`, field);
  if (node.text === "") {
    if (emptyMeansEnd) return ctx.nHours;
    throw f.error("must name an hour", node);
  }
  return ctx.hour(f, field);
}
