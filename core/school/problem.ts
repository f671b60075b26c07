/**
 * The compiled school problem: FET's data as indices and typed arrays, plus the constraint
 * instances and the per-activity tables the evaluator and solver read (see constraints/types.ts).
 *
 * Time: slot = day * nHours + hour. An activity of duration d starting at slot s occupies
 * s .. s+d-1 and never crosses the end of a day (`fits`).
 * Soft costs are integers in units of 1/10000 (violations × round(weight × 100)), so
 * incremental sums are exact and runs are bit-for-bit reproducible; `soft` = units / 10000.
 */
import { ProblemError } from "../engine/errors";
import { Fields, readFet } from "./fet/read";
import { FET_LIMITS, type FetConstraint, type FetInput } from "./fet/types";
import { CONSTRAINTS } from "./constraints/index";
import { relaxHomeRooms } from "./constraints/home-rooms";
import type { CompileContext, Instance, ResourceInstance, RoomInstance, SetInstance, TallyInstance } from "./constraints/types";

export interface SchoolProblem {
  name: string;
  /** The `.fet` text it was compiled from (the writer adds the timetable to it). */
  text: string;
  input: FetInput;
  nDays: number;
  nHours: number;
  nSlots: number;
  days: string[];
  hours: string[];
  teachers: string[];
  subgroups: string[];
  subjects: string[];
  tags: string[];
  rooms: string[];
  buildings: string[];
  roomCapacity: Int32Array;
  roomBuilding: Int32Array;
  /**
   * FET's virtual rooms (real-rooms.ts): 1 for a virtual room. An activity in virtual room r takes
   * one real room from each of its sets, all different: sets vSetStart[r] .. vSetStart[r + 1]
   * (smallest first), set k's real rooms vReal[vRealStart[k] .. vRealStart[k + 1]). Real rooms have no sets.
   */
  roomVirtual: Uint8Array;
  vSetStart: Int32Array;
  vRealStart: Int32Array;
  vReal: Int32Array;
  /** Most sets of one virtual room (0 without virtual rooms): the real rooms kept per activity. */
  maxRealRooms: number;
  /** CSR: room instances listing the real rooms activity a must get in a virtual room (RoomInstance.realRooms). */
  actRealPrefStart: Int32Array;
  actRealPref: RoomInstance[];
  nActivities: number;
  /** FET `Id` of each (active) activity. */
  actId: Int32Array;
  actDuration: Int32Array;
  actSubject: Int32Array;
  /** FET `Activity_Group_Id` (0 = not split). */
  actGroup: Int32Array;
  actStudents: Int32Array;
  /** CSR lists: activity a's teachers are actTeachers[actTeacherStart[a] .. actTeacherStart[a+1]). */
  actTeacherStart: Int32Array;
  actTeachers: Int32Array;
  actSubgroupStart: Int32Array;
  actSubgroups: Int32Array;
  actTagStart: Int32Array;
  actTags: Int32Array;
  /** 1 where activity a may start at slot s without crossing the day's end (a * nSlots + s). */
  fits: Uint8Array;
  /** Hard violations / soft units of starting activity a at slot s (unary time constraints). */
  startHard: Int32Array;
  startSoft: Float64Array;
  /** 1 when the activity must get a room (some room constraint names it). */
  needsRoom: Uint8Array;
  /** Hard / soft units of activity a in room r (a * nRooms + r), including capacity. */
  roomHard: Int32Array;
  roomSoft: Float64Array;
  /** Hard / soft units of using room r at slot s (r * nSlots + s). */
  roomSlotHard: Int32Array;
  roomSlotSoft: Float64Array;
  /** 1 where a teacher / subgroup cannot be busy (100% break or not-available), t * nSlots + s. */
  teacherBlocked: Uint8Array;
  subgroupBlocked: Uint8Array;
  /** All compiled instances, and those of the resource and set shapes with their indexes. */
  instances: Instance[];
  resources: ResourceInstance[];
  /** CSR: resource instances of teacher t: teacherResStart[t] .. teacherResStart[t+1] into teacherRes. */
  teacherResStart: Int32Array;
  teacherRes: Int32Array;
  subgroupResStart: Int32Array;
  subgroupRes: Int32Array;
  /** Instances of the `tally` shape (constraints/types.ts), and CSR per teacher / subgroup like teacherRes. */
  tallies: TallyInstance[];
  teacherTallyStart: Int32Array;
  teacherTally: Int32Array;
  subgroupTallyStart: Int32Array;
  subgroupTally: Int32Array;
  sets: SetInstance[];
  /** CSR: set instances touching activity a. */
  actSetStart: Int32Array;
  actSets: Int32Array;
  compulsoryTime: boolean;
  compulsorySpace: boolean;
  /** Unsupported constraint types that were ignored (with ignoreUnsupported), with counts. */
  ignored: { type: string; count: number }[];
  /** Inactive constraints skipped, and constraints with weight 0 (no effect). */
  inactiveConstraints: number;
  zeroWeightConstraints: number;
  inactiveActivities: number;
}

export interface CompileOptions {
  ignoreUnsupported?: boolean;
  name?: string;
}

/** Soft units of one violation at `weight` percent. */
export const softUnits = (weight: number) => Math.round(weight * 100);
/** Soft units → the reported soft penalty (Σ violations × weight / 100). */
export const SOFT_SCALE = 10000;

/** Compile a `.fet` text (or an already read FetInput) into a SchoolProblem. */
export function compileFet(text: string, options: CompileOptions = {}): SchoolProblem {
  const input = readFet(text);
  return compileInput(input, text, options);
}

export function compileInput(input: FetInput, text: string, options: CompileOptions = {}): SchoolProblem {
  const nDays = input.days.length;
  const nHours = input.hours.length;
  const nSlots = nDays * nHours;
  if (nSlots > FET_LIMITS.slots) throw new ProblemError({ path: ["Days_List"], message: `too many time slots: ${nDays} days × ${nHours} hours = ${nSlots}, the limit is ${FET_LIMITS.slots}` });

  // ---- unsupported types first, so a refusal lists them all at once
  const all: FetConstraint[] = [...input.timeConstraints, ...input.spaceConstraints];
  const unsupported = new Map<string, number>();
  for (const c of all) if (c.active && !CONSTRAINTS[c.type]) unsupported.set(c.type, (unsupported.get(c.type) ?? 0) + 1);
  const ignored = [...unsupported].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  if (ignored.length && !options.ignoreUnsupported) {
    throw new ProblemError(
      ignored.map(({ type, count }) => ({ path: [type], message: `unsupported: ${type} occurs ${count} time${count === 1 ? "" : "s"} (pass ignoreUnsupported to solve without it)` })),
    );
  }

  // ---- names
  const index = (names: string[]) => new Map(names.map((n, i) => [n, i]));
  const teacherIx = index(input.teachers);
  const subjectIx = index(input.subjects);
  const tagIx = index(input.activityTags);
  const buildingIx = index(input.buildings);
  const rooms = input.rooms.map((r) => r.name);
  const roomIx = index(rooms);
  const dayIx = index(input.days);
  const virtual = virtualRoomTables(input, roomIx);
  const hourIx = index(input.hours);

  // Students: a year without groups and a group without subgroups stand for one subgroup each (FET).
  const subgroups: string[] = [];
  const subgroupIx = new Map<string, number>();
  const subgroupStudents: number[] = [];
  const setMembers = new Map<string, Set<number>>();
  const setStudents = new Map<string, number>();
  const addSub = (name: string, students: number): number => {
    let i = subgroupIx.get(name);
    if (i === undefined) {
      i = subgroups.length;
      subgroups.push(name);
      subgroupIx.set(name, i);
      subgroupStudents.push(students);
    }
    return i;
  };
  const member = (set: string, sub: number) => {
    let m = setMembers.get(set);
    if (!m) setMembers.set(set, (m = new Set()));
    m.add(sub);
  };
  for (const y of input.years) {
    setStudents.set(y.name, y.students);
    if (y.groups.length === 0) member(y.name, addSub(y.name, y.students));
    for (const g of y.groups) {
      setStudents.set(g.name, g.students);
      if (g.subgroups.length === 0) {
        const s = addSub(g.name, g.students);
        member(g.name, s);
        member(y.name, s);
      }
      for (const sg of g.subgroups) {
        setStudents.set(sg.name, sg.students);
        const s = addSub(sg.name, sg.students);
        member(sg.name, s);
        member(g.name, s);
        member(y.name, s);
      }
    }
  }
  if (subgroups.length > FET_LIMITS.studentSets) throw new ProblemError({ path: ["Students_List"], message: `too many subgroups: the limit is ${FET_LIMITS.studentSets}` });
  const setSubgroups = new Map<string, Int32Array>();
  for (const [k, v] of setMembers) setSubgroups.set(k, Int32Array.from([...v].sort((a, b) => a - b)));

  // ---- activities (active only)
  const acts = input.activities.filter((a) => a.active);
  const nAct = acts.length;
  if (nAct * nSlots > FET_LIMITS.activitySlots) {
    throw new ProblemError({ path: ["Activities_List"], message: `too large: ${nAct} active activities × ${nSlots} slots exceeds the limit of ${FET_LIMITS.activitySlots.toLocaleString("en-US")}` });
  }
  const actIndexOfId = new Map<number, number>();
  const allIds = new Set<number>();
  for (const a of input.activities) {
    if (allIds.has(a.id)) throw new ProblemError({ path: [`${a.path}/Id`], message: `duplicate activity Id ${a.id}`, line: a.line, column: a.column });
    allIds.add(a.id);
  }
  const actId = new Int32Array(nAct);
  const actDuration = new Int32Array(nAct);
  const actSubject = new Int32Array(nAct);
  const actGroup = new Int32Array(nAct);
  const actStudents = new Int32Array(nAct);
  const tStart = new Int32Array(nAct + 1);
  const sStart = new Int32Array(nAct + 1);
  const gStart = new Int32Array(nAct + 1);
  const tList: number[] = [];
  const sList: number[] = [];
  const gList: number[] = [];
  const bad = (a: (typeof acts)[number], field: string, message: string) => new ProblemError({ path: [`${a.path}/${field}`], message, line: a.line, column: a.column });
  acts.forEach((a, i) => {
    actIndexOfId.set(a.id, i);
    actId[i] = a.id;
    if (a.duration > nHours) throw bad(a, "Duration", `duration ${a.duration} is longer than a day (${nHours} hours)`);
    actDuration[i] = a.duration;
    const subj = subjectIx.get(a.subject);
    if (subj === undefined) throw bad(a, "Subject", `unknown subject "${a.subject}"`);
    actSubject[i] = subj;
    actGroup[i] = a.groupId;
    tStart[i] = tList.length;
    for (const t of new Set(a.teachers)) {
      const ti = teacherIx.get(t);
      if (ti === undefined) throw bad(a, "Teacher", `unknown teacher "${t}"`);
      tList.push(ti);
    }
    sStart[i] = sList.length;
    const subs = new Set<number>();
    let students = 0;
    for (const st of a.students) {
      const m = setSubgroups.get(st);
      if (!m) throw bad(a, "Students", `unknown students set "${st}"`);
      for (const s of m) subs.add(s);
      students += setStudents.get(st) ?? 0;
    }
    for (const s of [...subs].sort((x, y) => x - y)) sList.push(s);
    actStudents[i] = a.numberOfStudents ?? students;
    gStart[i] = gList.length;
    for (const g of new Set(a.tags)) {
      const gi = tagIx.get(g);
      if (gi === undefined) throw bad(a, "Activity_Tag", `unknown activity tag "${g}"`);
      gList.push(gi);
    }
  });
  tStart[nAct] = tList.length;
  sStart[nAct] = sList.length;
  gStart[nAct] = gList.length;
  const actTeachers = Int32Array.from(tList);
  const actSubgroups = Int32Array.from(sList);
  const actTags = Int32Array.from(gList);

  const nTeachers = input.teachers.length;
  const nSub = subgroups.length;
  const nRooms = rooms.length;
  const byKey = (count: number, keyStart: Int32Array, keys: Int32Array): Int32Array[] => {
    const lists: number[][] = Array.from({ length: count }, () => []);
    for (let a = 0; a < nAct; a++) for (let k = keyStart[a]; k < keyStart[a + 1]; k++) lists[keys[k]].push(a);
    return lists.map((l) => Int32Array.from(l));
  };
  const ofTeacher = byKey(nTeachers, tStart, actTeachers);
  const ofSubgroup = byKey(nSub, sStart, actSubgroups);
  const ofTag = byKey(input.activityTags.length, gStart, actTags);
  const ofSubject: Int32Array[] = (() => {
    const l: number[][] = input.subjects.map(() => []);
    for (let a = 0; a < nAct; a++) l[actSubject[a]].push(a);
    return l.map((x) => Int32Array.from(x));
  })();
  const has = (start: Int32Array, list: Int32Array, a: number, v: number) => {
    for (let k = start[a]; k < start[a + 1]; k++) if (list[k] === v) return true;
    return false;
  };

  const lookup = (map: Map<string, number>, what: string) => (f: Fields, field: string, name?: string) => {
    const node = name === undefined ? f.first(field) : f.all(field).find((n) => n.text === name);
    if (!node) throw f.error(`<${field}> is missing`, field);
    const i = map.get(node.text);
    if (i === undefined) throw f.error(`unknown ${what} "${node.text}"`, node);
    return i;
  };
  const breaks = new Uint8Array(nSlots);
  const ctx: CompileContext = {
    nDays,
    nHours,
    nSlots,
    nActivities: nAct,
    nTeachers,
    nSubgroups: nSub,
    nRooms,
    fields: (c) => new Fields(c.node, c.path),
    teacher: lookup(teacherIx, "teacher"),
    subject: lookup(subjectIx, "subject"),
    activityTag: lookup(tagIx, "activity tag"),
    room: lookup(roomIx, "room"),
    day: lookup(dayIx, "day"),
    hour: lookup(hourIx, "hour"),
    studentsSet(f, field, name) {
      const node = f.first(field);
      const n = name ?? node?.text;
      if (n === undefined) throw f.error(`<${field}> is missing`, field);
      const m = setSubgroups.get(n);
      if (!m) throw f.error(`unknown students set "${n}"`, node ?? field);
      return m;
    },
    activity(f, idField, value) {
      // with a value (one of several Activity_Id children), errors point at that child's line
      const node = (value === undefined ? undefined : f.all(idField).find((n) => n.text === value)) ?? f.first(idField);
      const text = (value ?? node?.text)?.trim();
      if (text === undefined) throw f.error(`<${idField}> is missing`, idField);
      const id = Number(text);
      if (!/^\d+$/.test(text) || !allIds.has(id)) throw f.error(`unknown activity Id "${text}"`, node ?? idField);
      return actIndexOfId.get(id) ?? -1;
    },
    slot(f, dayField, hourField) {
      return ctx.day(f, dayField) * nHours + ctx.hour(f, hourField);
    },
    activitiesOfTeacher: (t) => ofTeacher[t],
    activitiesOfSubgroup: (s) => ofSubgroup[s],
    activitiesOfSubject: (s) => ofSubject[s],
    activitiesWithTag: (t) => ofTag[t],
    duration: (a) => actDuration[a],
    hasTeacher: (a, t) => has(tStart, actTeachers, a, t),
    hasSubgroup: (a, s) => has(sStart, actSubgroups, a, s),
    subjectOf: (a) => actSubject[a],
    hasTag: (a, t) => has(gStart, actTags, a, t),
    subgroupsOf: (a) => actSubgroups.subarray(sStart[a], sStart[a + 1]),
    studentsNamesOf: (a) => acts[a].students,
    roomBuilding: (r) => buildingIx.get(input.rooms[r].building) ?? -1,
    componentNumber: (a) => (actGroup[a] === 0 ? 1 : actId[a] - actGroup[a] + 1),
    breaks,
  };
  // 100% break slots (FET's breakDayHour) before anything else compiles, so constraints can read ctx.breaks
  for (const c of all) {
    if (!c.active || c.type !== "ConstraintBreakTimes" || c.weight < 100 || !CONSTRAINTS[c.type]) continue;
    for (const inst of CONSTRAINTS[c.type].compile(c, ctx)) if (inst.shape === "start" && inst.blocks?.kind === "all") for (const s of inst.blocks.slots) breaks[s] = 1;
  }

  // ---- constraints → instances
  const instances: Instance[] = [];
  let inactiveConstraints = 0;
  let zeroWeightConstraints = 0;
  for (const c of all) {
    if (!c.active) {
      inactiveConstraints++;
      continue;
    }
    const def = CONSTRAINTS[c.type];
    if (!def) continue; // ignored unsupported (listed in `ignored`)
    if (c.weight === 0) {
      zeroWeightConstraints++;
      if (!def.compilesAtZeroWeight) continue;
    }
    for (const inst of def.compile(c, ctx)) instances.push(inst);
  }
  relaxHomeRooms(instances, nAct, nRooms);

  // ---- tables
  const fits = new Uint8Array(nAct * nSlots);
  for (let a = 0; a < nAct; a++) for (let s = 0; s < nSlots; s++) if ((s % nHours) + actDuration[a] <= nHours) fits[a * nSlots + s] = 1;
  const startHard = new Int32Array(nAct * nSlots);
  const startSoft = new Float64Array(nAct * nSlots);
  const needsRoom = new Uint8Array(nAct);
  const roomHard = new Int32Array(nAct * nRooms);
  const roomSoft = new Float64Array(nAct * nRooms);
  const roomSlotHard = new Int32Array(nRooms * nSlots);
  const roomSlotSoft = new Float64Array(nRooms * nSlots);
  const teacherBlocked = new Uint8Array(nTeachers * nSlots);
  const subgroupBlocked = new Uint8Array(nSub * nSlots);
  const resources: ResourceInstance[] = [];
  const sets: SetInstance[] = [];
  const tallies: TallyInstance[] = [];
  let compulsoryTime = false;
  let compulsorySpace = false;
  for (const inst of instances) {
    const hard = inst.weight >= 100;
    const units = softUnits(inst.weight);
    switch (inst.shape) {
      case "start":
        for (const a of inst.activities) {
          for (let s = 0; s < nSlots; s++) {
            if (!fits[a * nSlots + s]) continue;
            const v = inst.cost(a, s);
            if (v) hard ? (startHard[a * nSlots + s] += v) : (startSoft[a * nSlots + s] += v * units);
          }
        }
        if (hard && inst.blocks) {
          const { kind, resource, slots } = inst.blocks;
          for (const s of slots) {
            if (kind === "teacher") teacherBlocked[resource * nSlots + s] = 1;
            else if (kind === "subgroup") subgroupBlocked[resource * nSlots + s] = 1;
            else {
              for (let t = 0; t < nTeachers; t++) teacherBlocked[t * nSlots + s] = 1;
              for (let g = 0; g < nSub; g++) subgroupBlocked[g * nSlots + s] = 1;
            }
          }
        }
        break;
      case "room":
        for (const a of inst.activities) {
          needsRoom[a] = 1;
          for (let r = 0; r < nRooms; r++) {
            const v = inst.cost(a, r);
            if (v) hard ? (roomHard[a * nRooms + r] += v) : (roomSoft[a * nRooms + r] += v * units);
          }
        }
        break;
      case "roomSlot":
        for (let s = 0; s < nSlots; s++) {
          const v = inst.slotCost[s];
          if (v) hard ? (roomSlotHard[inst.room * nSlots + s] += v) : (roomSlotSoft[inst.room * nSlots + s] += v * units);
        }
        break;
      case "resource":
        resources.push(inst);
        break;
      case "set":
        sets.push(inst);
        break;
      case "tally":
        tallies.push(inst);
        break;
      case "compulsoryTime":
        compulsoryTime = true;
        break;
      case "compulsorySpace":
        compulsorySpace = true;
        break;
    }
  }
  const roomCapacity = Int32Array.from(input.rooms.map((r) => r.capacity));
  if (compulsorySpace) {
    for (let a = 0; a < nAct; a++) {
      if (!needsRoom[a]) continue;
      for (let r = 0; r < nRooms; r++) if (roomCapacity[r] < actStudents[a]) roomHard[a * nRooms + r] += 1;
    }
  }
  const csr = (count: number, keyOf: (i: number) => number[], n: number) => {
    const lists: number[][] = Array.from({ length: count }, () => []);
    for (let i = 0; i < n; i++) for (const k of keyOf(i)) lists[k].push(i);
    const start = new Int32Array(count + 1);
    const flat: number[] = [];
    lists.forEach((l, k) => {
      start[k] = flat.length;
      for (const x of l) flat.push(x);
    });
    start[count] = flat.length;
    return { start, list: Int32Array.from(flat) };
  };
  const tRes = csr(nTeachers, (i) => (resources[i].kind === "teacher" ? [resources[i].resource] : []), resources.length);
  const sRes = csr(nSub, (i) => (resources[i].kind === "subgroup" ? [resources[i].resource] : []), resources.length);
  const tTally = csr(nTeachers, (i) => (tallies[i].kind === "teacher" ? [tallies[i].resource] : []), tallies.length);
  const sTally = csr(nSub, (i) => (tallies[i].kind === "subgroup" ? [tallies[i].resource] : []), tallies.length);
  const aSets = csr(nAct, (i) => [...new Set(sets[i].activities)].filter((a) => a >= 0), sets.length);
  const realPref = instances.filter((i): i is RoomInstance => i.shape === "room" && i.realRooms !== undefined && i.realOf !== undefined && virtual.roomVirtual[i.realOf] === 1);
  const aReal = csr(nAct, (i) => [...realPref[i].activities], realPref.length);

  return {
    name: options.name ?? input.institution,
    text,
    input,
    nDays,
    nHours,
    nSlots,
    days: input.days,
    hours: input.hours,
    teachers: input.teachers,
    subgroups,
    subjects: input.subjects,
    tags: input.activityTags,
    rooms,
    buildings: input.buildings,
    roomCapacity,
    roomBuilding: Int32Array.from(input.rooms.map((r) => buildingIx.get(r.building) ?? -1)),
    ...virtual,
    actRealPrefStart: aReal.start,
    actRealPref: Array.from(aReal.list, (i) => realPref[i]),
    nActivities: nAct,
    actId,
    actDuration,
    actSubject,
    actGroup,
    actStudents,
    actTeacherStart: tStart,
    actTeachers,
    actSubgroupStart: sStart,
    actSubgroups,
    actTagStart: gStart,
    actTags,
    fits,
    startHard,
    startSoft,
    needsRoom,
    roomHard,
    roomSoft,
    roomSlotHard,
    roomSlotSoft,
    teacherBlocked,
    subgroupBlocked,
    instances,
    resources,
    teacherResStart: tRes.start,
    teacherRes: tRes.list,
    subgroupResStart: sRes.start,
    subgroupRes: sRes.list,
    tallies,
    teacherTallyStart: tTally.start,
    teacherTally: tTally.list,
    subgroupTallyStart: sTally.start,
    subgroupTally: sTally.list,
    sets,
    actSetStart: aSets.start,
    actSets: aSets.list,
    compulsoryTime,
    compulsorySpace,
    ignored: options.ignoreUnsupported ? ignored : [],
    inactiveConstraints,
    zeroWeightConstraints,
    inactiveActivities: input.activities.length - nAct,
  };
}

/** The CSR tables of the virtual rooms (SchoolProblem.roomVirtual …); a real room name that is unknown or virtual is a ProblemError at its line. */
function virtualRoomTables(input: FetInput, roomIx: Map<string, number>) {
  const nRooms = input.rooms.length;
  const roomVirtual = new Uint8Array(nRooms);
  const vSetStart = new Int32Array(nRooms + 1);
  const realStart: number[] = [0];
  const real: number[] = [];
  let maxRealRooms = 0;
  input.rooms.forEach((room, r) => {
    vSetStart[r] = realStart.length - 1;
    if (!room.virtual) return;
    roomVirtual[r] = 1;
    const sets = (room.sets ?? []).map((set, k) =>
      set.map((name) => {
        const i = roomIx.get(name);
        const where = { path: [`Rooms_List/Room[${r + 1}]/Set_of_Real_Rooms[${k + 1}]/Real_Room`], line: room.line, column: room.column };
        if (i === undefined) throw new ProblemError({ ...where, message: `virtual room "${room.name}": unknown real room "${name}"` });
        if (input.rooms[i].virtual) throw new ProblemError({ ...where, message: `virtual room "${room.name}": "${name}" is itself a virtual room (sets hold real rooms)` });
        return i;
      }),
    );
    if (sets.length === 0) throw new ProblemError({ path: [`Rooms_List/Room[${r + 1}]`], message: `virtual room "${room.name}" has no set of real rooms`, line: room.line, column: room.column });
    // smallest sets first: the greedy choice (real-rooms.ts) then rarely takes a room a later set needs
    sets.sort((a, b) => a.length - b.length);
    for (const set of sets) {
      for (const i of set) real.push(i);
      realStart.push(real.length);
    }
    maxRealRooms = Math.max(maxRealRooms, sets.length);
  });
  vSetStart[nRooms] = realStart.length - 1;
  return { roomVirtual, vSetStart, vRealStart: Int32Array.from(realStart), vReal: Int32Array.from(real), maxRealRooms };
}
