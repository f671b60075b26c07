import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs, type RoomSpec } from "../test/rooms";

const T = "ConstraintActivityPreferredRooms";
const prefer = (id: number | string, rooms: string[], w = 100) =>
  constraint(
    T,
    w,
    `\t<Activity_Id>${id}</Activity_Id>\n\t<Number_of_Preferred_Rooms>${rooms.length}</Number_of_Preferred_Rooms>\n` + rooms.map((r) => `\t<Preferred_Room>${r}</Preferred_Room>`).join("\n"),
  );
const spec = (w = 100, id: number | string = 1): RoomSpec => ({
  rooms: [{ name: "A" }, { name: "B" }, { name: "C" }],
  activities: [{ id: 1 }, { id: 2, teachers: ["T2"], students: ["Y2"] }],
  space: [prefer(id, ["A", "B"], w)],
});

describe(T, () => {
  it("one violation when the activity is in a room outside the list", () => {
    expect(ours(spec(), { 1: [0, 0, "A"], 2: [0, 0] }).violations(T)).toBe(0);
    expect(ours(spec(), { 1: [0, 0, "B"], 2: [0, 0] }).violations(T)).toBe(0);
    expect(ours(spec(), { 1: [0, 0, "C"], 2: [0, 0] }).violations(T)).toBe(1);
    // a room-constrained activity without a room is already one hard violation (unplaced room)
    expect(ours(spec(), { 1: [0, 0], 2: [0, 0] }).evaluation.hard).toBe(1);
  });

  it("is soft below 100%", () => {
    const e = ours(spec(40), { 1: [0, 0, "C"], 2: [0, 0] }).evaluation;
    expect(e.hard).toBe(0);
    expect(e.soft).toBeCloseTo(0.4);
  });

  it("refuses an unknown activity or room, naming the element and line", () => {
    const r = refused(spec(100, 9), `<${T}>`);
    expect(r.path).toBe(`Space_Constraints_List/${T}[1]/Activity_Id`);
    expect(r.message).toContain('unknown activity Id "9"');
    expect(r.line).toBeGreaterThan(r.expectedLine);
    const bad = { ...spec(), space: [prefer(1, ["A", "Z"])] };
    const r2 = refused(bad, `<${T}>`);
    expect(r2.path).toBe(`Space_Constraints_List/${T}[1]/Preferred_Room`);
    expect(r2.message).toContain('unknown room "Z"');
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreementsWithRooms(ours(spec(70), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts a listed room and refuses another at 100%; counts the same soft conflicts below", () => {
      expect(theirs(spec(), { 1: [0, 0, "B"], 2: [0, 0] }).accepted).toBe(true);
      expect(theirs(spec(), { 1: [0, 0, "C"], 2: [0, 0] }).accepted).toBe(false);
      const soft = theirs(spec(50), { 1: [0, 0, "C"], 2: [0, 0] });
      expect(soft.accepted).toBe(true);
      expect(soft.softConflicts).toBeCloseTo(ours(spec(50), { 1: [0, 0, "C"], 2: [0, 0] }).evaluation.soft);
    }, 30_000);
  });
});
