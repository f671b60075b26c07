import type { ConstraintDefinition } from "./types";
import { busyOfDay } from "./util";

export const teacherMaxDaysPerWeek: ConstraintDefinition = {
  type: "ConstraintTeacherMaxDaysPerWeek",
  list: "time",
  description: "A teacher works on at most Max_Days_Per_Week days. Each working day beyond that is one violation.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const t = ctx.teacher(f, "Teacher_Name");
    const max = f.int("Max_Days_Per_Week", 0, ctx.nDays);
    return [
      {
        shape: "resource",
        source: c,
        weight: c.weight,
        kind: "teacher",
        resource: t,
        day: (occ, _b, base, nHours) => (busyOfDay(occ, base, nHours) > 0 ? 1 : 0),
        week: (v, n) => {
          let d = 0;
          for (let i = 0; i < n; i++) d += v[i];
          return Math.max(0, d - max);
        },
      },
    ];
  },
};
