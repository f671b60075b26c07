import type { ConstraintDefinition } from "./types";
import { hoursIn, slotList, slotMask } from "./util";

export const teacherNotAvailableTimes: ConstraintDefinition = {
  type: "ConstraintTeacherNotAvailableTimes",
  list: "time",
  description: "A teacher has no activity in the listed slots. One violation per hour of the teacher's activities inside them; these hours are not counted as the teacher's gaps.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const t = ctx.teacher(f, "Teacher");
    const slots = slotList(ctx, f, "Not_Available_Time", "Day", "Hour");
    const mask = slotMask(ctx, slots);
    const acts = ctx.activitiesOfTeacher(t);
    return [{ shape: "start", source: c, weight: c.weight, activities: acts, cost: (a, s) => hoursIn(ctx, a, s, mask), blocks: { kind: "teacher", resource: t, slots } }];
  },
};
