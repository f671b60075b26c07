import type { ConstraintDefinition } from "./types";
import { hoursIn, slotList, slotMask } from "./util";

export const breakTimes: ConstraintDefinition = {
  type: "ConstraintBreakTimes",
  list: "time",
  description: "No activity takes place during the listed break slots (FET requires 100%). One violation per activity hour inside a break; break hours are not counted as gaps.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const slots = slotList(ctx, f, "Break_Time", "Day", "Hour");
    const mask = slotMask(ctx, slots);
    const all = Int32Array.from({ length: ctx.nActivities }, (_, i) => i);
    return [{ shape: "start", source: c, weight: c.weight, activities: all, cost: (a, s) => hoursIn(ctx, a, s, mask), blocks: { kind: "all", resource: -1, slots } }];
  },
};
