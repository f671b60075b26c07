import { allSubgroups, longTaggedRuns, tagInstances } from "./tag-hours";
import type { ConstraintDefinition } from "./types";

export const studentsActivityTagMaxHoursContinuously: ConstraintDefinition = {
  type: "ConstraintStudentsActivityTagMaxHoursContinuously",
  list: "time",
  description:
    "Every subgroup of students has activities with the given tag at most Maximum_Hours_Continuously hours in a row (a free hour, a break or another activity ends the run). One violation per longer run.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const tag = ctx.activityTag(f, "Activity_Tag");
    const max = f.int("Maximum_Hours_Continuously", 0, ctx.nHours);
    return tagInstances(c, ctx, "subgroup", allSubgroups(ctx), tag, (t, base, nHours) => longTaggedRuns(t, base, nHours, max));
  },
};
