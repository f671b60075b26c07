import type { ConstraintDefinition } from "./types";
import { activityIds } from "./util";

/**
 * FET (ConstraintMaxDaysBetweenActivities::fitness): for each pair of placed activities whose days
 * are more than MaxDays apart, the distance minus MaxDays.
 */
export const maxDaysBetweenActivities: ConstraintDefinition = {
  type: "ConstraintMaxDaysBetweenActivities",
  list: "time",
  description: "The activities fall within a span of MaxDays: any two are at most MaxDays days apart. Each pair further apart counts their distance minus MaxDays.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const acts = activityIds(ctx, f);
    const maxDays = f.int("MaxDays", 0, ctx.nDays);
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
              if (t2 < 0) continue;
              const dist = Math.abs(d1 - ((t2 / nHours) | 0));
              if (dist > maxDays) v += dist - maxDays;
            }
          }
          return v;
        },
      },
    ];
  },
};
