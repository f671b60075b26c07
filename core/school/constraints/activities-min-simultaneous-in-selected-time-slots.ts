import type { ConstraintDefinition } from "./types";
import { activityIds, slotList } from "./util";

/**
 * FET: one violation per selected slot in which fewer than Min_Number_of_Simultaneous_Activities of
 * the listed activities take place; with Allow_Empty_Slots a selected slot holding none of them
 * is fine. FET accepts only 100%.
 */
export const activitiesMinSimultaneousInSelectedTimeSlots: ConstraintDefinition = {
  type: "ConstraintActivitiesMinSimultaneousInSelectedTimeSlots",
  list: "time",
  description:
    "In each selected time slot at least Min_Number_of_Simultaneous_Activities of the listed activities take place at once (with Allow_Empty_Slots, a slot with none of them is also fine). One violation per selected slot holding fewer (FET accepts only 100%; below, we count it as soft).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const acts = activityIds(ctx, f);
    const slots = slotList(ctx, f, "Selected_Time_Slot", "Selected_Day", "Selected_Hour");
    const min = f.int("Min_Number_of_Simultaneous_Activities", 0, 1_000_000);
    const allowEmpty = f.bool("Allow_Empty_Slots", false);
    if (!acts.length || min === 0 || !slots.length) return [];
    const dur = Int32Array.from(acts, (a) => ctx.duration(a));
    const count = new Int32Array(ctx.nSlots); // all zero between evaluations
    return [
      {
        shape: "set",
        source: c,
        weight: c.weight,
        activities: acts,
        violations(start) {
          for (let i = 0; i < acts.length; i++) {
            const t = start[acts[i]];
            if (t >= 0) for (let k = 0; k < dur[i]; k++) count[t + k]++;
          }
          let v = 0;
          for (let i = 0; i < slots.length; i++) {
            const n = count[slots[i]];
            if (n < min && !(allowEmpty && n === 0)) v++;
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
