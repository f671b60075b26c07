import { allSubgroups, closeOrderedPairs, tagInstances } from "./tag-hours";
import type { ConstraintDefinition } from "./types";

export const studentsMinGapsBetweenOrderedPairOfActivityTags: ConstraintDefinition = {
  type: "ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags",
  list: "time",
  description:
    "For every subgroup of students, an activity with the second tag starts at least MinGaps hours (free or not) after the end of any activity with the first tag earlier that day; an activity with both tags breaks it by itself. One violation per hour of a second-tag activity too close after a first-tag hour. FET allows it only at weight 100.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    if (c.weight < 100) throw f.error(`FET accepts this constraint only with weight 100 (it refuses to generate otherwise), got ${c.weight}`, "Weight_Percentage");
    const first = ctx.activityTag(f, "First_Activity_Tag");
    const second = ctx.activityTag(f, "Second_Activity_Tag");
    const min = f.int("MinGaps", 0, ctx.nHours);
    return tagInstances(c, ctx, "subgroup", allSubgroups(ctx), first, (t, base, nHours) => closeOrderedPairs(t, base, nHours, min), second);
  },
};
