import { FET_LIMITS } from "../fet/types";
import type { ConstraintDefinition } from "./types";
import { resourceInstances, runsLongerThan, total } from "./resource-scope";

export const studentsMaxHoursContinuously: ConstraintDefinition = {
  type: "ConstraintStudentsMaxHoursContinuously",
  list: "time",
  description:
    "Every subgroup of students is busy at most Maximum_Hours_Continuously hours in a row (a free, break or not-available hour ends a run). Each run longer than that is one violation. A maximum larger than a day or week allows never binds (FET accepts it too).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Maximum_Hours_Continuously", 0, FET_LIMITS.hoursPerDay);
    return resourceInstances(c, ctx, f, "students", (occ, _b, base, nHours) => runsLongerThan(occ, base, nHours, max), total);
  },
};
