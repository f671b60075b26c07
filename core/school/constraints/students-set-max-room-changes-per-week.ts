import { buildingInstances, buildingChanges, sum } from "./buildings";
import type { ConstraintDefinition } from "./types";

export const studentsSetMaxRoomChangesPerWeek: ConstraintDefinition = {
  type: "ConstraintStudentsSetMaxRoomChangesPerWeek",
  list: "space",
  description:
    "Every subgroup of the students set changes room at most Max_Room_Changes_Per_Week times in the week (changes counted per day as for the daily constraint). Each change beyond that, per subgroup, is one violation. FET allows it only at weight 100; below, it is soft here.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const subgroups = Array.from(ctx.studentsSet(f, "Students"));
    const max = f.int("Max_Room_Changes_Per_Week", 0, ctx.nSlots);
    return buildingInstances(c, ctx, "subgroup", subgroups, buildingChanges, (v, n) => Math.max(0, sum(v, n) - max), "room");
  },
};
