import { FET_LIMITS } from "../fet/types";
import type { ConstraintDefinition } from "./types";
import { gapsOfDay } from "./util";
import { resourceInstances, total } from "./resource-scope";

export const teachersMaxGapsPerDay: ConstraintDefinition = {
  type: "ConstraintTeachersMaxGapsPerDay",
  list: "time",
  description:
    "Every teacher has at most Max_Gaps free hours between lessons on each day (break and not-available hours are not gaps). Each gap beyond that, per day, is one violation. A maximum larger than a day or week allows never binds (FET accepts it too).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Max_Gaps", 0, FET_LIMITS.hoursPerDay);
    return resourceInstances(c, ctx, f, "teachers", (occ, blocked, base, nHours) => Math.max(0, gapsOfDay(occ, blocked, base, nHours) - max), total);
  },
};
