/**
 * `fetToModel(input)`: a read `.fet` (fet/types.ts `FetInput`) → the JSON school model (types.ts).
 * Constraints of a type in vocabulary.ts get the typed form when every child fits that type's
 * fields (each scalar once, each list with its matching `Number_of_…` count, whole numbers and
 * booleans as FET writes them); anything else keeps all its fields in the generic form, so the
 * model compiles to the same problem as the file (bench/fet-roundtrip.ts checks that).
 */
import type { FetActivity, FetConstraint, FetInput, FetNode } from "../fet/types";
import { CONSTRAINT_TYPES, typeOfElement, type TypeSpec } from "./vocabulary";
import type { GenericObject, SchoolModel, SchoolModelActivity, SchoolModelConstraint, SchoolModelYear } from "./types";

export function fetToModel(input: FetInput): SchoolModel {
  const model: SchoolModel = { kind: "timetabling", format: "school", ...(input.institution ? { institution: input.institution } : {}), days: [...input.days], hours: [...input.hours] };
  model.subjects = [...input.subjects];
  model.activityTags = [...input.activityTags];
  model.teachers = [...input.teachers];
  model.students = input.years.map((y) => {
    const year: SchoolModelYear = { name: y.name, ...count(y.students) };
    if (y.groups.length) {
      year.groups = y.groups.map((g) => ({
        name: g.name,
        ...count(g.students),
        ...(g.subgroups.length ? { subgroups: g.subgroups.map((s) => ({ name: s.name, ...count(s.students) })) } : {}),
      }));
    }
    return year;
  });
  model.buildings = [...input.buildings];
  model.rooms = input.rooms.map((r) => ({
    name: r.name,
    ...(r.building ? { building: r.building } : {}),
    capacity: r.capacity,
    ...(r.virtual ? { virtual: true, sets: (r.sets ?? []).map((s) => [...s]) } : {}),
  }));
  const totals = splitTotals(input.activities);
  model.activities = input.activities.map((a) => activityToModel(a, totals));
  model.timeConstraints = input.timeConstraints.map(constraintToModel);
  model.spaceConstraints = input.spaceConstraints.map(constraintToModel);
  return model;
}

const count = (n: number) => (n ? { numberOfStudents: n } : {});

/** Sum of durations per Activity_Group_Id (FET's Total_Duration of a split activity). */
export function splitTotals(activities: { groupId?: number; duration: number }[]): Map<number, number> {
  const totals = new Map<number, number>();
  for (const a of activities) if (a.groupId) totals.set(a.groupId, (totals.get(a.groupId) ?? 0) + a.duration);
  return totals;
}

function activityToModel(a: FetActivity, totals: Map<number, number>): SchoolModelActivity {
  const out: SchoolModelActivity = {
    id: a.id,
    ...(a.groupId ? { groupId: a.groupId } : {}),
    subject: a.subject,
    ...(a.teachers.length ? { teachers: [...a.teachers] } : {}),
    ...(a.students.length ? { students: [...a.students] } : {}),
    ...(a.tags.length ? { tags: [...a.tags] } : {}),
    duration: a.duration,
  };
  const computed = a.groupId ? totals.get(a.groupId) : a.duration;
  if (a.totalDuration && a.totalDuration !== computed) out.totalDuration = a.totalDuration;
  if (!a.active) out.active = false;
  if (a.numberOfStudents !== undefined) out.numberOfStudents = a.numberOfStudents;
  return out;
}

const HEAD = new Set(["Weight_Percentage", "Active", "Comments"]);

export function constraintToModel(c: FetConstraint): SchoolModelConstraint {
  const type = typeOfElement(c.type);
  const head: SchoolModelConstraint = { type, weight: c.weight };
  if (!c.active) head.active = false;
  const comments = c.node.children.find((n) => n.name === "Comments")?.text;
  if (comments) head.comments = comments;
  const spec = CONSTRAINT_TYPES.get(type);
  // a type in the other list than FET's (which modelToFet refuses in the typed form) stays generic too
  const typed = spec && spec.element === c.type && spec.list === c.list ? typedFields(c.node, spec) : undefined;
  if (typed) return Object.assign(head, typed);
  return Object.assign(head, { fields: genericFields(c.node) });
}

/** The typed fields, or undefined when some child does not fit the type (→ generic form). */
function typedFields(node: FetNode, spec: TypeSpec): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const seen = new Map<string, number>();
  const counts = new Map<string, string>();
  const countNames = new Map<string, string>();
  for (const f of spec.fields.values()) if (f.list && f.count) countNames.set(f.count, f.xml);
  for (const child of node.children) {
    const n = (seen.get(child.name) ?? 0) + 1;
    seen.set(child.name, n);
    if (HEAD.has(child.name)) {
      if (n > 1 || child.children.length) return undefined;
      if (child.name === "Active" && child.text !== "true" && child.text !== "false") return undefined;
      continue;
    }
    if (countNames.has(child.name)) {
      if (n > 1 || child.children.length) return undefined;
      counts.set(countNames.get(child.name)!, child.text);
      continue;
    }
    const f = spec.fields.get(child.name);
    if (!f) return undefined;
    if (!f.list && n > 1) return undefined;
    const value = f.kind === "slot" ? slotValue(child, f.slot!) : child.children.length ? undefined : scalarValue(child.text, f.kind);
    if (value === undefined) return undefined;
    if (f.list) ((out[f.key] ??= []) as unknown[]).push(value);
    else out[f.key] = value;
  }
  for (const f of spec.fields.values()) {
    if (!f.list) continue;
    const items = (out[f.key] as unknown[] | undefined)?.length ?? 0;
    const declared = counts.get(f.xml);
    // FET always writes the count; a list without it (or with another number) stays generic.
    if (declared === undefined ? items > 0 : declared !== String(items)) return undefined;
    if (declared !== undefined && items === 0) out[f.key] = [];
  }
  return out;
}

/** Text → JSON value of a kind, or undefined when it would not read back as the same text. */
function scalarValue(text: string, kind: string): string | number | boolean | undefined {
  switch (kind) {
    case "name":
      return text;
    case "intOrEmpty":
      return text === "" ? "" : scalarValue(text, "int");
    case "int": {
      if (!/^(0|[1-9]\d{0,8})$/.test(text)) return undefined;
      return Number(text);
    }
    case "bool":
      return text === "true" ? true : text === "false" ? false : undefined;
    default:
      return undefined;
  }
}

function slotValue(node: FetNode, [dayName, hourName]: [string, string]): { day: string; hour: string } | undefined {
  if (node.children.length !== 2) return undefined;
  const day = node.children.find((c) => c.name === dayName);
  const hour = node.children.find((c) => c.name === hourName);
  if (!day || !hour || day.children.length || hour.children.length) return undefined;
  return { day: day.text, hour: hour.text };
}

/** Every child but Weight_Percentage / Active / Comments (kept in the head), by XML name (repeated → array). */
export function genericFields(node: FetNode, top = true): GenericObject {
  const out: GenericObject = {};
  for (const child of node.children) {
    if (top && HEAD.has(child.name)) continue;
    const value: string | GenericObject = child.children.length ? genericFields(child, false) : child.text;
    const prev = out[child.name];
    // XML values are strings or objects, so an array here is always a repeated element
    if (prev === undefined) out[child.name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[child.name] = [prev, value];
  }
  return out;
}
