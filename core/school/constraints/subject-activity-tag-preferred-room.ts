import type { CompileContext, ConstraintDefinition } from "./types";

/** Activities of `subject` that carry `tag` among their activity tags (FET's subject + activity tag selection). */
export function activitiesOfSubjectWithTag(ctx: CompileContext, subject: number, tag: number): Int32Array {
  return ctx.activitiesOfSubject(subject).filter((a) => ctx.hasTag(a, tag));
}

export const subjectActivityTagPreferredRoom: ConstraintDefinition = {
  type: "ConstraintSubjectActivityTagPreferredRoom",
  list: "space",
  description: "Every activity of the subject that has the activity tag takes place in the given room. One violation per such activity elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const subject = ctx.subject(f, "Subject");
    const tag = ctx.activityTag(f, "Activity_Tag");
    const room = ctx.room(f, "Room");
    const acts = activitiesOfSubjectWithTag(ctx, subject, tag);
    if (!acts.length) return [];
    return [{ shape: "room", source: c, weight: c.weight, activities: acts, cost: (_a, r) => (r === room ? 0 : 1) }];
  },
};
