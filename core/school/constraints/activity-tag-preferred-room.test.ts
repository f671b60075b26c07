import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs, type RoomSpec } from "../test/rooms";

const T = "ConstraintActivityTagPreferredRoom";
const spec = (w = 100, tag = "Lab", room = "L"): RoomSpec => ({
  tags: ["Lab", "Sport"],
  rooms: [{ name: "L" }, { name: "R" }],
  // 1 and 3 are tagged Lab (3 also Sport); 2 is not
  activities: [
    { id: 1, tags: ["Lab"] },
    { id: 2, teachers: ["T2"], students: ["Y2"] },
    { id: 3, tags: ["Sport", "Lab"] },
  ],
  space: [constraint(T, w, `\t<Activity_Tag>${tag}</Activity_Tag>\n\t<Room>${room}</Room>`)],
});

describe(T, () => {
  it("one violation per tagged activity in another room", () => {
    expect(ours(spec(), { 1: [0, 0, "L"], 2: [0, 0], 3: [0, 1, "L"] }).evaluation.hard).toBe(0);
    expect(ours(spec(), { 1: [0, 0, "R"], 2: [0, 0], 3: [0, 1, "R"] }).violations(T)).toBe(2);
    expect(ours(spec(60), { 1: [0, 0, "R"], 2: [0, 0], 3: [0, 1, "L"] }).evaluation.soft).toBeCloseTo(0.6);
  });

  it("refuses an unknown activity tag or room, naming the element", () => {
    expect(refused(spec(100, "Nope"), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Activity_Tag`, message: 'unknown activity tag "Nope"' });
    expect(refused(spec(100, "Lab", "Q"), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Room`, message: 'unknown room "Q"' });
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreementsWithRooms(ours(spec(80), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the tag's room, refuses another at 100%, same soft conflicts below", () => {
      expect(theirs(spec(), { 1: [0, 0, "L"], 2: [0, 0], 3: [0, 1, "L"] }).accepted).toBe(true);
      expect(theirs(spec(), { 1: [0, 0, "L"], 2: [0, 0], 3: [0, 1, "R"] }).accepted).toBe(false);
      expect(theirs(spec(50), { 1: [0, 0, "R"], 2: [0, 0], 3: [0, 1, "R"] }).softConflicts).toBeCloseTo(1);
    }, 30_000);
  });
});
