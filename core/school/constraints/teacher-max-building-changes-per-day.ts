import { buildingChanges, buildingInstances, sum } from "./buildings";
import type { ConstraintDefinition } from "./types";

export const teacherMaxBuildingChangesPerDay: ConstraintDefinition = {
  type: "ConstraintTeacherMaxBuildingChangesPerDay",
  list: "space",
  description:
    "A teacher changes building at most Max_Building_Changes_Per_Day times a day (a change: two consecutive lessons, free hours or lessons without a room in between, in rooms of different buildings). Each change beyond that, per day, is one violation. FET allows it only at weight 100.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const t = ctx.teacher(f, "Teacher");
    const max = f.int("Max_Building_Changes_Per_Day", 0, ctx.nHours);
    return buildingInstances(c, ctx, "teacher", [t], (tally, base, nHours) => Math.max(0, buildingChanges(tally, base, nHours) - max), sum);
  },
};
