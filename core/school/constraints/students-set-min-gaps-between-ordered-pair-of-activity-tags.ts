import { orderedPairInstances } from "./tag-hours";
import type { ConstraintDefinition } from "./types";

export const studentsSetMinGapsBetweenOrderedPairOfActivityTags: ConstraintDefinition = {
  type: "ConstraintStudentsSetMinGapsBetweenOrderedPairOfActivityTags",
  list: "time",
  description:
    "For every subgroup of the students set, an activity with the second tag starts at least MinGaps hours (free or not) after the end of any activity with the first tag earlier that day; an activity with both tags breaks it by itself. One violation per hour of a second-tag activity too close after a first-tag hour. FET allows it only at weight 100.",
  compile(c, ctx) {
    return orderedPairInstances(c, ctx, "subgroup", ctx.studentsSet(ctx.fields(c), "Students"));
  },
};
