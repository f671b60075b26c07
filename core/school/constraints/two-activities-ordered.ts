import type { ConstraintDefinition } from "./types";
import { distinctActivities } from "./util";

/**
 * FET (ConstraintTwoActivitiesOrdered::fitness): broken (1) when both are placed and the second
 * does not start after the first ends, in week order (an earlier day, or the same day before the
 * first's last hour ends).
 */
export const twoActivitiesOrdered: ConstraintDefinition = {
  type: "ConstraintTwoActivitiesOrdered",
  list: "time",
  description: "The second activity takes place later in the week than the first: on a later day, or on the same day after the first one has ended. One violation when it does not.",
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
          const fd = (t1 / nHours) | 0;
          const sd = (t2 / nHours) | 0;
          if (fd < sd) return 0;
          if (fd === sd && t1 + d1 - 1 < t2) return 0;
          return 1;
        },
      },
    ];
  },
};
