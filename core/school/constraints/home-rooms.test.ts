import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { boardDisagreementsWithRooms, hasFetCl, ours, theirs, type RoomSpec } from "../test/rooms";

// constraints/home-rooms.ts: FET's home rooms (teacher and students set) yield to the activity's other room constraints.
const teacherHome = (w = 100) => constraint("ConstraintTeacherHomeRoom", w, "\t<Teacher>T1</Teacher>\n\t<Room>H</Room>");
const teacherHomes = constraint("ConstraintTeacherHomeRooms", 100, "\t<Teacher>T1</Teacher>\n\t<Number_of_Preferred_Rooms>1</Number_of_Preferred_Rooms>\n\t<Preferred_Room>H</Preferred_Room>");
const tagRooms = (w: number) =>
  constraint("ConstraintActivityTagPreferredRooms", w, "\t<Activity_Tag>Lab</Activity_Tag>\n\t<Number_of_Preferred_Rooms>1</Number_of_Preferred_Rooms>\n\t<Preferred_Room>R</Preferred_Room>");
const notAvailable = constraint(
  "ConstraintRoomNotAvailableTimes",
  100,
  "\t<Room>H</Room>\n\t<Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>\n\t<Not_Available_Time>\n\t\t<Day>D0</Day>\n\t\t<Hour>H0</Hour>\n\t</Not_Available_Time>",
);
const spec = (space: string[]): RoomSpec => ({
  tags: ["Lab"],
  rooms: [{ name: "H" }, { name: "R" }, { name: "X" }],
  // 1 is tagged Lab (a preferred room R of any weight applies to it), 2 is not
  activities: [{ id: 1, tags: ["Lab"] }, { id: 2 }],
  space,
});

describe("home rooms yield to the activity's other room constraints (FET)", () => {
  it("teacher home room(s): a room another constraint of the activity allows is no violation; other rooms are", () => {
    for (const home of [teacherHome(), teacherHomes]) {
      const type = home.includes("HomeRooms") ? "ConstraintTeacherHomeRooms" : "ConstraintTeacherHomeRoom";
      expect(ours(spec([home, tagRooms(30)]), { 1: [0, 0, "R"], 2: [0, 1, "H"] }).violations(type)).toBe(0);
      expect(ours(spec([home, tagRooms(30)]), { 1: [0, 0, "X"], 2: [0, 1, "R"] }).violations(type)).toBe(2);
      expect(ours(spec([home]), { 1: [0, 0, "R"], 2: [0, 1, "H"] }).violations(type)).toBe(1);
    }
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreementsWithRooms(ours(spec([teacherHome(60), tagRooms(30)]), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("a teacher's unavailable home room is replaced by a room a 50% tag preference allows, and refused without it", () => {
      const one = (space: string[]): RoomSpec => ({ ...spec(space), activities: [{ id: 1, tags: ["Lab"] }] });
      expect(theirs(one([teacherHome(), notAvailable, tagRooms(50)]), { 1: [0, 0] }, { lockRooms: false }).accepted).toBe(true);
      expect(ours(one([teacherHome(), notAvailable, tagRooms(50)]), { 1: [0, 0, "R"] }).evaluation.hard).toBe(0);
      expect(theirs(one([teacherHome(), notAvailable]), { 1: [0, 0] }, { lockRooms: false }).accepted).toBe(false);
    }, 30_000);
  });
});
