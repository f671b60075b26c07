import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs, type RoomSpec } from "../test/rooms";

const T = "ConstraintSubjectActivityTagPreferredRooms";
const spec = (w = 100, tag = "Lab"): RoomSpec => ({
  tags: ["Lab"],
  rooms: [{ name: "L1" }, { name: "L2" }, { name: "R" }],
  activities: [
    { id: 1, tags: ["Lab"] },
    { id: 2, teachers: ["T2"], students: ["Y2"], tags: ["Lab"] },
    { id: 3, subject: "Art", tags: ["Lab"] },
  ],
  space: [
    constraint(
      T,
      w,
      `\t<Subject>Math</Subject>\n\t<Activity_Tag>${tag}</Activity_Tag>\n\t<Number_of_Preferred_Rooms>2</Number_of_Preferred_Rooms>\n\t<Preferred_Room>L1</Preferred_Room>\n\t<Preferred_Room>L2</Preferred_Room>`,
    ),
  ],
});

describe(T, () => {
  it("one violation per Math + Lab activity outside the listed rooms", () => {
    expect(ours(spec(), { 1: [0, 0, "L1"], 2: [0, 0, "L2"], 3: [0, 1, "R"] }).evaluation.hard).toBe(0);
    expect(ours(spec(), { 1: [0, 0, "R"], 2: [0, 0, "L2"], 3: [0, 1, "R"] }).violations(T)).toBe(1);
    expect(ours(spec(50), { 1: [0, 0, "R"], 2: [0, 1, "R"], 3: [0, 2, "R"] }).evaluation.soft).toBeCloseTo(1);
  });

  it("refuses an unknown activity tag, naming the element", () => {
    expect(refused(spec(100, "Nope"), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Activity_Tag`, message: 'unknown activity tag "Nope"' });
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreementsWithRooms(ours(spec(90), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts listed rooms, refuses another at 100%, same soft conflicts below", () => {
      expect(theirs(spec(), { 1: [0, 0, "L1"], 2: [0, 0, "L2"], 3: [0, 1, "R"] }).accepted).toBe(true);
      expect(theirs(spec(), { 1: [0, 0, "L1"], 2: [0, 0, "R"], 3: [0, 1, "R"] }).accepted).toBe(false);
      const soft = theirs(spec(50), { 1: [0, 0, "R"], 2: [0, 1, "R"], 3: [0, 2, "L1"] });
      expect(soft.softConflicts).toBeCloseTo(1);
    }, 30_000);
  });
});
