import { tagInstances, taggedHours } from "./tag-hours";
import type { ConstraintDefinition } from "./types";

export const studentsSetActivityTagMaxHoursDaily: ConstraintDefinition = {
  type: "ConstraintStudentsSetActivityTagMaxHoursDaily",
  list: "time",
  description: "Every subgroup of the students set has activities with the given tag at most Maximum_Hours_Daily hours a day. One violation per subgroup and day over the maximum.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const subgroups = ctx.studentsSet(f, "Students");
    const tag = ctx.activityTag(f, "Activity_Tag");
    const max = f.int("Maximum_Hours_Daily", 0, ctx.nHours);
    return tagInstances(c, ctx, "subgroup", subgroups, tag, (t, base, nHours) => (taggedHours(t, base, nHours) > max ? 1 : 0));
  },
};
