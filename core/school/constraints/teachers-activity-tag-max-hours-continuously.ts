import { allTeachers, longTaggedRuns, tagInstances } from "./tag-hours";
import type { ConstraintDefinition } from "./types";

export const teachersActivityTagMaxHoursContinuously: ConstraintDefinition = {
  type: "ConstraintTeachersActivityTagMaxHoursContinuously",
  list: "time",
  description:
    "Every teacher teaches activities with the given tag at most Maximum_Hours_Continuously hours in a row (a free hour, a break or another activity ends the run). One violation per longer run.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const tag = ctx.activityTag(f, "Activity_Tag_Name");
    const max = f.int("Maximum_Hours_Continuously", 0, ctx.nHours);
    return tagInstances(c, ctx, "teacher", allTeachers(ctx), tag, (t, base, nHours) => longTaggedRuns(t, base, nHours, max));
  },
};
