import type { ConstraintDefinition } from "./types";
import { filteredActivities, hoursIn, slotList, slotMask } from "./util";

export const activitiesPreferredTimeSlots: ConstraintDefinition = {
  type: "ConstraintActivitiesPreferredTimeSlots",
  list: "time",
  description: "Every hour of each activity matching the teacher / students / subject / tag (and duration) filter lies in the listed slots. One violation per hour outside them.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const ok = slotMask(ctx, slotList(ctx, f, "Preferred_Time_Slot", "Preferred_Day", "Preferred_Hour"));
    const acts = filteredActivities(ctx, f);
    if (!acts.length) return [];
    const not = ok.map((v) => 1 - v);
    return [{ shape: "start", source: c, weight: c.weight, activities: acts, cost: (x, s) => hoursIn(ctx, x, s, not) }];
  },
};
