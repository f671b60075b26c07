import { buildingChanges, buildingInstances, sum } from "./buildings";
import type { ConstraintDefinition } from "./types";

export const teacherMaxBuildingChangesPerWeek: ConstraintDefinition = {
  type: "ConstraintTeacherMaxBuildingChangesPerWeek",
  list: "space",
  description:
    "A teacher changes building at most Max_Building_Changes_Per_Week times in the week (changes counted per day as for the daily constraint). Each change beyond that is one violation. FET allows it only at weight 100.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const t = ctx.teacher(f, "Teacher");
    const max = f.int("Max_Building_Changes_Per_Week", 0, ctx.nSlots);
    return buildingInstances(c, ctx, "teacher", [t], buildingChanges, (v, n) => Math.max(0, sum(v, n) - max));
  },
};
