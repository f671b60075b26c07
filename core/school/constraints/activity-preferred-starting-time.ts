import type { ConstraintDefinition } from "./types";

export const activityPreferredStartingTime: ConstraintDefinition = {
  type: "ConstraintActivityPreferredStartingTime",
  list: "time",
  description: "An activity starts at the given day and hour (either may be left out; Permanently_Locked only matters to FET's interface). One violation when it starts elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const a = ctx.activity(f, "Activity_Id");
    const day = f.optText("Preferred_Day") ? ctx.day(f, "Preferred_Day") : -1;
    const hour = f.optText("Preferred_Hour") ? ctx.hour(f, "Preferred_Hour") : -1;
    if (a < 0 || (day < 0 && hour < 0)) return [];
    const nHours = ctx.nHours;
    return [
      {
        shape: "start",
        source: c,
        weight: c.weight,
        activities: Int32Array.of(a),
        cost: (_a, s) => ((day >= 0 && Math.floor(s / nHours) !== day) || (hour >= 0 && s % nHours !== hour) ? 1 : 0),
      },
    ];
  },
};
