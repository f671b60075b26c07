import { FET_LIMITS } from "../fet/types";
import type { ConstraintDefinition } from "./types";
import { busyInInterval, hourInterval, resourceInstances, total } from "./resource-scope";

export const studentsIntervalMaxDaysPerWeek: ConstraintDefinition = {
  type: "ConstraintStudentsIntervalMaxDaysPerWeek",
  list: "time",
  description:
    "Every subgroup of students is busy inside the interval from Interval_Start_Hour up to (not including) Interval_End_Hour (empty = the end of the day) on at most Max_Days_Per_Week days. Each such day beyond that is one violation. A maximum larger than a day or week allows never binds (FET accepts it too).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const [from, to] = hourInterval(ctx, f);
    const max = f.int("Max_Days_Per_Week", 0, FET_LIMITS.days);
    return resourceInstances(
      c,
      ctx,
      f,
      "students",
      (occ, _b, base) => busyInInterval(occ, base, from, to),
      (v, n) => Math.max(0, total(v, n) - max),
    );
  },
};
