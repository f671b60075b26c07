import type { ConstraintDefinition } from "./types";
import { activityIds } from "./util";

/** FET (ConstraintActivitiesSameStartingDay::fitness): one violation per pair of placed activities starting on different days. */
export const activitiesSameStartingDay: ConstraintDefinition = {
  type: "ConstraintActivitiesSameStartingDay",
  list: "time",
  description: "The activities start on the same day (at any hours). One violation per pair starting on different days.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const acts = activityIds(ctx, f);
    if (acts.length < 2) return [];
    const nHours = ctx.nHours;
    const count = new Int32Array(ctx.nDays); // per day, all zero between evaluations
    return [
      {
        shape: "set",
        source: c,
        weight: c.weight,
        activities: acts,
        violations(start) {
          // pairs on different days = all placed pairs − pairs sharing a day: O(k), no allocation
          let placed = 0;
          let same = 0;
          for (let i = 0; i < acts.length; i++) {
            const t = start[acts[i]];
            if (t < 0) continue;
            const k = (t / nHours) | 0;
            same += count[k]++;
            placed++;
          }
          for (let i = 0; i < acts.length; i++) {
            const t = start[acts[i]];
            if (t >= 0) count[(t / nHours) | 0] = 0;
          }
          return (placed * (placed - 1)) / 2 - same;
        },
      },
    ];
  },
};
