import { activitiesOfExactStudents } from "./students-set-home-room";
import type { ConstraintDefinition } from "./types";
import { roomMask } from "./util";

export const studentsSetHomeRooms: ConstraintDefinition = {
  type: "ConstraintStudentsSetHomeRooms",
  list: "space",
  description:
    "Activities whose students are exactly this students set take place in one of its home rooms, unless another room constraint of the activity (activity, subject or activity tag preferred room) allows the room it is in. One violation per such activity elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    ctx.studentsSet(f, "Students");
    const ok = roomMask(ctx, f, "Preferred_Room");
    const acts = activitiesOfExactStudents(ctx, f.text("Students"));
    if (!acts.length) return [];
    return [{ shape: "room", source: c, weight: c.weight, activities: acts, home: true, cost: (_a, r) => (r >= 0 && ok[r] ? 0 : 1) }];
  },
};
