import { allTeachers, tagInstances, taggedHours } from "./tag-hours";
import type { ConstraintDefinition } from "./types";

export const teachersActivityTagMaxHoursDaily: ConstraintDefinition = {
  type: "ConstraintTeachersActivityTagMaxHoursDaily",
  list: "time",
  description: "Every teacher teaches activities with the given tag at most Maximum_Hours_Daily hours a day. One violation per teacher and day over the maximum.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const tag = ctx.activityTag(f, "Activity_Tag_Name");
    const max = f.int("Maximum_Hours_Daily", 0, ctx.nHours);
    return tagInstances(c, ctx, "teacher", allTeachers(ctx), tag, (t, base, nHours) => (taggedHours(t, base, nHours) > max ? 1 : 0));
  },
};
