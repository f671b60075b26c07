import type { ConstraintDefinition } from "./types";
import { roomMask } from "./util";

export const subjectPreferredRooms: ConstraintDefinition = {
  type: "ConstraintSubjectPreferredRooms",
  list: "space",
  description: "Every activity of a subject takes place in one of the listed rooms. One violation per activity elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const subject = ctx.subject(f, "Subject");
    const ok = roomMask(ctx, f, "Preferred_Room");
    const acts = ctx.activitiesOfSubject(subject);
    if (!acts.length) return [];
    return [{ shape: "room", source: c, weight: c.weight, activities: acts, cost: (_a, r) => (r >= 0 && ok[r] ? 0 : 1) }];
  },
};
