import type { ConstraintDefinition } from "./types";
import { distinctActivities, firstNonBreakHour } from "./util";

/**
 * FET (ConstraintTwoActivitiesConsecutive::fitness): broken (1) when both are placed and the second
 * is on another day, starts before the first ends, or does not start at the first non-break hour
 * after the first ends. Break hours (100% ConstraintBreakTimes) between them are allowed.
 */
export const twoActivitiesConsecutive: ConstraintDefinition = {
  type: "ConstraintTwoActivitiesConsecutive",
  list: "time",
  description: "The second activity starts right after the first one ends, on the same day (break hours in between are allowed). One violation when it does not.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const pair = distinctActivities(ctx, f, ["First_Activity_Id", "Second_Activity_Id"]);
    if (!pair) return [];
    const [first, second] = pair;
    const nHours = ctx.nHours;
    const d1 = ctx.duration(first);
    const breaks = ctx.breaks;
    return [
      {
        shape: "set",
        source: c,
        weight: c.weight,
        activities: pair,
        violations(start) {
          const t1 = start[first];
          const t2 = start[second];
          if (t1 < 0 || t2 < 0) return 0;
          const day = (t1 / nHours) | 0;
          if (((t2 / nHours) | 0) !== day) return 1;
          const h1 = t1 - day * nHours;
          const h2 = t2 - day * nHours;
          if (h1 + d1 > h2) return 1;
          return firstNonBreakHour(breaks, day * nHours, h1 + d1, nHours) === h2 ? 0 : 1;
        },
      },
    ];
  },
};
