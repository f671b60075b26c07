import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { ids } from "../test/relations";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs, type RoomSpec } from "../test/rooms";

const T = "ConstraintActivitiesSameRoomIfConsecutive";
const anyRoom = (id: number) =>
  constraint(
    "ConstraintActivityPreferredRooms",
    100,
    `\t<Activity_Id>${id}</Activity_Id>\n\t<Number_of_Preferred_Rooms>2</Number_of_Preferred_Rooms>\n\t<Preferred_Room>A</Preferred_Room>\n\t<Preferred_Room>B</Preferred_Room>`,
  );
const spec = (w = 100, list = [1, 2, 3]): RoomSpec => ({
  rooms: [{ name: "A" }, { name: "B" }],
  // 1 lasts two hours; 2 and 3 one hour; different teachers and students so they may overlap
  activities: [
    { id: 1, duration: 2 },
    { id: 2, teachers: ["T2"], students: ["Y2"] },
    { id: 3, teachers: ["T2"], students: ["Y2"] },
  ],
  space: [ids(T, w, list), anyRoom(1), anyRoom(2), anyRoom(3)],
});

describe(T, () => {
  it("one violation per back-to-back pair in different rooms", () => {
    // 1 at H0-H1, 2 at H2 (right after 1), 3 at H4 (not adjacent)
    expect(ours(spec(), { 1: [0, 0, "A"], 2: [0, 2, "B"], 3: [0, 4, "A"] }).violations(T)).toBe(1);
    expect(ours(spec(), { 1: [0, 0, "A"], 2: [0, 2, "A"], 3: [0, 4, "B"] }).violations(T)).toBe(0);
    // 2 right before 1 and 3 right after 1, both elsewhere: two pairs
    expect(ours(spec(), { 2: [0, 0, "B"], 1: [0, 1, "A"], 3: [0, 3, "B"] }).violations(T)).toBe(2);
    // the same hours on different days are not consecutive
    expect(ours(spec(), { 1: [0, 0, "A"], 2: [1, 2, "B"], 3: [2, 4, "B"] }).violations(T)).toBe(0);
  });

  it("refuses a weight below 100% as FET does", () => {
    expect(refused(spec(30), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Weight_Percentage` });
  });

  it("refuses fewer than two activities, naming the element", () => {
    expect(refused(spec(100, [2]), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Activity_Id` });
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreementsWithRooms(ours(spec(), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("refuses back-to-back activities in different rooms, accepts the same room, refuses a weight below 100%", () => {
      expect(theirs(spec(), { 1: [0, 0, "A"], 2: [0, 2, "A"], 3: [0, 4, "B"] }).accepted).toBe(true);
      expect(theirs(spec(), { 1: [0, 0, "A"], 2: [0, 2, "B"], 3: [0, 4, "A"] }).accepted).toBe(false);
      expect(theirs(spec(50), { 1: [0, 0, "A"], 2: [0, 2, "A"], 3: [0, 4, "B"] }).output).toContain("weight (percentage) below 100");
    }, 40_000);
  });
});
