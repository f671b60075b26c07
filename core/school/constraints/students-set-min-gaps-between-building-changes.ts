import { shortBuildingChanges, buildingInstances, sum } from "./buildings";
import type { ConstraintDefinition } from "./types";

export const studentsSetMinGapsBetweenBuildingChanges: ConstraintDefinition = {
  type: "ConstraintStudentsSetMinGapsBetweenBuildingChanges",
  list: "space",
  description:
    "When a subgroup of the students set changes building, at least Min_Gaps_Between_Building_Changes hours without a building (free, or a lesson without a room) separate the two lessons. Each change with fewer, per subgroup, is one violation. FET allows it only at weight 100.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const subgroups = Array.from(ctx.studentsSet(f, "Students"));
    const min = f.int("Min_Gaps_Between_Building_Changes", 0, ctx.nHours);
    return buildingInstances(c, ctx, "subgroup", subgroups, (tally, base, nHours) => shortBuildingChanges(tally, base, nHours, min), sum);
  },
};
