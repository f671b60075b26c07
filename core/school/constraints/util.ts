/** Helpers shared by the constraint files (time lists, activity filters, gaps). */
import type { Fields } from "../fet/read";
import type { CompileContext } from "./types";

/** Slots listed as repeated `item` children each holding `dayField` and `hourField` (e.g. Not_Available_Time/Day, Hour). */
export function slotList(ctx: CompileContext, f: Fields, item: string, dayField: string, hourField: string): Int32Array {
  const out: number[] = [];
  let i = 0;
  for (const node of f.all(item)) {
    i++;
    const sub = new (f.constructor as typeof Fields)(node, `${f.path}/${item}[${i}]`);
    out.push(ctx.slot(sub, dayField, hourField));
  }
  return Int32Array.from(new Set(out)).sort();
}

/** A 0/1 mask over slots from a list. */
export function slotMask(ctx: CompileContext, slots: Int32Array): Uint8Array {
  const m = new Uint8Array(ctx.nSlots);
  for (const s of slots) m[s] = 1;
  return m;
}

/** How many of the hours activity `a` occupies when starting at `start` are set in `mask`. */
export function hoursIn(ctx: CompileContext, a: number, start: number, mask: Uint8Array): number {
  let n = 0;
  const d = ctx.duration(a);
  for (let k = 0; k < d; k++) n += mask[start + k];
  return n;
}

/**
 * Activities matched by FET's "activities" filters (Teacher_Name, Students_Name, Subject_Name,
 * Activity_Tag_Name, Duration; an empty or missing field matches everything). A students set
 * matches when it shares a subgroup with the activity.
 */
export function filteredActivities(ctx: CompileContext, f: Fields): Int32Array {
  const text = (n: string) => f.optText(n) ?? "";
  const teacher = text("Teacher_Name") ? ctx.teacher(f, "Teacher_Name") : -1;
  const subject = text("Subject_Name") ? ctx.subject(f, "Subject_Name") : -1;
  const tag = text("Activity_Tag_Name") ? ctx.activityTag(f, "Activity_Tag_Name") : -1;
  const students = text("Students_Name") ? ctx.studentsSet(f, "Students_Name") : undefined;
  const duration = text("Duration") ? f.int("Duration", 1, ctx.nHours) : -1;
  const out: number[] = [];
  for (let a = 0; a < ctx.nActivities; a++) {
    if (teacher >= 0 && !ctx.hasTeacher(a, teacher)) continue;
    if (subject >= 0 && ctx.subjectOf(a) !== subject) continue;
    if (tag >= 0 && !ctx.hasTag(a, tag)) continue;
    if (duration >= 0 && ctx.duration(a) !== duration) continue;
    if (students && !students.some((s) => ctx.hasSubgroup(a, s))) continue;
    out.push(a);
  }
  return Int32Array.from(out);
}

/** Activity indices of repeated `Activity_Id` children (inactive ones dropped). */
export function activityIds(ctx: CompileContext, f: Fields, field = "Activity_Id"): Int32Array {
  const out: number[] = [];
  for (const node of f.all(field)) {
    const a = ctx.activity(f, field, node.text);
    if (a >= 0) out.push(a);
  }
  return Int32Array.from(out);
}

/** 0/1 mask over rooms of repeated `field` children (e.g. Preferred_Room). */
export function roomMask(ctx: CompileContext, f: Fields, field: string): Uint8Array {
  const mask = new Uint8Array(ctx.nRooms);
  for (const node of f.all(field)) mask[ctx.room(f, field, node.text)] = 1;
  return mask;
}

/**
 * Gaps of one resource on one day (FET): free hours between the first and the last busy hour,
 * not counting hours the resource cannot use anyway (100% break or not available).
 */
export function gapsOfDay(occ: Int32Array, blocked: Uint8Array, base: number, nHours: number): number {
  let first = -1;
  let last = -1;
  for (let h = 0; h < nHours; h++) {
    if (occ[base + h] > 0) {
      if (first < 0) first = h;
      last = h;
    }
  }
  if (first < 0) return 0;
  let gaps = 0;
  for (let h = first + 1; h < last; h++) if (occ[base + h] === 0 && blocked[base + h] === 0) gaps++;
  return gaps;
}

/** Busy hours of one resource on one day. */
export function busyOfDay(occ: Int32Array, base: number, nHours: number): number {
  let n = 0;
  for (let h = 0; h < nHours; h++) if (occ[base + h] > 0) n++;
  return n;
}

export function sumOf(values: Int32Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i];
  return s;
}

/**
 * FET's "immediately after, possibly separated by breaks": the first hour at or after `end` on the
 * day starting at slot `dayBase` that is not a 100% break (`breaks`, see CompileContext.breaks),
 * or nHours when there is none. A second activity follows a first one ending at `end` exactly when
 * it starts at this hour.
 */
export function firstNonBreakHour(breaks: Uint8Array, dayBase: number, end: number, nHours: number): number {
  let h = end;
  while (h < nHours && breaks[dayBase + h]) h++;
  return h;
}

/**
 * Activity indices of the single-id children `fields` (e.g. First_Activity_Id, Second_Activity_Id)
 * for the "two / three activities" types: an unknown id is an error naming the element, the same
 * activity twice is refused as FET does, and an inactive one yields `null` (the constraint is then
 * ignored, as in FET).
 */
export function distinctActivities(ctx: CompileContext, f: Fields, fields: string[]): Int32Array | null {
  const out = new Int32Array(fields.length);
  let inactive = false;
  fields.forEach((name, i) => {
    const a = ctx.activity(f, name);
    if (a < 0) inactive = true;
    out[i] = a;
  });
  for (let i = 0; i < fields.length; i++) {
    for (let j = 0; j < i; j++) {
      if (Number(f.text(fields[i])) === Number(f.text(fields[j]))) throw f.error(`names the same activity as <${fields[j]}> (${f.text(fields[j])}); FET refuses that`, f.first(fields[i]));
    }
  }
  return inactive ? null : out;
}
