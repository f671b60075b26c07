import { allSubgroups, buildingInstances, buildingChanges, sum } from "./buildings";
import type { ConstraintDefinition } from "./types";

export const studentsMaxRoomChangesPerDay: ConstraintDefinition = {
  type: "ConstraintStudentsMaxRoomChangesPerDay",
  list: "space",
  description:
    "Every subgroup of students changes room at most Max_Room_Changes_Per_Day times a day (a change: two consecutive lessons, free hours or lessons without a room in between, in different rooms). Each change beyond that, per subgroup and day, is one violation. FET allows it only at weight 100; below, it is soft here.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Max_Room_Changes_Per_Day", 0, ctx.nHours);
    return buildingInstances(c, ctx, "subgroup", allSubgroups(ctx), (tally, base, nHours) => Math.max(0, buildingChanges(tally, base, nHours) - max), sum, "room");
  },
};
