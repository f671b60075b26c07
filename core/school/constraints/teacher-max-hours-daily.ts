import { FET_LIMITS } from "../fet/types";
import type { ConstraintDefinition } from "./types";
import { busyOfDay } from "./util";
import { resourceInstances, total } from "./resource-scope";

export const teacherMaxHoursDaily: ConstraintDefinition = {
  type: "ConstraintTeacherMaxHoursDaily",
  list: "time",
  description:
    "The teacher (Teacher_Name) has at most Maximum_Hours_Daily busy hours on any day. Each day with more hours than that is one violation (FET counts the day, not the extra hours). A maximum larger than a day or week allows never binds (FET accepts it too).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Maximum_Hours_Daily", 0, FET_LIMITS.hoursPerDay);
    return resourceInstances(c, ctx, f, "teacher", (occ, _b, base, nHours) => (busyOfDay(occ, base, nHours) > max ? 1 : 0), total);
  },
};
