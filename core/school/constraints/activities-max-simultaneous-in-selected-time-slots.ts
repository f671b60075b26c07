import type { ConstraintDefinition } from "./types";
import { activityIds, slotList, slotMask } from "./util";

/**
 * FET (ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots::fitness): one violation per selected
 * slot in which more than Max_Number_of_Simultaneous_Activities of the listed activities take
 * place. FET accepts only 100%.
 */
export const activitiesMaxSimultaneousInSelectedTimeSlots: ConstraintDefinition = {
  type: "ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots",
  list: "time",
  description:
    "In each selected time slot at most Max_Number_of_Simultaneous_Activities of the listed activities take place at once. One violation per selected slot holding more (FET accepts only 100%; below, we count it as soft).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const acts = activityIds(ctx, f);
    const selected = slotMask(ctx, slotList(ctx, f, "Selected_Time_Slot", "Selected_Day", "Selected_Hour"));
    const max = f.int("Max_Number_of_Simultaneous_Activities", 0, 1_000_000);
    if (!acts.length) return [];
    const dur = Int32Array.from(acts, (a) => ctx.duration(a));
    const count = new Int32Array(ctx.nSlots); // all zero between evaluations
    return [
      {
        shape: "set",
        source: c,
        weight: c.weight,
        activities: acts,
        violations(start) {
          let v = 0;
          for (let i = 0; i < acts.length; i++) {
            const t = start[acts[i]];
            if (t < 0) continue;
            for (let k = 0; k < dur[i]; k++) if (selected[t + k] && ++count[t + k] === max + 1) v++;
          }
          for (let i = 0; i < acts.length; i++) {
            const t = start[acts[i]];
            if (t >= 0) for (let k = 0; k < dur[i]; k++) count[t + k] = 0;
          }
          return v;
        },
      },
    ];
  },
};
