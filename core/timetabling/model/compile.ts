/**
 * Compile a rich model document into the internal problem. Every issue names the JSON field
 * (e.g. courses.3.instructor) and why; all issues are reported at once.
 *
 * Mapping: groups → curricula; instructor unavailability and course unavailability → hard
 * course/period bans; required room features → allowed rooms; instructor preferred/unwanted
 * periods → soft period penalties; room unavailability → hard room/period bans.
 */
import { checkLimit, MAX_ISSUES, preview, ProblemError, type InputIssue } from "../../engine/errors";
import { checkDeclaredSizes, MAX_FEATURE_CHECKS, MAX_LECTURES, MAX_LIST_ITEMS, MAX_MODEL_LIST_ITEMS, pairsOf } from "../limits";
import { buildProblem, type TimetablingProblem } from "../problem";
import { readWeights } from "../weights";
import type { SlotRef, TimetablingModel } from "./schema";

type Path = (string | number)[];

/** Size figures of a model document, the same keys as the timetabling kind's `size`. */
export interface ModelMeasure {
  lectures: number;
  courses: number;
  rooms: number;
  periods: number;
  curricula: number;
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const count = (v: unknown): number => (Array.isArray(v) ? v.length : 0);

/**
 * Read only the counts of a model document and check them against core/timetabling/limits.ts:
 * top-level list lengths, the total of lecturesPerWeek, the lengths of every nested list, the
 * conflicting pairs groups and instructors create, and the room-feature checks. Linear in the
 * number of entities (each capped first), nothing is compiled; throws a ProblemError with
 * `limit` (422) on the first maximum exceeded.
 */
export function measureModel(doc: unknown): ModelMeasure {
  if (!isObject(doc)) throw new ProblemError({ path: [], message: "must be an object" });
  const d = doc as Record<string, unknown>;
  const n = (key: string) => count(d[key]);
  checkDeclaredSizes({ days: n("days"), periodsPerDay: n("periods"), rooms: n("rooms"), courses: n("courses"), instructors: n("instructors"), curricula: n("groups") }, (key) => ({
    path: [({ days: "days", periodsPerDay: "periods", rooms: "rooms", courses: "courses", instructors: "instructors", curricula: "groups" } as Record<string, string>)[key] ?? key],
  }));
  for (const key of ["pinned", "start"]) checkLimit("MAX_LECTURES", MAX_LECTURES, n(key), "placements", { path: [key] });

  // Every nested list: each at most MAX_LIST_ITEMS, all together at most MAX_MODEL_LIST_ITEMS.
  let listItems = 0;
  const list = (path: Path, v: unknown): unknown[] => {
    const items = arr(v);
    checkLimit("MAX_LIST_ITEMS", MAX_LIST_ITEMS, items.length, "list items", { path });
    listItems += items.length;
    checkLimit("MAX_MODEL_LIST_ITEMS", MAX_MODEL_LIST_ITEMS, listItems, "list items in the document", { path });
    return items;
  };
  arr(d.rooms).forEach((r, i) => {
    if (!isObject(r)) return;
    list(["rooms", i, "features"], r.features);
    list(["rooms", i, "unavailable"], r.unavailable);
  });
  const perInstructor = new Map<unknown, number>();
  arr(d.instructors).forEach((t, i) => {
    if (!isObject(t)) return;
    for (const key of ["unavailable", "preferred", "unwanted"]) list(["instructors", i, key], t[key]);
  });
  const perGroup = new Map<unknown, number>();
  let lectures = 0;
  let featureChecks = 0;
  arr(d.courses).forEach((c, i) => {
    if (!isObject(c)) return;
    const l = c.lecturesPerWeek;
    if (typeof l === "number" && Number.isInteger(l) && l > 0) {
      lectures += l;
      checkLimit("MAX_LECTURES", MAX_LECTURES, lectures, "lectures", { path: ["courses", i, "lecturesPerWeek"] }, "lectures in total");
    }
    for (const g of list(["courses", i, "groups"], c.groups)) perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
    if (c.instructor !== undefined) perInstructor.set(c.instructor, (perInstructor.get(c.instructor) ?? 0) + 1);
    list(["courses", i, "unavailable"], c.unavailable);
    // Allowed rooms are found by checking each required feature on each room.
    featureChecks += list(["courses", i, "requiredFeatures"], c.requiredFeatures).length * n("rooms");
    checkLimit("MAX_FEATURE_CHECKS", MAX_FEATURE_CHECKS, featureChecks, "room feature checks", { path: ["courses", i, "requiredFeatures"] });
  });
  let pairs = 0;
  for (const k of perGroup.values()) pairs += pairsOf(k);
  for (const k of perInstructor.values()) pairs += pairsOf(k);
  checkDeclaredSizes({ conflictPairs: pairs }, () => ({ path: ["courses"] }));
  return { lectures, courses: n("courses"), rooms: n("rooms"), periods: n("days") * n("periods"), curricula: n("groups") };
}

export function compileModel(doc: unknown): TimetablingProblem {
  const issues: InputIssue[] = [];
  const bad = (path: Path, message: string): void => void issues.push({ path, message });
  if (!isObject(doc)) throw new ProblemError({ path: [], message: "must be an object" });
  measureModel(doc);
  const m = doc as unknown as TimetablingModel;

  const list = <T>(key: string, required: boolean): T[] => {
    const v = (doc as Record<string, unknown>)[key];
    if (v === undefined && !required) return [];
    if (!Array.isArray(v) || (required && v.length === 0)) {
      bad([key], required ? "must be a non-empty array" : "must be an array");
      return [];
    }
    return v as T[];
  };
  const index = (key: string, items: { id?: unknown }[]): Map<string, number> => {
    const map = new Map<string, number>();
    items.forEach((it, i) => {
      if (!isObject(it) || typeof it.id !== "string" || !it.id) return bad([key, i, "id"], "must be a non-empty string");
      if (map.has(it.id)) return bad([key, i, "id"], `duplicate id ${preview(it.id)}`);
      map.set(it.id, i);
    });
    return map;
  };
  const int = (path: Path, v: unknown, def: number | undefined, min = 0): number => {
    if (v === undefined && def !== undefined) return def;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
      bad(path, `must be an integer ≥ ${min}`);
      return def ?? min;
    }
    return v;
  };

  const days = list<TimetablingModel["days"][number]>("days", true);
  const periods = list<TimetablingModel["periods"][number]>("periods", true);
  const rooms = list<TimetablingModel["rooms"][number]>("rooms", true);
  const instructors = list<NonNullable<TimetablingModel["instructors"]>[number]>("instructors", false);
  const groups = list<NonNullable<TimetablingModel["groups"]>[number]>("groups", false);
  const courses = list<TimetablingModel["courses"][number]>("courses", true);
  const dayIx = index("days", days);
  const slotIx = index("periods", periods);
  const roomIx = index("rooms", rooms);
  const teacherIx = index("instructors", instructors);
  const groupIx = index("groups", groups);
  const courseIx = index("courses", courses);
  const S = periods.length;
  const P = days.length * S;

  /** Period indices of a list of slot references. */
  const slotsOf = (path: Path, refs: unknown): number[] => {
    if (refs === undefined) return [];
    if (!Array.isArray(refs)) return (bad(path, "must be an array of { day, period }"), []);
    const out: number[] = [];
    refs.forEach((ref: SlotRef, i) => {
      const d = isObject(ref) ? dayIx.get(ref.day) : undefined;
      if (d === undefined) return bad([...path, i, "day"], `unknown day ${preview(isObject(ref) ? ref.day : ref)}`);
      if (ref.period === undefined) for (let s = 0; s < S; s++) out.push(d * S + s);
      else {
        const s = slotIx.get(ref.period);
        if (s === undefined) return bad([...path, i, "period"], `unknown period ${preview(ref.period)}`);
        out.push(d * S + s);
      }
    });
    return out;
  };

  const roomUnavailable: [number, number][] = [];
  const roomFeatures = rooms.map((r, i) => {
    int(["rooms", i, "capacity"], r?.capacity, undefined);
    for (const p of slotsOf(["rooms", i, "unavailable"], r?.unavailable)) roomUnavailable.push([i, p]);
    return new Set(Array.isArray(r?.features) ? r.features : []);
  });

  const teacherBans: number[][] = instructors.map((t, i) => slotsOf(["instructors", i, "unavailable"], t?.unavailable));
  const teacherPenalty: Map<number, number>[] = instructors.map((t, i) => {
    const pen = new Map<number, number>();
    if (t?.preferred !== undefined) {
      const pref = new Set(slotsOf(["instructors", i, "preferred"], t.preferred));
      for (let p = 0; p < P; p++) if (!pref.has(p)) pen.set(p, 1);
    }
    for (const p of slotsOf(["instructors", i, "unwanted"], t?.unwanted)) pen.set(p, (pen.get(p) ?? 0) + 1);
    return pen;
  });

  const curricula = groups.map((g) => ({ id: g?.id, courses: [] as number[] }));
  const courseUnavailable: [number, number][] = [];
  const courseRooms: (number[] | undefined)[] = [];
  const periodPenalties: [number, number, number][] = [];
  let total = 0;
  const courseInputs = courses.map((c, ci) => {
    const path: Path = ["courses", ci];
    const lectures = int([...path, "lecturesPerWeek"], c?.lecturesPerWeek, undefined);
    if (lectures > P) bad([...path, "lecturesPerWeek"], `${lectures} lectures do not fit in ${P} periods`);
    total += lectures;
    let instructor = -1;
    if (c?.instructor !== undefined) {
      instructor = teacherIx.get(c.instructor) ?? -1;
      if (instructor < 0) bad([...path, "instructor"], `unknown instructor ${preview(c.instructor)}`);
      else {
        for (const p of teacherBans[instructor]) courseUnavailable.push([ci, p]);
        for (const [p, v] of teacherPenalty[instructor]) periodPenalties.push([ci, p, v]);
      }
    }
    (Array.isArray(c?.groups) ? c.groups : []).forEach((g, gi) => {
      const q = groupIx.get(g);
      if (q === undefined) bad([...path, "groups", gi], `unknown group ${preview(g)}`);
      else curricula[q].courses.push(ci);
    });
    for (const p of slotsOf([...path, "unavailable"], c?.unavailable)) courseUnavailable.push([ci, p]);
    const need = Array.isArray(c?.requiredFeatures) ? c.requiredFeatures : [];
    if (need.length) {
      const ok = rooms.map((_, r) => r).filter((r) => need.every((f) => roomFeatures[r].has(f)));
      if (!ok.length) bad([...path, "requiredFeatures"], `no room has all of: ${preview(need.join(", "), 200)}`);
      courseRooms[ci] = ok;
    }
    const minDays = int([...path, "minWorkingDays"], c?.minWorkingDays, 0);
    if (minDays > days.length) bad([...path, "minWorkingDays"], `is more than the ${days.length} days in the week`);
    if (c?.doubleLectures !== undefined && typeof c.doubleLectures !== "boolean") bad([...path, "doubleLectures"], "must be true or false");
    return { id: c?.id, instructor, lectures, minDays, students: int([...path, "students"], c?.students, 0), double: c?.doubleLectures === true };
  });
  if (total > P * rooms.length) bad(["courses"], `${total} lectures cannot fit in ${P} periods × ${rooms.length} rooms`);

  const weights = readWeights(m.weights, ["weights"], issues);
  if (issues.length) throw new ProblemError(issues.slice(0, MAX_ISSUES));

  const problem = buildProblem({
    format: "model",
    name: typeof m.name === "string" ? m.name : "timetable",
    dayNames: days.map((d) => d.name ?? d.id),
    slotNames: periods.map((p) => p.name ?? (p.start && p.end ? `${p.start}–${p.end}` : p.id)),
    dayIds: days.map((d) => d.id),
    slotIds: periods.map((p) => p.id),
    rooms: rooms.map((r) => ({ id: r.id, capacity: r.capacity })),
    instructors: instructors.map((t) => ({ id: t.id, maxPerDay: t.maxLecturesPerDay })),
    curricula,
    courses: courseInputs,
    courseUnavailable,
    roomUnavailable,
    courseRooms,
    periodPenalties,
    weights,
  });
  const place = (key: "pinned" | "start", onto: { period: Int16Array; room: Int16Array }): void => {
    const used = new Set<number>();
    list<NonNullable<TimetablingModel["pinned"]>[number]>(key, false).forEach((e, i) => {
      const c = courseIx.get(e?.course);
      const d = dayIx.get(e?.day);
      const s = slotIx.get(e?.period);
      const r = roomIx.get(e?.room);
      if (c === undefined) return bad([key, i, "course"], `unknown course ${preview(e?.course)}`);
      if (d === undefined) return bad([key, i, "day"], `unknown day ${preview(e?.day)}`);
      if (s === undefined) return bad([key, i, "period"], `unknown period ${preview(e?.period)}`);
      if (r === undefined) return bad([key, i, "room"], `unknown room ${preview(e?.room)}`);
      const first = problem.courseFirstLecture[c];
      const n = problem.courseLectures[c];
      if (e.lecture !== undefined && !(typeof e.lecture === "number" && Number.isInteger(e.lecture) && e.lecture >= 0)) {
        return bad([key, i, "lecture"], "must be an integer ≥ 0");
      }
      let k = e.lecture ?? 0;
      if (e.lecture === undefined) while (k < n && used.has(first + k)) k++;
      if (k >= n) return bad([key, i, "lecture"], `course ${preview(e.course)} has only ${n} lectures`);
      used.add(first + k);
      onto.period[first + k] = d * S + s;
      onto.room[first + k] = r;
    });
  };
  if (periods.some((p) => p.start && p.end)) problem.slotTimes = periods.map((p) => (p.start && p.end ? { start: p.start, end: p.end } : null));
  place("pinned", { period: problem.pinPeriod, room: problem.pinRoom });
  if (m.start !== undefined) {
    const L = problem.lectureCourse.length;
    problem.initial = { period: new Int16Array(L).fill(-1), room: new Int16Array(L).fill(-1) };
    place("start", problem.initial);
  }
  if (issues.length) throw new ProblemError(issues.slice(0, MAX_ISSUES));
  return problem;
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
