import { FET_LIMITS } from "../fet/types";
import type { ConstraintDefinition } from "./types";
import { resourceInstances, runsLongerThan, total } from "./resource-scope";

export const studentsSetMaxHoursContinuously: ConstraintDefinition = {
  type: "ConstraintStudentsSetMaxHoursContinuously",
  list: "time",
  description:
    "Every subgroup of the students set (Students) is busy at most Maximum_Hours_Continuously hours in a row (a free, break or not-available hour ends a run). Each run longer than that is one violation. A maximum larger than a day or week allows never binds (FET accepts it too).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Maximum_Hours_Continuously", 0, FET_LIMITS.hoursPerDay);
    return resourceInstances(c, ctx, f, "studentsSet", (occ, _b, base, nHours) => runsLongerThan(occ, base, nHours, max), total);
  },
};
