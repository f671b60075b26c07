import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs, type RoomSpec } from "../test/rooms";

const T = "ConstraintStudentsSetHomeRoom";
const home = (students: string, room: string, w = 100) => constraint(T, w, `\t<Students>${students}</Students>\n\t<Room>${room}</Room>`);
const subjectRoom = (room: string, w: number) => constraint("ConstraintSubjectPreferredRoom", w, `\t<Subject>Math</Subject>\n\t<Room>${room}</Room>`);
const notAvailable = (room: string) =>
  constraint(
    "ConstraintRoomNotAvailableTimes",
    100,
    `\t<Room>${room}</Room>\n\t<Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>\n\t<Not_Available_Time>\n\t\t<Day>D0</Day>\n\t\t<Hour>H0</Hour>\n\t</Not_Available_Time>`,
  );

const base: RoomSpec = {
  years: [{ name: "Y1", groups: [{ name: "G1" }] }, { name: "Y2" }],
  rooms: [{ name: "H" }, { name: "R" }],
  // 1: exactly Y1; 2: Y1 and Y2 together; 3: group G1 of Y1; 4: Y1 with subject Art
  activities: [
    { id: 1, students: ["Y1"] },
    { id: 2, students: ["Y1", "Y2"] },
    { id: 3, students: ["G1"] },
    { id: 4, students: ["Y1"], subject: "Art" },
  ],
  space: [home("Y1", "H")],
};

describe(T, () => {
  it("applies to the activities whose students are exactly that set, one violation each elsewhere", () => {
    const v = ours(base, { 1: [0, 0, "R"], 2: [0, 1, "R"], 3: [0, 2, "R"], 4: [0, 3, "H"] });
    expect(v.violations(T)).toBe(1); // only activity 1: 2 names two sets, 3 names the group
    expect(v.evaluation.hard).toBe(1);
    expect(ours(base, { 1: [0, 0, "H"], 2: [0, 1, "R"], 3: [0, 2, "R"], 4: [0, 3, "R"] }).violations(T)).toBe(1); // activity 4
    expect(ours(base, { 1: [0, 0, "H"], 2: [0, 1], 3: [0, 2], 4: [0, 3, "H"] }).evaluation.hard).toBe(0);
  });

  it("yields to another room constraint of the activity, of any weight (FET)", () => {
    const spec = { ...base, space: [home("Y1", "H"), subjectRoom("R", 50)] };
    // activity 1 (Math) in R: allowed by the subject's preferred room, so no home-room violation
    expect(ours(spec, { 1: [0, 0, "R"], 4: [0, 3, "H"] }).violations(T)).toBe(0);
    // activity 4 (Art) has no other room constraint: R breaks its home room
    expect(ours(spec, { 1: [0, 0, "R"], 4: [0, 3, "R"] }).violations(T)).toBe(1);
    // the subject's own constraint still counts (soft)
    expect(ours(spec, { 1: [0, 0, "H"], 4: [0, 3, "H"] }).evaluation.soft).toBeCloseTo(0.5);
  });

  it("is soft below 100%", () => {
    const v = ours({ ...base, space: [home("Y1", "H", 30)] }, { 1: [0, 0, "R"], 2: [0, 1], 3: [0, 2], 4: [0, 3, "R"] });
    expect(v.evaluation.hard).toBe(0);
    expect(v.evaluation.soft).toBeCloseTo(0.6);
  });

  it("refuses an unknown students set or room, naming the element and line", () => {
    const r = refused({ ...base, space: [home("Nobody", "H")] }, `<${T}>`);
    expect(r.path).toBe(`Space_Constraints_List/${T}[1]/Students`);
    expect(r.message).toContain('unknown students set "Nobody"');
    expect(r.line).toBeGreaterThanOrEqual(r.expectedLine);
    const r2 = refused({ ...base, space: [home("Y1", "R9")] }, `<${T}>`);
    expect(r2.path).toBe(`Space_Constraints_List/${T}[1]/Room`);
    expect(r2.message).toContain('unknown room "R9"');
  });

  it("incremental Board agrees with the from-scratch evaluation (room changes included)", () => {
    expect(boardDisagreementsWithRooms(ours({ ...base, space: [home("Y1", "H"), subjectRoom("R", 50)] }, {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    const one: RoomSpec = { ...base, activities: [{ id: 1, students: ["Y1"] }] };
    it("refuses when the home room cannot be used and nothing else allows another room", () => {
      // H is not available at the locked time: only R is left, which breaks the 100% home room
      expect(theirs({ ...one, space: [home("Y1", "H"), notAvailable("H")] }, { 1: [0, 0] }, { lockRooms: false }).accepted).toBe(false);
      expect(ours({ ...one, space: [home("Y1", "H"), notAvailable("H")] }, { 1: [0, 0, "R"] }).violations(T)).toBe(1);
    }, 30_000);
    it("accepts R when a 50% subject preferred room allows it (home rooms yield)", () => {
      const spec = { ...one, space: [home("Y1", "H"), notAvailable("H"), subjectRoom("R", 50)] };
      expect(theirs(spec, { 1: [0, 0] }, { lockRooms: false }).accepted).toBe(true);
      expect(ours(spec, { 1: [0, 0, "R"] }).evaluation.hard).toBe(0);
    }, 30_000);
  });
});
