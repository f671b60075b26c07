import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { ids } from "../test/relations";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs, type RoomAt, type RoomSpec } from "../test/rooms";

const T = "ConstraintActivitiesOccupyMaxDifferentRooms";
const anyRoom = (id: number) =>
  constraint(
    "ConstraintActivityPreferredRooms",
    100,
    `\t<Activity_Id>${id}</Activity_Id>\n\t<Number_of_Preferred_Rooms>3</Number_of_Preferred_Rooms>\n\t<Preferred_Room>A</Preferred_Room>\n\t<Preferred_Room>B</Preferred_Room>\n\t<Preferred_Room>C</Preferred_Room>`,
  );
const spec = (max: number, w = 100, list = [1, 2, 3]): RoomSpec => ({
  rooms: [{ name: "A" }, { name: "B" }, { name: "C" }],
  activities: [{ id: 1 }, { id: 2 }, { id: 3 }],
  space: [ids(T, w, list, `\t<Max_Number_of_Different_Rooms>${max}</Max_Number_of_Different_Rooms>`), anyRoom(1), anyRoom(2), anyRoom(3)],
});

describe(T, () => {
  it("one violation when the activities use more rooms than allowed, however many more", () => {
    const at: RoomAt = { 1: [0, 0, "A"], 2: [0, 1, "B"], 3: [0, 2, "C"] };
    expect(ours(spec(3), { ...at }).violations(T)).toBe(0);
    expect(ours(spec(2), { ...at }).violations(T)).toBe(1);
    expect(ours(spec(1), { ...at }).violations(T)).toBe(1);
    expect(ours(spec(1), { 1: [0, 0, "A"], 2: [0, 1, "A"], 3: [0, 2, "A"] }).violations(T)).toBe(0);
  });

  it("refuses a weight below 100% as FET does", () => {
    expect(refused(spec(1, 40), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Weight_Percentage` });
  });

  it("refuses fewer than two activities or a zero maximum, naming the element", () => {
    expect(refused(spec(1, 100, [1]), `<${T}>`).path).toBe(`Space_Constraints_List/${T}[1]/Activity_Id`);
    expect(refused(spec(0), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Max_Number_of_Different_Rooms` });
    expect(refused(spec(1, 100, [1, 7]), `<${T}>`).message).toContain('unknown activity Id "7"');
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreementsWithRooms(ours(spec(2), {}).problem)).toBe(0);
    expect(boardDisagreementsWithRooms(ours(spec(1), {}).problem, 300, 5)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts within the maximum, refuses beyond it, and refuses a weight below 100%", () => {
      expect(theirs(spec(2), { 1: [0, 0, "A"], 2: [0, 1, "B"], 3: [0, 2, "B"] }).accepted).toBe(true);
      expect(theirs(spec(2), { 1: [0, 0, "A"], 2: [0, 1, "B"], 3: [0, 2, "C"] }).accepted).toBe(false);
      expect(theirs(spec(3, 50), { 1: [0, 0, "A"], 2: [0, 1, "B"], 3: [0, 2, "C"] }).output).toContain("weight (percentage) below 100");
    }, 30_000);
  });
});
