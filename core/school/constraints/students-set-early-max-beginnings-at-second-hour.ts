import { FET_LIMITS } from "../fet/types";
import type { ConstraintDefinition } from "./types";
import { lateStartOfDay, lateStarts, resourceInstances } from "./resource-scope";

export const studentsSetEarlyMaxBeginningsAtSecondHour: ConstraintDefinition = {
  type: "ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour",
  list: "time",
  description:
    "Every subgroup of the students set (Students) starts each day at its first usable hour (breaks and not-available hours are skipped), except on at most Max_Beginnings_At_Second_Hour days where it may start at the second. Each day starting later than the second usable hour is one violation, and each day starting at the second beyond the allowed number is one more. A maximum larger than a day or week allows never binds (FET accepts it too).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Max_Beginnings_At_Second_Hour", 0, FET_LIMITS.days);
    return resourceInstances(c, ctx, f, "studentsSet", lateStartOfDay, (v, n) => lateStarts(v, n, max));
  },
};
