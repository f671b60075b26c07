import { buildingChanges, buildingInstances, allTeachers, sum } from "./buildings";
import type { ConstraintDefinition } from "./types";

export const teachersMaxBuildingChangesPerWeek: ConstraintDefinition = {
  type: "ConstraintTeachersMaxBuildingChangesPerWeek",
  list: "space",
  description:
    "Every teacher changes building at most Max_Building_Changes_Per_Week times in the week (changes counted per day as for the daily constraint). Each change beyond that, per teacher, is one violation. FET allows it only at weight 100.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Max_Building_Changes_Per_Week", 0, ctx.nSlots);
    return buildingInstances(c, ctx, "teacher", allTeachers(ctx), buildingChanges, (v, n) => Math.max(0, sum(v, n) - max));
  },
};
