import { buildingChanges, buildingInstances, allSubgroups, sum } from "./buildings";
import type { ConstraintDefinition } from "./types";

export const studentsMaxBuildingChangesPerWeek: ConstraintDefinition = {
  type: "ConstraintStudentsMaxBuildingChangesPerWeek",
  list: "space",
  description:
    "Every subgroup of students changes building at most Max_Building_Changes_Per_Week times in the week (changes counted per day as for the daily constraint). Each change beyond that, per subgroup, is one violation. FET allows it only at weight 100.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Max_Building_Changes_Per_Week", 0, ctx.nSlots);
    return buildingInstances(c, ctx, "subgroup", allSubgroups(ctx), buildingChanges, (v, n) => Math.max(0, sum(v, n) - max));
  },
};
