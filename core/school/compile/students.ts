import { ProblemError } from "../../engine/errors";
import { FET_LIMITS, type FetInput } from "../fet/types";

/**
 * FET's students sets expanded to subgroups: a year is the union of its groups, a group the union
 * of its subgroups; subgroups with the same name in several groups are one subgroup.
 */
export function studentSubgroups(input: FetInput) {
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
  return { subgroups, setSubgroups, setStudents };
}
