import type { ConstraintDefinition } from "./types";
import { busyOfDay } from "./util";
import { resourceInstances, total } from "./resource-scope";

export const teacherMinDaysPerWeek: ConstraintDefinition = {
  type: "ConstraintTeacherMinDaysPerWeek",
  list: "time",
  description:
    "The teacher (Teacher_Name) works on at least Minimum_Days_Per_Week days (FET refuses the file when a teacher has too few activities for that). Each missing working day is one violation.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const min = f.int("Minimum_Days_Per_Week", 0, ctx.nDays);
    return resourceInstances(
      c,
      ctx,
      f,
      "teacher",
      (occ, _b, base, nHours) => (busyOfDay(occ, base, nHours) > 0 ? 1 : 0),
      (v, n) => Math.max(0, min - total(v, n)),
    );
  },
};
