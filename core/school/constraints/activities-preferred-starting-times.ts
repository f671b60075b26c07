import type { ConstraintDefinition } from "./types";
import { filteredActivities, slotList, slotMask } from "./util";

export const activitiesPreferredStartingTimes: ConstraintDefinition = {
  type: "ConstraintActivitiesPreferredStartingTimes",
  list: "time",
  description: "Every activity matching the teacher / students / subject / tag (and duration) filter starts at one of the listed slots. One violation per such activity starting elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const ok = slotMask(ctx, slotList(ctx, f, "Preferred_Starting_Time", "Preferred_Starting_Day", "Preferred_Starting_Hour"));
    const acts = filteredActivities(ctx, f);
    if (!acts.length) return [];
    return [{ shape: "start", source: c, weight: c.weight, activities: acts, cost: (_a, s) => (ok[s] ? 0 : 1) }];
  },
};
