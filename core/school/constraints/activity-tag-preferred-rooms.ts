import type { ConstraintDefinition } from "./types";
import { roomMask } from "./util";

export const activityTagPreferredRooms: ConstraintDefinition = {
  type: "ConstraintActivityTagPreferredRooms",
  list: "space",
  description: "Every activity with the given activity tag takes place in one of the listed rooms. One violation per activity elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const tag = ctx.activityTag(f, "Activity_Tag");
    const ok = roomMask(ctx, f, "Preferred_Room");
    const acts = ctx.activitiesWithTag(tag);
    if (!acts.length) return [];
    return [{ shape: "room", source: c, weight: c.weight, activities: acts, cost: (_a, r) => (r >= 0 && ok[r] ? 0 : 1) }];
  },
};
