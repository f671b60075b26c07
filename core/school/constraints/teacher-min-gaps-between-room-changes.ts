import { buildingInstances, shortBuildingChanges, sum } from "./buildings";
import type { ConstraintDefinition } from "./types";

export const teacherMinGapsBetweenRoomChanges: ConstraintDefinition = {
  type: "ConstraintTeacherMinGapsBetweenRoomChanges",
  list: "space",
  description:
    "When a teacher changes room, at least Min_Gaps_Between_Room_Changes hours without a room (free, or a lesson without a room) separate the two lessons. Each change with fewer is one violation. FET allows it only at weight 100; below, it is soft here.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const t = ctx.teacher(f, "Teacher");
    const min = f.int("Min_Gaps_Between_Room_Changes", 0, ctx.nHours);
    return buildingInstances(c, ctx, "teacher", [t], (tally, base, nHours) => shortBuildingChanges(tally, base, nHours, min), sum, "room");
  },
};
