import { FET_LIMITS } from "../fet/types";
import type { ConstraintDefinition } from "./types";
import { busyOfDay } from "./util";
import { resourceInstances, total } from "./resource-scope";

export const teachersMaxDaysPerWeek: ConstraintDefinition = {
  type: "ConstraintTeachersMaxDaysPerWeek",
  list: "time",
  description:
    "Every teacher works on at most Max_Days_Per_Week days. Each working day beyond that, per teacher, is one violation. A maximum larger than a day or week allows never binds (FET accepts it too).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Max_Days_Per_Week", 0, FET_LIMITS.days);
    return resourceInstances(
      c,
      ctx,
      f,
      "teachers",
      (occ, _b, base, nHours) => (busyOfDay(occ, base, nHours) > 0 ? 1 : 0),
      (v, n) => Math.max(0, total(v, n) - max),
    );
  },
};
