import { soleTeacher } from "./teacher-home-room";
import type { ConstraintDefinition } from "./types";
import { roomMask } from "./util";

export const teacherHomeRooms: ConstraintDefinition = {
  type: "ConstraintTeacherHomeRooms",
  list: "space",
  description:
    "Activities taught by this teacher alone take place in one of the teacher's home rooms, unless another room constraint of the activity (activity, subject or activity tag preferred room) allows the room it is in. One violation per such activity elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const t = ctx.teacher(f, "Teacher");
    const ok = roomMask(ctx, f, "Preferred_Room");
    const acts = ctx.activitiesOfTeacher(t).filter((a) => soleTeacher(ctx, a, t));
    if (!acts.length) return [];
    return [{ shape: "room", source: c, weight: c.weight, activities: acts, home: true, cost: (_a, r) => (r >= 0 && ok[r] ? 0 : 1) }];
  },
};
