import { buildingChanges, buildingInstances, allSubgroups, sum } from "./buildings";
import type { ConstraintDefinition } from "./types";

export const studentsMaxBuildingChangesPerDay: ConstraintDefinition = {
  type: "ConstraintStudentsMaxBuildingChangesPerDay",
  list: "space",
  description:
    "Every subgroup of students changes building at most Max_Building_Changes_Per_Day times a day (a change: two consecutive lessons, free hours or lessons without a room in between, in rooms of different buildings). Each change beyond that, per subgroup and day, is one violation. FET allows it only at weight 100.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Max_Building_Changes_Per_Day", 0, ctx.nHours);
    return buildingInstances(c, ctx, "subgroup", allSubgroups(ctx), (tally, base, nHours) => Math.max(0, buildingChanges(tally, base, nHours) - max), sum);
  },
};
