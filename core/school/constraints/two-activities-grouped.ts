import type { ConstraintDefinition } from "./types";
import { distinctActivities, firstNonBreakHour } from "./util";

/**
 * FET (ConstraintTwoActivitiesGrouped::fitness): broken (1) when both are placed and they are on
 * different days, overlap, or the later one does not start at the first non-break hour after the
 * earlier one ends (either order).
 */
export const twoActivitiesGrouped: ConstraintDefinition = {
  type: "ConstraintTwoActivitiesGrouped",
  list: "time",
  description: "The two activities form one block on the same day, one right after the other in either order (break hours in between are allowed). One violation when they do not.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const pair = distinctActivities(ctx, f, ["First_Activity_Id", "Second_Activity_Id"]);
    if (!pair) return [];
    const [first, second] = pair;
    const nHours = ctx.nHours;
    const d1 = ctx.duration(first);
    const d2 = ctx.duration(second);
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
          const base = day * nHours;
          const h1 = t1 - base;
          const h2 = t2 - base;
          if (h1 + d1 <= h2) return firstNonBreakHour(breaks, base, h1 + d1, nHours) === h2 ? 0 : 1;
          if (h2 + d2 <= h1) return firstNonBreakHour(breaks, base, h2 + d2, nHours) === h1 ? 0 : 1;
          return 1;
        },
      },
    ];
  },
};
