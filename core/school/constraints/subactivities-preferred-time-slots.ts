import type { ConstraintDefinition } from "./types";
import { filteredActivities, hoursIn, slotList, slotMask } from "./util";

/**
 * FET: like ActivitiesPreferredTimeSlots, but only for the Component_Number-th lesson of each split
 * activity (component = Id − Activity_Group_Id + 1; an activity that is not split is component 1).
 */
export const subactivitiesPreferredTimeSlots: ConstraintDefinition = {
  type: "ConstraintSubactivitiesPreferredTimeSlots",
  list: "time",
  description:
    "For the k-th lesson (Component_Number) of each split activity matching the teacher / students / subject / tag (and duration) filter, every hour lies in the listed slots. One violation per hour outside them.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const k = f.int("Component_Number", 1, 1_000_000);
    const ok = slotMask(ctx, slotList(ctx, f, "Preferred_Time_Slot", "Preferred_Day", "Preferred_Hour"));
    const acts = filteredActivities(ctx, f).filter((a) => ctx.componentNumber(a) === k);
    if (!acts.length) return [];
    const not = ok.map((v) => 1 - v);
    return [{ shape: "start", source: c, weight: c.weight, activities: acts, cost: (a, s) => hoursIn(ctx, a, s, not) }];
  },
};
