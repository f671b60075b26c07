import type { ConstraintDefinition, Instance } from "./types";
import { endsStudentsDay } from "./activity-ends-students-day";
import { filteredActivities } from "./util";

/**
 * FET: ActivityEndsStudentsDay for every activity matching the teacher / students / subject / tag
 * filter (empty = any); one violation per matching activity followed by something of its students.
 */
export const activitiesEndStudentsDay: ConstraintDefinition = {
  type: "ConstraintActivitiesEndStudentsDay",
  list: "time",
  description:
    "Each activity matching the teacher / students / subject / tag filter is the last one of the day for all its students. One violation per such activity that some of its students have something after (FET accepts only 100%; below, we count it as soft).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const out: Instance[] = [];
    for (const a of filteredActivities(ctx, f)) {
      const inst = endsStudentsDay(c, ctx, a);
      if (inst) out.push(inst);
    }
    return out;
  },
};
