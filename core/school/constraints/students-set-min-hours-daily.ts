import type { ConstraintDefinition } from "./types";
import { busyOfDay } from "./util";
import { missingHours, resourceInstances } from "./resource-scope";

export const studentsSetMinHoursDaily: ConstraintDefinition = {
  type: "ConstraintStudentsSetMinHoursDaily",
  list: "time",
  description:
    "Every subgroup of the students set (Students) has at least Minimum_Hours_Daily busy hours on each day; with Allow_Empty_Days (default false) a day without activities is fine. Each missing hour on a day is one violation.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const min = f.int("Minimum_Hours_Daily", 0, ctx.nHours);
    const allowEmpty = f.bool("Allow_Empty_Days", false);
    return resourceInstances(
      c,
      ctx,
      f,
      "studentsSet",
      (occ, _b, base, nHours) => busyOfDay(occ, base, nHours),
      (v, n) => missingHours(v, n, min, allowEmpty),
    );
  },
};
