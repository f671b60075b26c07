import type { ConstraintDefinition } from "./types";
import { activityIds } from "./util";

/** FET (ConstraintActivitiesSameStartingHour::fitness): one violation per pair of placed activities starting at different hours of the day. */
export const activitiesSameStartingHour: ConstraintDefinition = {
  type: "ConstraintActivitiesSameStartingHour",
  list: "time",
  description: "The activities start at the same hour of the day (on any days). One violation per pair starting at different hours.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const acts = activityIds(ctx, f);
    if (acts.length < 2) return [];
    const nHours = ctx.nHours;
    const count = new Int32Array(ctx.nHours); // per hour, all zero between evaluations
    return [
      {
        shape: "set",
        source: c,
        weight: c.weight,
        activities: acts,
        violations(start) {
          // pairs on different hours = all placed pairs − pairs sharing a hour: O(k), no allocation
          let placed = 0;
          let same = 0;
          for (let i = 0; i < acts.length; i++) {
            const t = start[acts[i]];
            if (t < 0) continue;
            const k = t % nHours;
            same += count[k]++;
            placed++;
          }
          for (let i = 0; i < acts.length; i++) {
            const t = start[acts[i]];
            if (t >= 0) count[t % nHours] = 0;
          }
          return (placed * (placed - 1)) / 2 - same;
        },
      },
    ];
  },
};
