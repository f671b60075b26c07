import type { ConstraintDefinition } from "./types";
import { slotList, slotMask } from "./util";

export const activityPreferredStartingTimes: ConstraintDefinition = {
  type: "ConstraintActivityPreferredStartingTimes",
  list: "time",
  description: "An activity starts at one of the listed day/hour slots. One violation when it starts elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const a = ctx.activity(f, "Activity_Id");
    const ok = slotMask(ctx, slotList(ctx, f, "Preferred_Starting_Time", "Preferred_Starting_Day", "Preferred_Starting_Hour"));
    if (a < 0) return [];
    return [{ shape: "start", source: c, weight: c.weight, activities: Int32Array.of(a), cost: (_a, s) => (ok[s] ? 0 : 1) }];
  },
};
