import { ProblemError } from "../../engine/errors";
import { FET_LIMITS, type FetInput } from "../fet/types";

/** The name indices an activity's fields are looked up in. */
export interface ActivityNames {
  teacherIx: Map<string, number>;
  subjectIx: Map<string, number>;
  tagIx: Map<string, number>;
}

/**
 * The active activities as typed arrays and CSR lists (teachers, subgroups, tags); an unknown name,
 * a duplicate Id or a lesson longer than a day is a ProblemError at the activity's line.
 */
export function activityTables(input: FetInput, nHours: number, nSlots: number, names: ActivityNames, setSubgroups: Map<string, Int32Array>, setStudents: Map<string, number>) {
  const { teacherIx, subjectIx, tagIx } = names;
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
  return { acts, nAct, actIndexOfId, allIds, actId, actDuration, actSubject, actGroup, actStudents, tStart, sStart, gStart, actTeachers, actSubgroups, actTags };
}
