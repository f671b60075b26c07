import type { CompileContext, ConstraintDefinition } from "./types";

/**
 * FET applies a students set's home room to the activities whose students are exactly that set
 * (one <Students> element with that name: ConstraintStudentsSetHomeRoom::computeInternalStructure),
 * not to every activity of its subgroups.
 */
export function activitiesOfExactStudents(ctx: CompileContext, name: string): Int32Array {
  const out: number[] = [];
  for (let a = 0; a < ctx.nActivities; a++) {
    const names = ctx.studentsNamesOf(a);
    if (names.length === 1 && names[0] === name) out.push(a);
  }
  return Int32Array.from(out);
}

export const studentsSetHomeRoom: ConstraintDefinition = {
  type: "ConstraintStudentsSetHomeRoom",
  list: "space",
  description:
    "Activities whose students are exactly this students set take place in its home room, unless another room constraint of the activity (activity, subject or activity tag preferred room) allows the room it is in. One violation per such activity elsewhere.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    ctx.studentsSet(f, "Students"); // an unknown set is an error naming the element
    const room = ctx.room(f, "Room");
    const acts = activitiesOfExactStudents(ctx, f.text("Students"));
    if (!acts.length) return [];
    return [{ shape: "room", source: c, weight: c.weight, activities: acts, home: true, cost: (_a, r) => (r === room ? 0 : 1) }];
  },
};
