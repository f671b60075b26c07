import type { ConstraintDefinition, Instance } from "./types";
import { gapsOfDay, sumOf } from "./util";

export const teachersMaxGapsPerWeek: ConstraintDefinition = {
  type: "ConstraintTeachersMaxGapsPerWeek",
  list: "time",
  description: "Every teacher has at most Max_Gaps free hours between lessons over the week (break and not-available hours are not gaps). Each gap beyond that, per teacher, is one violation.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Max_Gaps", 0, ctx.nSlots);
    const week = (v: Int32Array, n: number) => Math.max(0, sumOf(v, n) - max);
    const out: Instance[] = [];
    for (let t = 0; t < ctx.nTeachers; t++) out.push({ shape: "resource", source: c, weight: c.weight, kind: "teacher", resource: t, day: gapsOfDay, week });
    return out;
  },
};
