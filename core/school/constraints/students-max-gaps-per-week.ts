import type { ConstraintDefinition, Instance } from "./types";
import { gapsOfDay, sumOf } from "./util";

export const studentsMaxGapsPerWeek: ConstraintDefinition = {
  type: "ConstraintStudentsMaxGapsPerWeek",
  list: "time",
  description:
    "Every subgroup of students has at most Max_Gaps free hours between lessons over the week (break and not-available hours are not gaps). Each gap beyond that, per subgroup, is one violation.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Max_Gaps", 0, ctx.nSlots);
    const week = (v: Int32Array, n: number) => Math.max(0, sumOf(v, n) - max);
    const out: Instance[] = [];
    for (let g = 0; g < ctx.nSubgroups; g++) out.push({ shape: "resource", source: c, weight: c.weight, kind: "subgroup", resource: g, day: gapsOfDay, week });
    return out;
  },
};
