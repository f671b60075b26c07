import type { ConstraintDefinition } from "./types";
import { filteredActivities, slotList, slotMask } from "./util";

/**
 * FET: like ActivitiesPreferredStartingTimes, but only for the Component_Number-th lesson of each
 * split activity (component = Id − Activity_Group_Id + 1; an activity that is not split is component 1).
 */
export const subactivitiesPreferredStartingTimes: ConstraintDefinition = {
  type: "ConstraintSubactivitiesPreferredStartingTimes",
  list: "time",
  description:
    "The k-th lesson (Component_Number) of each split activity matching the teacher / students / subject / tag (and duration) filter starts at one of the listed day/hour slots. One violation per such lesson starting elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const k = f.int("Component_Number", 1, 1_000_000);
    const ok = slotMask(ctx, slotList(ctx, f, "Preferred_Starting_Time", "Preferred_Starting_Day", "Preferred_Starting_Hour"));
    const acts = filteredActivities(ctx, f).filter((a) => ctx.componentNumber(a) === k);
    if (!acts.length) return [];
    return [{ shape: "start", source: c, weight: c.weight, activities: acts, cost: (_a, s) => (ok[s] ? 0 : 1) }];
  },
};
