import { shortBuildingChanges, buildingInstances, allSubgroups, sum } from "./buildings";
import type { ConstraintDefinition } from "./types";

export const studentsMinGapsBetweenBuildingChanges: ConstraintDefinition = {
  type: "ConstraintStudentsMinGapsBetweenBuildingChanges",
  list: "space",
  description:
    "When a subgroup of students changes building, at least Min_Gaps_Between_Building_Changes hours without a building (free, or a lesson without a room) separate the two lessons. Each change with fewer, per subgroup, is one violation. FET allows it only at weight 100.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const min = f.int("Min_Gaps_Between_Building_Changes", 0, ctx.nHours);
    return buildingInstances(c, ctx, "subgroup", allSubgroups(ctx), (tally, base, nHours) => shortBuildingChanges(tally, base, nHours, min), sum);
  },
};
