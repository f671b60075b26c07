import { buildingInstances, buildingChanges, sum } from "./buildings";
import type { ConstraintDefinition } from "./types";

export const teacherMaxRoomChangesPerDay: ConstraintDefinition = {
  type: "ConstraintTeacherMaxRoomChangesPerDay",
  list: "space",
  description:
    "A teacher changes room at most Max_Room_Changes_Per_Day times a day (a change: two consecutive lessons, free hours or lessons without a room in between, in different rooms). Each change beyond that, per day, is one violation. FET allows it only at weight 100; below, it is soft here.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const t = ctx.teacher(f, "Teacher");
    const max = f.int("Max_Room_Changes_Per_Day", 0, ctx.nHours);
    return buildingInstances(c, ctx, "teacher", [t], (tally, base, nHours) => Math.max(0, buildingChanges(tally, base, nHours) - max), sum, "room");
  },
};
