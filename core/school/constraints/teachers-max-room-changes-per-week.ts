import { allTeachers, buildingInstances, buildingChanges, sum } from "./buildings";
import type { ConstraintDefinition } from "./types";

export const teachersMaxRoomChangesPerWeek: ConstraintDefinition = {
  type: "ConstraintTeachersMaxRoomChangesPerWeek",
  list: "space",
  description:
    "Every teacher changes room at most Max_Room_Changes_Per_Week times in the week (changes counted per day as for the daily constraint). Each change beyond that, per teacher, is one violation. FET allows it only at weight 100; below, it is soft here.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Max_Room_Changes_Per_Week", 0, ctx.nSlots);
    return buildingInstances(c, ctx, "teacher", allTeachers(ctx), buildingChanges, (v, n) => Math.max(0, sum(v, n) - max), "room");
  },
};
