import type { ConstraintDefinition } from "./types";
import { hoursIn, slotList, slotMask } from "./util";

export const activityPreferredTimeSlots: ConstraintDefinition = {
  type: "ConstraintActivityPreferredTimeSlots",
  list: "time",
  description: "Every hour of an activity lies in the listed day/hour slots. One violation per hour of the activity outside them.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const a = ctx.activity(f, "Activity_Id");
    const ok = slotMask(ctx, slotList(ctx, f, "Preferred_Time_Slot", "Preferred_Day", "Preferred_Hour"));
    if (a < 0) return [];
    const not = ok.map((v) => 1 - v);
    return [{ shape: "start", source: c, weight: c.weight, activities: Int32Array.of(a), cost: (x, s) => hoursIn(ctx, x, s, not) }];
  },
};
