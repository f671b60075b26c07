import type { ConstraintDefinition } from "./types";

export const activityPreferredRoom: ConstraintDefinition = {
  type: "ConstraintActivityPreferredRoom",
  list: "space",
  description:
    "An activity takes place in the given room. One violation when it is in another room or in none. For a virtual room with its real rooms listed (Real_Room, as FET locks them), one more per real room the activity gets that is not listed.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const a = ctx.activity(f, "Activity_Id");
    const room = ctx.room(f, "Room");
    const reals = f.all("Real_Room").map((n) => ctx.room(f, "Real_Room", n.text));
    if (a < 0) return [];
    return [
      { shape: "room", source: c, weight: c.weight, activities: Int32Array.of(a), cost: (_a, r) => (r === room ? 0 : 1), ...(reals.length ? { realRooms: Int32Array.from(reals), realOf: room } : {}) },
    ];
  },
};
