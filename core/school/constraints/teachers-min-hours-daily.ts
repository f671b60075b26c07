import type { ConstraintDefinition } from "./types";
import { busyOfDay } from "./util";
import { missingHours, resourceInstances } from "./resource-scope";

export const teachersMinHoursDaily: ConstraintDefinition = {
  type: "ConstraintTeachersMinHoursDaily",
  list: "time",
  description:
    "Every teacher has at least Minimum_Hours_Daily busy hours on each day; with Allow_Empty_Days (default true (FET itself only generates with Allow_Empty_Days true for teachers)) a day without activities is fine. Each missing hour on a day is one violation.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const min = f.int("Minimum_Hours_Daily", 0, ctx.nHours);
    const allowEmpty = f.bool("Allow_Empty_Days", true);
    return resourceInstances(
      c,
      ctx,
      f,
      "teachers",
      (occ, _b, base, nHours) => busyOfDay(occ, base, nHours),
      (v, n) => missingHours(v, n, min, allowEmpty),
    );
  },
};
