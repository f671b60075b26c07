import { shortBuildingChanges, buildingInstances, allTeachers, sum } from "./buildings";
import type { ConstraintDefinition } from "./types";

export const teachersMinGapsBetweenBuildingChanges: ConstraintDefinition = {
  type: "ConstraintTeachersMinGapsBetweenBuildingChanges",
  list: "space",
  description:
    "When any teacher changes building, at least Min_Gaps_Between_Building_Changes hours without a building (free, or a lesson without a room) separate the two lessons. Each change with fewer, per teacher, is one violation. FET allows it only at weight 100.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const min = f.int("Min_Gaps_Between_Building_Changes", 0, ctx.nHours);
    return buildingInstances(c, ctx, "teacher", allTeachers(ctx), (tally, base, nHours) => shortBuildingChanges(tally, base, nHours, min), sum);
  },
};
