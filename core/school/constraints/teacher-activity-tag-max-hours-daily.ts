import { tagInstances, taggedHours } from "./tag-hours";
import type { ConstraintDefinition } from "./types";

export const teacherActivityTagMaxHoursDaily: ConstraintDefinition = {
  type: "ConstraintTeacherActivityTagMaxHoursDaily",
  list: "time",
  description: "A teacher teaches activities with the given tag at most Maximum_Hours_Daily hours a day. One violation per day over the maximum.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const t = ctx.teacher(f, "Teacher_Name");
    const tag = ctx.activityTag(f, "Activity_Tag_Name");
    const max = f.int("Maximum_Hours_Daily", 0, ctx.nHours);
    return tagInstances(c, ctx, "teacher", [t], tag, (tally, base, nHours) => (taggedHours(tally, base, nHours) > max ? 1 : 0));
  },
};
