import type { ConstraintDefinition } from "./types";
import { activityIds } from "./util";

/**
 * FET (ConstraintMinGapsBetweenActivities::fitness): for each pair of placed activities on the same
 * day, with the earlier one (by starting hour) ending at e and the later starting at s, the
 * shortfall e + MinGaps − s when it is positive (overlapping pairs count their overlap too).
 */
export const minGapsBetweenActivities: ConstraintDefinition = {
  type: "ConstraintMinGapsBetweenActivities",
  list: "time",
  description: "Two of the activities on the same day have at least MinGaps free hours between them. Each pair on the same day counts the number of hours missing.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const acts = activityIds(ctx, f);
    const minGaps = f.int("MinGaps", 0, ctx.nHours);
    if (acts.length < 2 || minGaps === 0) return [];
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
              const short = t2 >= t1 ? t1 + dur[i] + minGaps - t2 : t2 + dur[j] + minGaps - t1;
              if (short > 0) v += short;
            }
          }
          return v;
        },
      },
    ];
  },
};
