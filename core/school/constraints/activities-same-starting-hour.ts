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
    return [
      {
        shape: "set",
        source: c,
        weight: c.weight,
        activities: acts,
        violations(start) {
          let v = 0;
          for (let i = 1; i < acts.length; i++) {
            const t1 = start[acts[i]];
            if (t1 < 0) continue;
            const h1 = t1 % nHours;
            for (let j = 0; j < i; j++) {
              const t2 = start[acts[j]];
              if (t2 >= 0 && t2 % nHours !== h1) v++;
            }
          }
          return v;
        },
      },
    ];
  },
};
