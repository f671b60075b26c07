import type { ConstraintDefinition } from "./types";

/** FET applies a teacher's home room to the activities that have exactly this one teacher. */
export const teacherHomeRoom: ConstraintDefinition = {
  type: "ConstraintTeacherHomeRoom",
  list: "space",
  description:
    "Activities taught by this teacher alone take place in the teacher's home room, unless another room constraint of the activity (activity, subject or activity tag preferred room) allows the room it is in. One violation per such activity elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const t = ctx.teacher(f, "Teacher");
    const room = ctx.room(f, "Room");
    const acts = ctx.activitiesOfTeacher(t).filter((a) => soleTeacher(ctx, a, t));
    if (!acts.length) return [];
    return [{ shape: "room", source: c, weight: c.weight, activities: acts, home: true, cost: (_a, r) => (r === room ? 0 : 1) }];
  },
};

/** Whether `t` is the only teacher of activity `a`. */
export function soleTeacher(ctx: { nTeachers: number; hasTeacher(a: number, t: number): boolean }, a: number, t: number): boolean {
  if (!ctx.hasTeacher(a, t)) return false;
  for (let o = 0; o < ctx.nTeachers; o++) if (o !== t && ctx.hasTeacher(a, o)) return false;
  return true;
}
