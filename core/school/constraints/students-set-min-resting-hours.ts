import type { ConstraintDefinition } from "./types";
import { busyEdges, resourceInstances, shortRests } from "./resource-scope";

export const studentsSetMinRestingHours: ConstraintDefinition = {
  type: "ConstraintStudentsSetMinRestingHours",
  list: "time",
  description:
    "Every subgroup of the students set (Students) rests at least Minimum_Resting_Hours (at most the hours of a day, as FET requires) between the last busy hour of a day and the first busy hour of the next day (free hours at the end of the one plus at the start of the other; with Circular, also from the last day to the first). Each pair of consecutive days resting less is one violation.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const min = f.int("Minimum_Resting_Hours", 0, ctx.nHours);
    const circular = f.bool("Circular", false);
    const nHours = ctx.nHours;
    return resourceInstances(
      c,
      ctx,
      f,
      "studentsSet",
      (occ, _b, base, h) => busyEdges(occ, base, h),
      (v, n) => shortRests(v, n, nHours, min, circular),
    );
  },
};
