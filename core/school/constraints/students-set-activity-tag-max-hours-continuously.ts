import { longTaggedRuns, tagInstances } from "./tag-hours";
import type { ConstraintDefinition } from "./types";

export const studentsSetActivityTagMaxHoursContinuously: ConstraintDefinition = {
  type: "ConstraintStudentsSetActivityTagMaxHoursContinuously",
  list: "time",
  description:
    "Every subgroup of the students set has activities with the given tag at most Maximum_Hours_Continuously hours in a row (a free hour, a break or another activity ends the run). One violation per longer run.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const subgroups = ctx.studentsSet(f, "Students");
    const tag = ctx.activityTag(f, "Activity_Tag");
    const max = f.int("Maximum_Hours_Continuously", 0, ctx.nHours);
    return tagInstances(c, ctx, "subgroup", subgroups, tag, (t, base, nHours) => longTaggedRuns(t, base, nHours, max));
  },
};
