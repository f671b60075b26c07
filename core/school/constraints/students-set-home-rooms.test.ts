import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs, type RoomSpec } from "../test/rooms";

const T = "ConstraintStudentsSetHomeRooms";
const homes = (students: string, rooms: string[], w = 100) =>
  constraint(
    T,
    w,
    `\t<Students>${students}</Students>\n\t<Number_of_Preferred_Rooms>${rooms.length}</Number_of_Preferred_Rooms>\n` + rooms.map((r) => `\t<Preferred_Room>${r}</Preferred_Room>`).join("\n"),
  );
const notAvailable = (room: string) =>
  constraint(
    "ConstraintRoomNotAvailableTimes",
    100,
    `\t<Room>${room}</Room>\n\t<Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>\n\t<Not_Available_Time>\n\t\t<Day>D0</Day>\n\t\t<Hour>H0</Hour>\n\t</Not_Available_Time>`,
  );
const base: RoomSpec = {
  rooms: [{ name: "H1" }, { name: "H2" }, { name: "R" }],
  activities: [
    { id: 1, students: ["Y1"] },
    { id: 2, students: ["Y1", "Y2"] },
  ],
  space: [homes("Y1", ["H1", "H2"])],
};

describe(T, () => {
  it("activities of exactly that set outside its home rooms are one violation each", () => {
    expect(ours(base, { 1: [0, 0, "H2"], 2: [0, 1, "R"] }).evaluation.hard).toBe(0);
    expect(ours(base, { 1: [0, 0, "R"], 2: [0, 1, "R"] }).violations(T)).toBe(1);
    expect(ours({ ...base, space: [homes("Y1", ["H1", "H2"], 20)] }, { 1: [0, 0, "R"], 2: [0, 1] }).evaluation.soft).toBeCloseTo(0.2);
  });

  it("yields to the activity's own preferred room", () => {
    const pref = constraint("ConstraintActivityPreferredRoom", 100, "\t<Activity_Id>1</Activity_Id>\n\t<Room>R</Room>\n\t<Permanently_Locked>false</Permanently_Locked>");
    expect(ours({ ...base, space: [homes("Y1", ["H1", "H2"]), pref] }, { 1: [0, 0, "R"], 2: [0, 1] }).evaluation.hard).toBe(0);
  });

  it("refuses an unknown room, naming the element", () => {
    expect(refused({ ...base, space: [homes("Y1", ["H1", "Z"])] }, `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Preferred_Room`, message: 'unknown room "Z"' });
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreementsWithRooms(ours({ ...base, space: [homes("Y1", ["H1", "H2"], 70)] }, {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("uses the other home room when one is not available, and refuses when none is", () => {
      const one: RoomSpec = { ...base, activities: [{ id: 1, students: ["Y1"] }] };
      expect(theirs({ ...one, space: [homes("Y1", ["H1", "H2"]), notAvailable("H1")] }, { 1: [0, 0] }, { lockRooms: false }).accepted).toBe(true);
      expect(theirs({ ...one, space: [homes("Y1", ["H1"]), notAvailable("H1")] }, { 1: [0, 0] }, { lockRooms: false }).accepted).toBe(false);
    }, 30_000);
  });
});
