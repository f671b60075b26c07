/**
 * `modelToFet(doc)`: a JSON school model (types.ts) → `FetInput` (fet/types.ts), validating as it
 * goes. Every mistake is a ProblemError issue with its JSON path, e.g.
 * `["activities", 3, "teachers", 0]: unknown teacher "Bob"`. Sizes are FET_LIMITS, checked on
 * array lengths before anything is built: an over-long list is refused with status 422 and the
 * limit's name; the total of XML elements and characters the model would write is bounded too.
 * Constraint fields are checked for shape here (kinds from vocabulary.ts); the names they refer to
 * are checked when compiling (compile.ts maps those errors back to JSON paths).
 */
import { checkLimit, MAX_ISSUES, ProblemError, type InputIssue } from "../../engine/errors";
import { FET_LIMITS, type FetActivity, type FetConstraint, type FetInput, type FetNode, type FetRoom, type FetYear } from "../fet/types";
import { splitTotals } from "./from-fet";
import { CONSTRAINT_TYPES, elementOfType, GENERIC_DEPTH, typeOfElement } from "./vocabulary";

type Path = (string | number)[];

const TOP_KEYS = new Set([
  "kind",
  "format",
  "name",
  "institution",
  "ignoreUnsupported",
  "days",
  "hours",
  "subjects",
  "activityTags",
  "teachers",
  "students",
  "buildings",
  "rooms",
  "activities",
  "timeConstraints",
  "spaceConstraints",
]);
const HEAD_KEYS = new Set(["type", "weight", "active", "comments"]);
/** The largest activity id FET's files use (a 32-bit int). */
const MAX_ID = 2_000_000_000;
/** XML 1.0 forbids these characters even escaped (and lone surrogates cannot be encoded). */
const BAD_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

class Checker {
  issues: InputIssue[] = [];
  /** XML elements and characters the model will write (bounded like a read .fet). */
  elements = 0;
  chars = 0;

  fail(path: Path, message: string): undefined {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, message });
    return undefined;
  }
  throwIfAny(): void {
    if (this.issues.length) throw new ProblemError(this.issues);
  }
  /** Count `n` elements of about `markup` characters each (tags, tabs) holding `text` characters; refuse past FET_LIMITS. */
  spend(path: Path, n: number, text: number, markup = 40): void {
    this.elements += n;
    this.chars += text + n * markup;
    checkLimit("FET_LIMITS.elements", FET_LIMITS.elements, this.elements, "XML elements", { path }, "XML elements the model writes");
    checkLimit("FET_LIMITS.textChars", FET_LIMITS.textChars, this.chars, "characters", { path }, "characters of the .fet the model writes");
  }
  /** An array no longer than `limit` (422 beyond it). */
  list(v: unknown, path: Path, limit: number, limitName: string, what: string, optional = true): unknown[] {
    if (v === undefined && optional) return [];
    if (!Array.isArray(v)) return this.fail(path, "must be an array") ?? [];
    checkLimit(`FET_LIMITS.${limitName}`, limit, v.length, what, { path });
    // holes (possible in arrays built in code, not in parsed JSON) become undefined and are reported
    return Array.from(v);
  }
  /** A string FET can store: XML characters, at most textPerElement long, names without "\r". */
  text(v: unknown, path: Path, mode: "value" | "free"): string | undefined {
    if (typeof v !== "string") return this.fail(path, "must be a string");
    if (v.length > FET_LIMITS.textPerElement) return this.fail(path, `longer than ${FET_LIMITS.textPerElement} characters`);
    if (BAD_XML_CHAR.test(v)) return this.fail(path, "contains a character a .fet (XML) file cannot hold");
    // FET's own files have an empty subject or tag name now and then, so "" is a name too; FET keeps
    // a name's leading and trailing spaces (" 8a" is not "8a": Namibia/by-Bobby/set-3 names its years so)
    // a raw carriage return becomes a line feed when XML is read (fet/write.ts writes names raw)
    if (mode !== "free" && v.includes("\r")) return this.fail(path, "must not contain a carriage return (\\r)");
    return v;
  }
  int(v: unknown, path: Path, min: number, max: number): number | undefined {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) return this.fail(path, `must be an integer from ${min} to ${max}`);
    return v;
  }
  bool(v: unknown, path: Path): boolean | undefined {
    if (typeof v !== "boolean") return this.fail(path, "must be true or false");
    return v;
  }
  /** An object with only `allowed` keys. */
  object(v: unknown, path: Path, allowed: Set<string> | undefined, what: string): Record<string, unknown> | undefined {
    if (!isObject(v)) return this.fail(path, `must be an object (${what})`);
    if (allowed) for (const k of Object.keys(v)) if (!allowed.has(k)) this.fail([...path, k], `unknown field of ${what}`);
    return v;
  }
  /** A list of unique names. */
  names(v: unknown, path: Path, limit: number, limitName: string, what: string, optional = true): string[] {
    const list = this.list(v, path, limit, limitName, what, optional);
    const seen = new Set<string>();
    const out: string[] = [];
    list.forEach((n, i) => {
      const s = this.text(n, [...path, i], "value");
      if (s === undefined) return;
      if (seen.has(s)) return void this.fail([...path, i], `repeated name "${short(s)}"`);
      seen.add(s);
      out.push(s);
    });
    this.spend(
      path,
      out.length * 2,
      out.reduce((a, s) => a + s.length, 0),
    );
    return out;
  }
}

const short = (s: string) => (s.length > 40 ? s.slice(0, 40) + "…" : s);

/** A JSON school model → FetInput. Throws ProblemError (JSON paths) for anything invalid. */
export function modelToFet(doc: unknown): FetInput {
  const ck = new Checker();
  const m = ck.object(doc, [], TOP_KEYS, "a school model");
  if (!m) throw new ProblemError(ck.issues);
  if (m.kind !== undefined && m.kind !== "timetabling") ck.fail(["kind"], 'must be "timetabling"');
  if (m.format !== "school") ck.fail(["format"], 'must be "school"');
  if (m.name !== undefined) ck.text(m.name, ["name"], "free");
  if (m.ignoreUnsupported !== undefined) ck.bool(m.ignoreUnsupported, ["ignoreUnsupported"]);
  const institution = m.institution === undefined ? "" : (ck.text(m.institution, ["institution"], "value") ?? "");

  if (m.days === undefined) ck.fail(["days"], "is required: the names of the days");
  if (m.hours === undefined) ck.fail(["hours"], "is required: the names of the hours of a day");
  const days = ck.names(m.days, ["days"], FET_LIMITS.days, "days", "days");
  const hours = ck.names(m.hours, ["hours"], FET_LIMITS.hoursPerDay, "hoursPerDay", "hours per day");
  if (m.days !== undefined && Array.isArray(m.days) && m.days.length === 0) ck.fail(["days"], "must name at least one day");
  if (m.hours !== undefined && Array.isArray(m.hours) && m.hours.length === 0) ck.fail(["hours"], "must name at least one hour");
  if (days.length * hours.length > FET_LIMITS.slots) ck.fail(["hours"], `too many time slots: ${days.length} days × ${hours.length} hours, the limit is ${FET_LIMITS.slots}`);
  const subjects = ck.names(m.subjects, ["subjects"], FET_LIMITS.subjects, "subjects", "subjects");
  const activityTags = ck.names(m.activityTags, ["activityTags"], FET_LIMITS.activityTags, "activityTags", "activity tags");
  const teachers = ck.names(m.teachers, ["teachers"], FET_LIMITS.teachers, "teachers", "teachers");
  const buildings = ck.names(m.buildings, ["buildings"], FET_LIMITS.buildings, "buildings", "buildings");

  // ---- students: years → groups → subgroups (FET_LIMITS.studentSets of each, in total)
  const years: FetYear[] = [];
  const setNames = new Set<string>();
  const counted = { groups: 0, subgroups: 0 };
  const subgroupNames = new Set<string>();
  const setKeys = new Set(["name", "numberOfStudents"]);
  const set = (v: unknown, path: Path, children?: string) => {
    const o = ck.object(v, path, new Set([...setKeys, ...(children ? [children] : [])]), "a students set");
    if (!o) return undefined;
    const name = ck.text(o.name, [...path, "name"], "value");
    const students = o.numberOfStudents === undefined ? 0 : ck.int(o.numberOfStudents, [...path, "numberOfStudents"], 0, 10_000_000);
    if (name === undefined || students === undefined) return undefined;
    setNames.add(name);
    ck.spend(path, 4, name.length);
    return { o, name, students };
  };
  ck.list(m.students, ["students"], FET_LIMITS.studentSets, "studentSets", "years").forEach((yv, yi) => {
    const yp: Path = ["students", yi];
    const y = set(yv, yp, "groups");
    if (!y) return;
    const year: FetYear = { name: y.name, students: y.students, groups: [] };
    const groups = ck.list(y.o.groups, [...yp, "groups"], FET_LIMITS.studentSets, "studentSets", "groups");
    checkLimit("FET_LIMITS.studentSets", FET_LIMITS.studentSets, (counted.groups += groups.length), "groups", { path: [...yp, "groups"] });
    groups.forEach((gv, gi) => {
      const gp: Path = [...yp, "groups", gi];
      const g = set(gv, gp, "subgroups");
      if (!g) return;
      // a subgroup repeated in several groups (FET's divisions) is one subgroup: entries and distinct names are capped apart
      const subs = ck.list(g.o.subgroups, [...gp, "subgroups"], FET_LIMITS.subgroupEntries, "subgroupEntries", "subgroup entries");
      checkLimit("FET_LIMITS.subgroupEntries", FET_LIMITS.subgroupEntries, (counted.subgroups += subs.length), "subgroup entries", { path: [...gp, "subgroups"] });
      const group = { name: g.name, students: g.students, subgroups: [] as { name: string; students: number }[] };
      subs.forEach((sv, si) => {
        const s = set(sv, [...gp, "subgroups", si]);
        if (!s) return;
        subgroupNames.add(s.name);
        checkLimit("FET_LIMITS.studentSets", FET_LIMITS.studentSets, subgroupNames.size, "subgroups", { path: [...gp, "subgroups", si] });
        group.subgroups.push({ name: s.name, students: s.students });
      });
      year.groups.push(group);
    });
    years.push(year);
  });

  // ---- rooms
  const buildingSet = new Set(buildings);
  const roomKeys = new Set(["name", "building", "capacity", "virtual", "sets"]);
  const roomNames = new Set<string>();
  const rooms: FetRoom[] = [];
  ck.list(m.rooms, ["rooms"], FET_LIMITS.rooms, "rooms", "rooms").forEach((rv, i) => {
    const p: Path = ["rooms", i];
    const r = ck.object(rv, p, roomKeys, "a room");
    if (!r) return;
    const name = ck.text(r.name, [...p, "name"], "value");
    const building = r.building === undefined ? "" : ck.text(r.building, [...p, "building"], "value");
    if (building && !buildingSet.has(building)) ck.fail([...p, "building"], `unknown building "${short(building)}"`);
    const capacity = r.capacity === undefined ? 30000 : ck.int(r.capacity, [...p, "capacity"], 0, 10_000_000);
    const virtual = r.virtual === undefined ? false : ck.bool(r.virtual, [...p, "virtual"]);
    if (name === undefined || building === undefined || capacity === undefined || virtual === undefined) return;
    if (roomNames.has(name)) return void ck.fail([...p, "name"], `repeated room "${short(name)}"`);
    roomNames.add(name);
    ck.spend(p, 6, name.length + building.length);
    const room: FetRoom = { name, building, capacity, virtual, line: 0, column: 0 };
    if (virtual) {
      if (r.sets === undefined) return void ck.fail([...p, "sets"], "a virtual room needs its sets of real rooms");
      const sets: string[][] = [];
      ck.list(r.sets, [...p, "sets"], FET_LIMITS.realRoomSets, "realRoomSets", "sets of real rooms", false).forEach((sv, k) => {
        const names = ck.list(sv, [...p, "sets", k], FET_LIMITS.rooms, "rooms", "real rooms", false).map((nv, j) => ck.text(nv, [...p, "sets", k, j], "value"));
        if (names.length === 0) return void ck.fail([...p, "sets", k], "a set needs at least one real room");
        ck.spend(
          [...p, "sets", k],
          names.length + 2,
          names.reduce((n, x) => n + (x?.length ?? 0), 0),
        );
        sets.push([...new Set(names.filter((x): x is string => x !== undefined))]);
      });
      if (sets.length === 0) return void ck.fail([...p, "sets"], "a virtual room needs at least one set of real rooms");
      room.sets = sets;
    } else if (r.sets !== undefined) return void ck.fail([...p, "sets"], "only a virtual room has sets of real rooms");
    rooms.push(room);
  });
  // real rooms named by a virtual room's sets must be rooms of the list that are not virtual
  const virtualNames = new Set(rooms.filter((x) => x.virtual).map((x) => x.name));
  rooms.forEach((room, i) =>
    room.sets?.forEach((set, k) =>
      set.forEach((n, j) => {
        if (!roomNames.has(n)) ck.fail(["rooms", i, "sets", k, j], `unknown room "${short(n)}"`);
        else if (virtualNames.has(n)) ck.fail(["rooms", i, "sets", k, j], `"${short(n)}" is a virtual room (sets hold real rooms)`);
      }),
    ),
  );
  ck.throwIfAny();

  // ---- activities
  const subjectSet = new Set(subjects);
  const teacherSet = new Set(teachers);
  const tagSet = new Set(activityTags);
  const actKeys = new Set(["id", "groupId", "subject", "teachers", "students", "tags", "duration", "totalDuration", "active", "numberOfStudents"]);
  const ids = new Set<number>();
  const activities: FetActivity[] = [];
  const refs = (v: unknown, path: Path, known: Set<string>, what: string): string[] => {
    const list = ck.list(v, path, FET_LIMITS.elements, "elements", `${what}s`);
    const out: string[] = [];
    list.forEach((n, j) => {
      const s = ck.text(n, [...path, j], "value");
      if (s === undefined) return;
      if (!known.has(s)) return void ck.fail([...path, j], `unknown ${what} "${short(s)}"`);
      out.push(s);
    });
    return out;
  };
  ck.list(m.activities, ["activities"], FET_LIMITS.activities, "activities", "activities").forEach((av, i) => {
    const p: Path = ["activities", i];
    const a = ck.object(av, p, actKeys, "an activity");
    if (!a) return;
    const id = ck.int(a.id, [...p, "id"], 0, MAX_ID);
    if (id !== undefined) {
      if (ids.has(id)) ck.fail([...p, "id"], `repeated activity id ${id}`);
      ids.add(id);
    }
    const groupId = a.groupId === undefined ? 0 : ck.int(a.groupId, [...p, "groupId"], 0, MAX_ID);
    const subject = ck.text(a.subject, [...p, "subject"], "value");
    if (subject !== undefined && !subjectSet.has(subject)) ck.fail([...p, "subject"], `unknown subject "${short(subject)}"`);
    const teacherList = refs(a.teachers, [...p, "teachers"], teacherSet, "teacher");
    const students = refs(a.students, [...p, "students"], setNames, "students set");
    const tags = refs(a.tags, [...p, "tags"], tagSet, "activity tag");
    const duration = ck.int(a.duration, [...p, "duration"], 1, Math.max(1, hours.length));
    const totalDuration = a.totalDuration === undefined ? 0 : ck.int(a.totalDuration, [...p, "totalDuration"], 1, 1_000_000);
    const active = a.active === undefined ? true : ck.bool(a.active, [...p, "active"]);
    const numberOfStudents = a.numberOfStudents === undefined ? undefined : ck.int(a.numberOfStudents, [...p, "numberOfStudents"], 0, 10_000_000);
    if (id === undefined || groupId === undefined || subject === undefined || duration === undefined || totalDuration === undefined || active === undefined) return;
    ck.spend(
      p,
      9 + teacherList.length + students.length + tags.length,
      [...teacherList, ...students, ...tags].reduce((s, x) => s + x.length, subject.length),
    );
    activities.push({
      id,
      groupId,
      teachers: teacherList,
      subject,
      tags,
      students,
      duration,
      totalDuration,
      active,
      ...(numberOfStudents !== undefined ? { numberOfStudents } : {}),
      path: `activities[${i}]`,
      line: 0,
      column: 0,
    });
  });
  const totals = splitTotals(activities);
  for (const a of activities) if (!a.totalDuration) a.totalDuration = a.groupId ? (totals.get(a.groupId) ?? a.duration) : a.duration;
  ck.throwIfAny();

  // ---- constraints
  const lists = { time: [] as FetConstraint[], space: [] as FetConstraint[] };
  const timeList = ck.list(m.timeConstraints, ["timeConstraints"], FET_LIMITS.constraints, "constraints", "constraints");
  const spaceList = ck.list(m.spaceConstraints, ["spaceConstraints"], FET_LIMITS.constraints, "constraints", "constraints");
  checkLimit("FET_LIMITS.constraints", FET_LIMITS.constraints, timeList.length + spaceList.length, "constraints", { path: ["spaceConstraints"] });
  for (const [key, list, kind] of [
    ["timeConstraints", timeList, "time"],
    ["spaceConstraints", spaceList, "space"],
  ] as const) {
    list.forEach((cv, i) => {
      const c = constraintToFet(ck, cv, [key, i], kind, i);
      if (c) lists[kind].push(c);
    });
  }
  ck.throwIfAny();

  return {
    version: "",
    institution,
    days,
    hours,
    subjects,
    activityTags,
    teachers,
    years,
    buildings,
    rooms,
    activities,
    warnings: [],
    timeConstraints: lists.time,
    spaceConstraints: lists.space,
  };
}

const leaf = (name: string, text: string): FetNode => ({ name, text, children: [], line: 0, column: 0 });

function constraintToFet(ck: Checker, v: unknown, path: Path, list: "time" | "space", index: number): FetConstraint | undefined {
  const c = ck.object(v, path, undefined, "a constraint");
  if (!c) return undefined;
  const type = ck.text(c.type, [...path, "type"], "value");
  const weight =
    typeof c.weight === "number" && Number.isFinite(c.weight) && c.weight >= 0 && c.weight <= 100 ? c.weight : ck.fail([...path, "weight"], "must be a number from 0 to 100 (Weight_Percentage)");
  const active = c.active === undefined ? true : ck.bool(c.active, [...path, "active"]);
  const comments = c.comments === undefined ? "" : ck.text(c.comments, [...path, "comments"], "free");
  if (type === undefined) return undefined;
  // a bad weight, active flag or comment: still check the fields, so every mistake is reported at once
  const before = ck.issues.length;
  const node = constraintNode(ck, c, type, weight ?? 0, active ?? true, comments ?? "", path, list);
  if (!node || weight === undefined || active === undefined || comments === undefined || ck.issues.length > before) return undefined;
  return { type: node.name, list, index, weight, active, node, path: `${path[0]}[${index}]` };
}

function constraintNode(ck: Checker, c: Record<string, unknown>, type: string, weight: number, active: boolean, comments: string, path: Path, list: "time" | "space"): FetNode | undefined {
  const element = elementOfType(type);
  if (!XML_NAME.test(element)) return ck.fail([...path, "type"], `"${short(type)}" is not a FET constraint type name`);
  const children: FetNode[] = [leaf("Weight_Percentage", String(weight))];
  const spec = CONSTRAINT_TYPES.get(typeOfElement(element));
  if (c.fields !== undefined) {
    // the generic form: any FET element, fields by XML name
    for (const k of Object.keys(c)) if (!HEAD_KEYS.has(k) && k !== "fields") ck.fail([...path, k], "the generic form (with `fields`) takes only type, weight, active, comments and fields");
    const f = ck.object(c.fields, [...path, "fields"], undefined, "FET fields by XML name");
    if (!f) return undefined;
    genericNodes(ck, f, [...path, "fields"], children, 1);
  } else {
    if (!spec) {
      return ck.fail([...path, "type"], `unknown constraint type "${short(type)}": write FET's other types in the generic form { type, weight, fields: { Xml_Name: value } }`);
    }
    if (spec.list !== list) return ck.fail([...path, "type"], `${type} is a ${spec.list} constraint: put it in ${spec.list}Constraints`);
    for (const k of Object.keys(c)) if (!HEAD_KEYS.has(k) && !spec.byKey.has(k)) ck.fail([...path, k], `unknown field of ${type} (its fields: ${[...spec.byKey.keys()].join(", ") || "none"})`);
    for (const f of spec.fields.values()) {
      const value = c[f.key];
      if (value === undefined) continue;
      const fp = [...path, f.key];
      if (f.list) {
        const items = ck.list(value, fp, FET_LIMITS.elements, "elements", "items");
        // an item is `\t<Xml>…</Xml>\n`; a slot adds its day and hour elements
        const markup = f.kind === "slot" ? 4 * f.xml.length + 2 * (f.slot![0].length + f.slot![1].length) + 24 : 2 * f.xml.length + 7;
        ck.spend(fp, items.length * (f.kind === "slot" ? 3 : 1), 0, markup / (f.kind === "slot" ? 3 : 1));
        ck.spend(fp, 1, 0);
        children.push(leaf(f.count!, String(items.length)));
        items.forEach((item, j) => {
          const node = fieldNode(ck, f.xml, f.kind, f.slot, item, [...fp, j]);
          if (node) children.push(node);
        });
      } else {
        ck.spend(fp, 1, 0);
        const node = fieldNode(ck, f.xml, f.kind, f.slot, value, fp);
        if (node) children.push(node);
      }
    }
  }
  children.push(leaf("Active", String(active)), leaf("Comments", comments));
  ck.spend(path, 3, comments.length);
  return { name: spec?.element ?? element, text: "", children, line: 0, column: 0 };
}

const SLOT_KEYS = new Set(["day", "hour"]);

function fieldNode(ck: Checker, xml: string, kind: string, slot: [string, string] | undefined, v: unknown, path: Path): FetNode | undefined {
  switch (kind) {
    case "name": {
      const s = ck.text(v, path, "value");
      if (s !== undefined) ck.spend(path, 0, s.length);
      return s === undefined ? undefined : leaf(xml, s);
    }
    case "intOrEmpty":
      if (v === "") return leaf(xml, "");
      return fieldNode(ck, xml, "int", slot, v, path);
    case "int": {
      const n = ck.int(v, path, 0, MAX_ID);
      return n === undefined ? undefined : leaf(xml, String(n));
    }
    case "bool": {
      const b = ck.bool(v, path);
      return b === undefined ? undefined : leaf(xml, String(b));
    }
    case "slot": {
      const o = ck.object(v, path, SLOT_KEYS, "a time: { day, hour }");
      if (!o) return undefined;
      const day = ck.text(o.day, [...path, "day"], "value");
      const hour = ck.text(o.hour, [...path, "hour"], "value");
      if (day === undefined || hour === undefined) return undefined;
      ck.spend(path, 0, day.length + hour.length);
      return { name: xml, text: "", children: [leaf(slot![0], day), leaf(slot![1], hour)], line: 0, column: 0 };
    }
  }
  return undefined;
}

/** Generic fields → child nodes (strings are leaves, objects nest, arrays repeat). */
function genericNodes(ck: Checker, o: Record<string, unknown>, path: Path, out: FetNode[], depth: number): void {
  if (depth > GENERIC_DEPTH) return void ck.fail(path, `nested deeper than ${GENERIC_DEPTH} levels`);
  for (const [name, value] of Object.entries(o)) {
    const p = [...path, name];
    if (!XML_NAME.test(name)) {
      ck.fail(p, "is not an XML element name");
      continue;
    }
    const items = Array.isArray(value) ? ck.list(value, p, FET_LIMITS.elements, "elements", "elements") : [value];
    ck.spend(p, items.length, 0);
    items.forEach((item, j) => {
      const ip = Array.isArray(value) ? [...p, j] : p;
      if (typeof item === "string") {
        const s = ck.text(item, ip, "value");
        if (s !== undefined) {
          ck.spend(ip, 0, s.length);
          out.push(leaf(name, s));
        }
      } else if (isObject(item)) {
        const node: FetNode = { name, text: "", children: [], line: 0, column: 0 };
        genericNodes(ck, item, ip, node.children, depth + 1);
        out.push(node);
      } else {
        ck.fail(ip, "must be a string, an object or an array of those");
      }
    });
  }
}
