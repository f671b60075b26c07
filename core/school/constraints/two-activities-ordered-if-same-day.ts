import type { ConstraintDefinition } from "./types";
import { distinctActivities } from "./util";

/**
 * FET: broken (1) when both are placed on the same day and the second does not start after the
 * first ends; on different days it holds whatever the order.
 */
export const twoActivitiesOrderedIfSameDay: ConstraintDefinition = {
  type: "ConstraintTwoActivitiesOrderedIfSameDay",
  list: "time",
  description: "If the two activities fall on the same day, the second one starts after the first one has ended (on different days any order is fine). One violation when it does not.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const pair = distinctActivities(ctx, f, ["First_Activity_Id", "Second_Activity_Id"]);
    if (!pair) return [];
    const [first, second] = pair;
    const nHours = ctx.nHours;
    const d1 = ctx.duration(first);
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
          if (((t1 / nHours) | 0) !== ((t2 / nHours) | 0)) return 0;
          return t1 + d1 - 1 < t2 ? 0 : 1;
        },
      },
    ];
  },
};
