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
            const d1 = (t1 / nHours) | 0;
            for (let j = 0; j < i; j++) {
              const t2 = start[acts[j]];
              if (t2 >= 0 && ((t2 / nHours) | 0) !== d1) v++;
            }
          }
          return v;
        },
      },
    ];
  },
};
