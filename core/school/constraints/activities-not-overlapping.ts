import type { ConstraintDefinition } from "./types";
import { activityIds } from "./util";

/**
 * FET (ConstraintActivitiesNotOverlapping::fitness): for each pair of placed activities on the same
 * day, the number of hours they share.
 */
export const activitiesNotOverlapping: ConstraintDefinition = {
  type: "ConstraintActivitiesNotOverlapping",
  list: "time",
  description: "No two of the activities take place at the same time. Each hour shared by a pair of them counts one violation.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const acts = activityIds(ctx, f);
    if (acts.length < 2) return [];
    const nHours = ctx.nHours;
    const dur = Int32Array.from(acts, (a) => ctx.duration(a));
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
            const day1 = (t1 / nHours) | 0;
            for (let j = 0; j < i; j++) {
              const t2 = start[acts[j]];
              if (t2 < 0 || ((t2 / nHours) | 0) !== day1) continue;
              const overlap = Math.min(t1 + dur[i], t2 + dur[j]) - Math.max(t1, t2);
              if (overlap > 0) v += overlap;
            }
          }
          return v;
        },
      },
    ];
  },
};
