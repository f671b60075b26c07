import type { ConstraintDefinition } from "./types";
import { activityIds } from "./util";

export const activitiesSameRoomIfConsecutive: ConstraintDefinition = {
  type: "ConstraintActivitiesSameRoomIfConsecutive",
  list: "space",
  description:
    "Any two of the listed activities placed back to back on the same day (one starts at the hour the other ends) are in the same room. One violation per such pair in different rooms (activities without a room are not counted); FET allows it only at weight 100.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    if (c.weight < 100) throw f.error(`FET accepts this constraint only with weight 100 (it refuses to generate otherwise), got ${c.weight}`, "Weight_Percentage");
    if (f.all("Activity_Id").length < 2) throw f.error("must name at least two activities (FET refuses it otherwise)", "Activity_Id");
    const acts = activityIds(ctx, f);
    if (acts.length < 2) return [];
    const dur = Int32Array.from(acts, (a) => ctx.duration(a));
    const nHours = ctx.nHours;
    return [
      {
        shape: "set",
        source: c,
        weight: c.weight,
        activities: acts,
        violations(start, room) {
          let v = 0;
          for (let i = 0; i < acts.length; i++) {
            const si = start[acts[i]];
            const ri = room[acts[i]];
            if (si < 0 || ri < 0) continue;
            const di = (si / nHours) | 0;
            for (let j = i + 1; j < acts.length; j++) {
              const sj = start[acts[j]];
              const rj = room[acts[j]];
              if (sj < 0 || rj < 0 || rj === ri || ((sj / nHours) | 0) !== di) continue;
              if (si + dur[i] === sj || sj + dur[j] === si) v++;
            }
          }
          return v;
        },
      },
    ];
  },
};
