import type { ConstraintDefinition } from "./types";
import { activityIds, slotList, slotMask } from "./util";

/**
 * FET (ConstraintActivitiesOccupyMaxTimeSlotsFromSelection::fitness): broken (1) when the listed
 * activities together occupy more than Max_Number_of_Occupied_Time_Slots of the selected slots
 * (a slot is occupied when at least one of them takes place then). FET accepts only 100%.
 */
export const activitiesOccupyMaxTimeSlotsFromSelection: ConstraintDefinition = {
  type: "ConstraintActivitiesOccupyMaxTimeSlotsFromSelection",
  list: "time",
  description:
    "Of the selected time slots, the listed activities together use at most Max_Number_of_Occupied_Time_Slots (a slot counts once however many of them are in it). One violation when they use more (FET accepts only 100%; below, we count it as soft).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const acts = activityIds(ctx, f);
    const selected = slotMask(ctx, slotList(ctx, f, "Selected_Time_Slot", "Selected_Day", "Selected_Hour"));
    const max = f.int("Max_Number_of_Occupied_Time_Slots", 0, ctx.nSlots);
    if (!acts.length) return [];
    const dur = Int32Array.from(acts, (a) => ctx.duration(a));
    // slots counted in the current evaluation carry the current stamp (no clearing, no allocation)
    const seen = new Int32Array(ctx.nSlots);
    let stamp = 0;
    return [
      {
        shape: "set",
        source: c,
        weight: c.weight,
        activities: acts,
        violations(start) {
          if (++stamp === 0x3fffffff) {
            seen.fill(0);
            stamp = 1;
          }
          let used = 0;
          for (let i = 0; i < acts.length; i++) {
            const t = start[acts[i]];
            if (t < 0) continue;
            for (let k = 0; k < dur[i]; k++) {
              const s = t + k;
              if (selected[s] && seen[s] !== stamp) {
                seen[s] = stamp;
                used++;
              }
            }
          }
          return used > max ? 1 : 0;
        },
      },
    ];
  },
};
