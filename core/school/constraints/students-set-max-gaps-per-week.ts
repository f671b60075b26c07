import { FET_LIMITS } from "../fet/types";
import type { ConstraintDefinition } from "./types";
import { gapsOfDay } from "./util";
import { resourceInstances, total } from "./resource-scope";

export const studentsSetMaxGapsPerWeek: ConstraintDefinition = {
  type: "ConstraintStudentsSetMaxGapsPerWeek",
  list: "time",
  description:
    "Every subgroup of the students set (Students) has at most Max_Gaps free hours between lessons over the week (break and not-available hours are not gaps). Each gap beyond that, per subgroup, is one violation. A maximum larger than a day or week allows never binds (FET accepts it too).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const max = f.int("Max_Gaps", 0, FET_LIMITS.slots);
    return resourceInstances(c, ctx, f, "studentsSet", gapsOfDay, (v, n) => Math.max(0, total(v, n) - max));
  },
};
