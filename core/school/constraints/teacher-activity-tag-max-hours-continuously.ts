import { longTaggedRuns, tagInstances } from "./tag-hours";
import type { ConstraintDefinition } from "./types";

export const teacherActivityTagMaxHoursContinuously: ConstraintDefinition = {
  type: "ConstraintTeacherActivityTagMaxHoursContinuously",
  list: "time",
  description:
    "A teacher teaches activities with the given tag at most Maximum_Hours_Continuously hours in a row (a free hour, a break or another activity ends the run). One violation per longer run.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const t = ctx.teacher(f, "Teacher_Name");
    const tag = ctx.activityTag(f, "Activity_Tag_Name");
    const max = f.int("Maximum_Hours_Continuously", 0, ctx.nHours);
    return tagInstances(c, ctx, "teacher", [t], tag, (tally, base, nHours) => longTaggedRuns(tally, base, nHours, max));
  },
};
