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
import type { CompileContext, Instance } from "./constraints/types";
import { activityTables } from "./compile/activities";
import type { CompileOptions, SchoolProblem } from "./compile/school-problem";
import { studentSubgroups } from "./compile/students";
import { instanceTables } from "./compile/tables";
import { virtualRoomTables } from "./compile/virtual-rooms";

export { SOFT_SCALE, softUnits } from "./compile/school-problem";
export type { CompileOptions, SchoolProblem } from "./compile/school-problem";

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

  const { subgroups, setSubgroups, setStudents } = studentSubgroups(input);

  // ---- activities (active only)
  const { acts, nAct, actIndexOfId, allIds, actId, actDuration, actSubject, actGroup, actStudents, tStart, sStart, gStart, actTeachers, actSubgroups, actTags } = activityTables(
    input,
    nHours,
    nSlots,
    { teacherIx, subjectIx, tagIx },
    setSubgroups,
    setStudents,
  );

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
  const {
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
    resources,
    sets,
    tallies,
    compulsoryTime,
    compulsorySpace,
    roomCapacity,
    tRes,
    sRes,
    tTally,
    sTally,
    aSets,
    realPref,
    aReal,
  } = instanceTables(input, instances, { nAct, nSlots, nHours, nRooms, nTeachers, nSub }, actDuration, actStudents, virtual.roomVirtual);

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
