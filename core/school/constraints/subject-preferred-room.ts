import type { ConstraintDefinition } from "./types";

export const subjectPreferredRoom: ConstraintDefinition = {
  type: "ConstraintSubjectPreferredRoom",
  list: "space",
  description: "Every activity of a subject takes place in the given room. One violation per activity elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const subject = ctx.subject(f, "Subject");
    const room = ctx.room(f, "Room");
    const acts = ctx.activitiesOfSubject(subject);
    if (!acts.length) return [];
    return [{ shape: "room", source: c, weight: c.weight, activities: acts, cost: (_a, r) => (r === room ? 0 : 1) }];
  },
};
