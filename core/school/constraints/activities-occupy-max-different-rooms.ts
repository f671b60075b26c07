import type { ConstraintDefinition } from "./types";
import { activityIds } from "./util";

export const activitiesOccupyMaxDifferentRooms: ConstraintDefinition = {
  type: "ConstraintActivitiesOccupyMaxDifferentRooms",
  list: "space",
  description:
    "The listed activities use at most Max_Number_of_Different_Rooms different rooms between them. One violation when they use more (FET counts the element once, however many rooms too many); FET allows it only at weight 100.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    if (c.weight < 100) throw f.error(`FET accepts this constraint only with weight 100 (it refuses to generate otherwise), got ${c.weight}`, "Weight_Percentage");
    if (f.all("Activity_Id").length < 2) throw f.error("must name at least two activities (FET refuses it otherwise)", "Activity_Id");
    const acts = activityIds(ctx, f);
    const max = f.int("Max_Number_of_Different_Rooms", 1, ctx.nRooms || 1);
    if (acts.length < 2) return []; // all or all but one inactive: FET ignores it
    return [
      {
        shape: "set",
        source: c,
        weight: c.weight,
        activities: acts,
        violations(start, room) {
          let used = 0;
          for (let i = 0; i < acts.length; i++) {
            const r = room[acts[i]];
            if (r < 0 || start[acts[i]] < 0) continue;
            let seen = false;
            for (let j = 0; j < i && !seen; j++) seen = room[acts[j]] === r && start[acts[j]] >= 0;
            if (!seen) used++;
          }
          return used > max ? 1 : 0;
        },
      },
    ];
  },
};
