import type { ConstraintDefinition, Instance } from "./types";
import { hoursIn, slotList, slotMask } from "./util";

export const studentsSetNotAvailableTimes: ConstraintDefinition = {
  type: "ConstraintStudentsSetNotAvailableTimes",
  list: "time",
  description: "A students set (year, group or subgroup) has no activity in the listed slots. One violation per subgroup of the set per busy hour inside them; these hours are not counted as gaps.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const subs = ctx.studentsSet(f, "Students");
    const slots = slotList(ctx, f, "Not_Available_Time", "Day", "Hour");
    const mask = slotMask(ctx, slots);
    const out: Instance[] = [];
    for (const g of subs) {
      out.push({ shape: "start", source: c, weight: c.weight, activities: ctx.activitiesOfSubgroup(g), cost: (a, s) => hoursIn(ctx, a, s, mask), blocks: { kind: "subgroup", resource: g, slots } });
    }
    return out;
  },
};
