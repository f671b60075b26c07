import type { ConstraintDefinition } from "./types";
import { gapsOfDay, sumOf } from "./util";

export const teacherMaxGapsPerWeek: ConstraintDefinition = {
  type: "ConstraintTeacherMaxGapsPerWeek",
  list: "time",
  description: "A teacher has at most Max_Gaps free hours between lessons over the week (break and not-available hours are not gaps). Each gap beyond that is one violation.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const t = ctx.teacher(f, "Teacher_Name");
    const max = f.int("Max_Gaps", 0, ctx.nSlots);
    return [{ shape: "resource", source: c, weight: c.weight, kind: "teacher", resource: t, day: gapsOfDay, week: (v, n) => Math.max(0, sumOf(v, n) - max) }];
  },
};
