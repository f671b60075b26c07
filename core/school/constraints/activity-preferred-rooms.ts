import type { ConstraintDefinition } from "./types";
import { roomMask } from "./util";

export const activityPreferredRooms: ConstraintDefinition = {
  type: "ConstraintActivityPreferredRooms",
  list: "space",
  description: "An activity takes place in one of the listed rooms. One violation when it is in another room.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const a = ctx.activity(f, "Activity_Id");
    const ok = roomMask(ctx, f, "Preferred_Room");
    if (a < 0) return [];
    return [{ shape: "room", source: c, weight: c.weight, activities: Int32Array.of(a), cost: (_a, r) => (r >= 0 && ok[r] ? 0 : 1) }];
  },
};
