import { FET_LIMITS } from "../fet/types";
import type { ConstraintDefinition } from "./types";
import { daysOverSpan, resourceInstances, spanOfDay } from "./resource-scope";

export const studentsSetMaxSpanPerDay: ConstraintDefinition = {
  type: "ConstraintStudentsSetMaxSpanPerDay",
  list: "time",
  description:
    "Every subgroup of the students set (Students) has at most Max_Span hours from the first to the last busy hour of each day (gaps and breaks inside count); with Allow_One_Day_Exception_of_Plus_One (default false) one day may have Max_Span + 1. Each day over the span is one violation. A maximum larger than a day or week allows never binds (FET accepts it too).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Max_Span", 0, FET_LIMITS.hoursPerDay);
    const exception = f.bool("Allow_One_Day_Exception_of_Plus_One", false);
    return resourceInstances(
      c,
      ctx,
      f,
      "studentsSet",
      (occ, _b, base, nHours) => spanOfDay(occ, base, nHours),
      (v, n) => daysOverSpan(v, n, max, exception),
    );
  },
};
