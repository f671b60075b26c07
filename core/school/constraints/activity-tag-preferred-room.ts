import type { ConstraintDefinition } from "./types";

export const activityTagPreferredRoom: ConstraintDefinition = {
  type: "ConstraintActivityTagPreferredRoom",
  list: "space",
  description: "Every activity with the given activity tag takes place in the given room. One violation per activity elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const tag = ctx.activityTag(f, "Activity_Tag");
    const room = ctx.room(f, "Room");
    const acts = ctx.activitiesWithTag(tag);
    if (!acts.length) return [];
    return [{ shape: "room", source: c, weight: c.weight, activities: acts, cost: (_a, r) => (r === room ? 0 : 1) }];
  },
};
