import { activitiesOfSubjectWithTag } from "./subject-activity-tag-preferred-room";
import type { ConstraintDefinition } from "./types";
import { roomMask } from "./util";

export const subjectActivityTagPreferredRooms: ConstraintDefinition = {
  type: "ConstraintSubjectActivityTagPreferredRooms",
  list: "space",
  description: "Every activity of the subject that has the activity tag takes place in one of the listed rooms. One violation per such activity elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const subject = ctx.subject(f, "Subject");
    const tag = ctx.activityTag(f, "Activity_Tag");
    const ok = roomMask(ctx, f, "Preferred_Room");
    const acts = activitiesOfSubjectWithTag(ctx, subject, tag);
    if (!acts.length) return [];
    return [{ shape: "room", source: c, weight: c.weight, activities: acts, cost: (_a, r) => (r >= 0 && ok[r] ? 0 : 1) }];
  },
};
