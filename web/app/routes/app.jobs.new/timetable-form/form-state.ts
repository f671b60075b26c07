/**
 * The timetabling form editor's state and its two conversions: form state → the rich model
 * document (core/timetabling/model/schema.ts, the contract the service validates) and back, so a
 * model document can be opened in the form. Pure functions: no React, no DOM (unit-tested).
 *
 * Rows carry a client-only `key`; references between tables (an instructor's unavailable
 * periods, a course's instructor and groups) point at row keys, so renaming a day, a group or an
 * instructor keeps every reference, and removing a row drops the references to it. Rows are
 * serialised in order and never skipped, so an error at `courses.2.instructor` is the third row.
 */
import type { TimetablingModel } from "@core/timetabling/model/schema";

type Extra = Record<string, unknown>;

export interface DayRow {
  key: string;
  id: string;
  name: string;
  extra: Extra;
}
export interface PeriodRow {
  key: string;
  id: string;
  label: string;
  extra: Extra;
}
export interface RoomRow {
  key: string;
  id: string;
  capacity: string;
  extra: Extra;
}
export interface InstructorRow {
  key: string;
  id: string;
  /** Unavailable periods as `${dayKey}|${periodKey}`. */
  unavailable: string[];
  extra: Extra;
}
export interface GroupRow {
  key: string;
  id: string;
  extra: Extra;
}
export interface CourseRow {
  key: string;
  id: string;
  /** Row key of the instructor, "" for none. */
  instructor: string;
  lecturesPerWeek: string;
  minWorkingDays: string;
  students: string;
  /** Row keys of the groups the course belongs to. */
  groups: string[];
  extra: Extra;
}

export interface TimetableFormState {
  name: string;
  days: DayRow[];
  periods: PeriodRow[];
  rooms: RoomRow[];
  instructors: InstructorRow[];
  groups: GroupRow[];
  courses: CourseRow[];
  /** Soft-constraint weights as typed, by constraint name; blank or absent = the default. */
  weights: Record<string, string>;
  /** Top-level fields the form does not edit (pinned, start…), kept from a loaded model. */
  extra: Extra;
  /** Row keys handed out so far. */
  keys: number;
}

export type TableName = "days" | "periods" | "rooms" | "instructors" | "groups" | "courses";

/**
 * Row keys come from a counter kept in the state (not a module global), so the server's render
 * and the browser's hydration produce the same keys, hence the same input ids.
 */
function keyMaker(start = 0) {
  let n = start;
  return {
    next: (prefix: string) => `${prefix}${++n}`,
    get count() {
      return n;
    },
  };
}

export const slotKey = (dayKey: string, periodKey: string) => `${dayKey}|${periodKey}`;

/** A tiny week that solves in a blink: two groups, three courses, two rooms. */
export function exampleFormState(): TimetableFormState {
  const k = keyMaker();
  const newRowKey = k.next;
  const days = ["Mon", "Tue", "Wed", "Thu", "Fri"].map((id) => ({ key: newRowKey("d"), id, name: "", extra: {} }));
  const periods = ["09:00", "11:00", "14:00", "16:00"].map((label, i) => ({ key: newRowKey("p"), id: `P${i + 1}`, label, extra: {} }));
  const [smith, jones] = ["smith", "jones"].map((id) => ({ key: newRowKey("i"), id, unavailable: [] as string[], extra: {} }));
  smith.unavailable.push(slotKey(days[0].key, periods[0].key));
  const [year1, year2] = ["year1", "year2"].map((id) => ({ key: newRowKey("g"), id, extra: {} }));
  const course = (id: string, t: InstructorRow, lectures: number, minDays: number, students: number, g: GroupRow): CourseRow => ({
    key: newRowKey("c"),
    id,
    instructor: t.key,
    lecturesPerWeek: String(lectures),
    minWorkingDays: String(minDays),
    students: String(students),
    groups: [g.key],
    extra: {},
  });
  return {
    name: "",
    days,
    periods,
    rooms: [
      { key: newRowKey("r"), id: "A101", capacity: "40", extra: {} },
      { key: newRowKey("r"), id: "B12", capacity: "20", extra: {} },
    ],
    instructors: [smith, jones],
    groups: [year1, year2],
    courses: [course("MATH1", smith, 3, 3, 35, year1), course("PHYS1", jones, 2, 2, 30, year1), course("HIST2", jones, 2, 2, 18, year2)],
    weights: {},
    extra: {},
    keys: k.count,
  };
}

/**
 * A number typed into the form: blank → undefined (field left out), a decimal → that number,
 * anything else is kept as typed so the service names the field ("must be an integer ≥ 0").
 */
export function readNumber(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

const withOptional = (obj: Extra, key: string, value: unknown): Extra => (value === undefined || value === "" ? obj : { ...obj, [key]: value });

/** The model document the form describes, exactly as POST /v1/jobs takes it. */
export function toModelDocument(s: TimetableFormState): TimetablingModel & { kind: "timetabling" } {
  const dayId = new Map(s.days.map((d) => [d.key, d.id]));
  const periodId = new Map(s.periods.map((p) => [p.key, p.id]));
  const instructorId = new Map(s.instructors.map((t) => [t.key, t.id]));
  const groupId = new Map(s.groups.map((g) => [g.key, g.id]));
  const doc: Extra = {
    ...s.extra,
    kind: "timetabling",
    format: "model",
    ...(s.name.trim() ? { name: s.name.trim() } : {}),
    days: s.days.map((d) => withOptional({ ...d.extra, id: d.id.trim() }, "name", d.name.trim())),
    periods: s.periods.map((p) => withOptional({ ...p.extra, id: p.id.trim() }, "name", p.label.trim())),
    rooms: s.rooms.map((r) => withOptional({ ...r.extra, id: r.id.trim() }, "capacity", readNumber(r.capacity))),
    instructors: s.instructors.map((t) => {
      // In day, then period order (the grid's order), whatever order the boxes were ticked in.
      const ticked = new Set(t.unavailable);
      const unavailable = s.days.flatMap((d) => s.periods.filter((p) => ticked.has(slotKey(d.key, p.key))).map((p) => ({ day: dayId.get(d.key)!.trim(), period: periodId.get(p.key)!.trim() })));
      return withOptional({ ...t.extra, id: t.id.trim() }, "unavailable", unavailable.length ? unavailable : undefined);
    }),
    groups: s.groups.map((g) => ({ ...g.extra, id: g.id.trim() })),
    courses: s.courses.map((c) => {
      let out: Extra = { ...c.extra, id: c.id.trim() };
      out = withOptional(out, "lecturesPerWeek", readNumber(c.lecturesPerWeek));
      out = withOptional(out, "instructor", instructorId.get(c.instructor)?.trim());
      out = withOptional(out, "minWorkingDays", readNumber(c.minWorkingDays));
      out = withOptional(out, "students", readNumber(c.students));
      const groups = c.groups.filter((k) => groupId.has(k)).map((k) => groupId.get(k)!.trim());
      return withOptional(out, "groups", groups.length ? groups : undefined);
    }),
  };
  const weights = Object.entries(s.weights).flatMap(([k, v]) => (readNumber(v) === undefined ? [] : [[k, readNumber(v)] as const]));
  if (weights.length) doc.weights = Object.fromEntries(weights);
  return doc as unknown as TimetablingModel & { kind: "timetabling" };
}

const isObject = (v: unknown): v is Extra => typeof v === "object" && v !== null && !Array.isArray(v);
const arrayOf = (v: unknown): Extra[] => (Array.isArray(v) ? v.map((x) => (isObject(x) ? x : {})) : []);
const text = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
const without = (obj: Extra, ...keys: string[]): Extra => Object.fromEntries(Object.entries(obj).filter(([k]) => !keys.includes(k)));

/**
 * Open a model document in the form. Fields the form has no input for stay in `extra` and are
 * sent back unchanged; references to ids that do not exist are dropped (the form cannot show
 * them). A whole-day unavailability becomes every period of that day.
 */
export function fromModelDocument(doc: unknown): TimetableFormState {
  const k = keyMaker();
  const newRowKey = k.next;
  const m: Extra = isObject(doc) ? doc : {};
  const days: DayRow[] = arrayOf(m.days).map((d) => ({ key: newRowKey("d"), id: text(d.id), name: text(d.name), extra: without(d, "id", "name") }));
  const periods: PeriodRow[] = arrayOf(m.periods).map((p) => ({ key: newRowKey("p"), id: text(p.id), label: text(p.name), extra: without(p, "id", "name") }));
  const dayKey = new Map(days.map((d) => [d.id, d.key]));
  const periodKey = new Map(periods.map((p) => [p.id, p.key]));
  const instructors: InstructorRow[] = arrayOf(m.instructors).map((t) => ({
    key: newRowKey("i"),
    id: text(t.id),
    unavailable: arrayOf(t.unavailable).flatMap((ref) => {
      const d = dayKey.get(text(ref.day));
      if (!d) return [];
      if (ref.period === undefined) return periods.map((p) => slotKey(d, p.key));
      const p = periodKey.get(text(ref.period));
      return p ? [slotKey(d, p)] : [];
    }),
    extra: without(t, "id", "unavailable"),
  }));
  const groups: GroupRow[] = arrayOf(m.groups).map((g) => ({ key: newRowKey("g"), id: text(g.id), extra: without(g, "id") }));
  const instructorKey = new Map(instructors.map((t) => [t.id, t.key]));
  const groupKey = new Map(groups.map((g) => [g.id, g.key]));
  const courses: CourseRow[] = arrayOf(m.courses).map((c) => ({
    key: newRowKey("c"),
    id: text(c.id),
    instructor: instructorKey.get(text(c.instructor)) ?? "",
    lecturesPerWeek: text(c.lecturesPerWeek),
    minWorkingDays: text(c.minWorkingDays),
    students: text(c.students),
    groups: (Array.isArray(c.groups) ? c.groups : []).map((g) => groupKey.get(text(g))).filter((k): k is string => Boolean(k)),
    extra: without(c, "id", "instructor", "lecturesPerWeek", "minWorkingDays", "students", "groups"),
  }));
  return {
    name: text(m.name),
    days,
    periods,
    rooms: arrayOf(m.rooms).map((r) => ({ key: newRowKey("r"), id: text(r.id), capacity: text(r.capacity), extra: without(r, "id", "capacity") })),
    instructors,
    groups,
    courses,
    // Weights the form edits when they are an object; anything else stays as it was (and is reported).
    weights: isObject(m.weights) ? Object.fromEntries(Object.entries(m.weights).map(([k, v]) => [k, text(v)])) : {},
    extra: without(m, "kind", "format", "name", "days", "periods", "rooms", "instructors", "groups", "courses", ...(isObject(m.weights) ? ["weights"] : [])),
    keys: k.count,
  };
}

/** How many fields a loaded model had that the form keeps but cannot edit (shown as a note). */
export function countKeptFields(s: TimetableFormState): number {
  const rows: { extra: Extra }[] = [...s.days, ...s.periods, ...s.rooms, ...s.instructors, ...s.groups, ...s.courses];
  return Object.keys(s.extra).length + rows.reduce((n, r) => n + Object.keys(r.extra).length, 0);
}

type RowOf<T extends TableName> = TimetableFormState[T][number];

/** Change some fields of one row. */
export function patchRow<T extends TableName>(s: TimetableFormState, table: T, key: string, patch: Partial<RowOf<T>>): TimetableFormState {
  return { ...s, [table]: (s[table] as RowOf<T>[]).map((r) => (r.key === key ? { ...r, ...patch } : r)) };
}

/** Append an empty row to a table; returns the new state and the new row's key (to focus it). */
export function addBlankRow(s: TimetableFormState, table: TableName): { state: TimetableFormState; key: string } {
  const row = blankRow(s, table);
  return { state: { ...s, [table]: [...(s[table] as unknown[]), row], keys: s.keys + 1 }, key: row.key };
}

/** Remove a row and every reference to it (a course's instructor and groups, unavailable periods). */
export function removeRow(s: TimetableFormState, table: TableName, key: string): TimetableFormState {
  const next = { ...s, [table]: (s[table] as { key: string }[]).filter((r) => r.key !== key) } as TimetableFormState;
  if (table === "days" || table === "periods") {
    const part = table === "days" ? 0 : 1;
    next.instructors = next.instructors.map((t) => ({ ...t, unavailable: t.unavailable.filter((k) => k.split("|")[part] !== key) }));
  }
  if (table === "instructors") next.courses = next.courses.map((c) => (c.instructor === key ? { ...c, instructor: "" } : c));
  if (table === "groups") next.courses = next.courses.map((c) => ({ ...c, groups: c.groups.filter((g) => g !== key) }));
  return next;
}

/** Tick or untick a course's membership of a group (both the course and the group rows edit it). */
export function setMembership(s: TimetableFormState, courseKey: string, groupKey: string, member: boolean): TimetableFormState {
  return {
    ...s,
    courses: s.courses.map((c) => (c.key !== courseKey ? c : { ...c, groups: member ? [...new Set([...c.groups, groupKey])] : c.groups.filter((g) => g !== groupKey) })),
  };
}

/** Empty rows for the add buttons; ids follow the table's numbering so a new row is valid at once where it can be. */
function blankRow(s: TimetableFormState, table: TableName): RowOf<TableName> {
  const newRowKey = (prefix: string) => `${prefix}${s.keys + 1}`;
  const n = (s[table] as unknown[]).length + 1;
  const unique = (prefix: string) => {
    const taken = new Set((s[table] as { id: string }[]).map((r) => r.id));
    let i = n;
    while (taken.has(`${prefix}${i}`)) i++;
    return `${prefix}${i}`;
  };
  switch (table) {
    case "days":
      return { key: newRowKey("d"), id: unique("D"), name: "", extra: {} };
    case "periods":
      return { key: newRowKey("p"), id: unique("P"), label: "", extra: {} };
    case "rooms":
      return { key: newRowKey("r"), id: "", capacity: "", extra: {} };
    case "instructors":
      return { key: newRowKey("i"), id: "", unavailable: [], extra: {} };
    case "groups":
      return { key: newRowKey("g"), id: "", extra: {} };
    case "courses":
      return { key: newRowKey("c"), id: "", instructor: "", lecturesPerWeek: "1", minWorkingDays: "", students: "", groups: [], extra: {} };
  }
}
