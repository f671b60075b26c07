import type { ConstraintDefinition } from "./types";
import { activityIds } from "./util";

export const activitiesSameStartingTime: ConstraintDefinition = {
  type: "ConstraintActivitiesSameStartingTime",
  list: "time",
  description: "The activities start at the same day and hour. One violation per pair starting at different times.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const acts = activityIds(ctx, f);
    if (acts.length < 2) return [];
    return [
      {
        shape: "set",
        source: c,
        weight: c.weight,
        activities: acts,
        sameStart: true,
        violations(start) {
          let v = 0;
          for (let i = 1; i < acts.length; i++) {
            const t1 = start[acts[i]];
            if (t1 < 0) continue;
            for (let j = 0; j < i; j++) {
              const t2 = start[acts[j]];
              if (t2 >= 0 && t2 !== t1) v++;
            }
          }
          return v;
        },
      },
    ];
  },
};
