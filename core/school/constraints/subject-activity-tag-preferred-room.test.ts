import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs, type RoomSpec } from "../test/rooms";

const T = "ConstraintSubjectActivityTagPreferredRoom";
const spec = (w = 100, subject = "Math"): RoomSpec => ({
  tags: ["Lab"],
  rooms: [{ name: "L" }, { name: "R" }],
  // only 1 is Math with tag Lab; 2 is Math untagged; 3 is Art with Lab
  activities: [
    { id: 1, tags: ["Lab"] },
    { id: 2, teachers: ["T2"], students: ["Y2"] },
    { id: 3, subject: "Art", tags: ["Lab"] },
  ],
  space: [constraint(T, w, `\t<Subject>${subject}</Subject>\n\t<Activity_Tag>Lab</Activity_Tag>\n\t<Room>L</Room>`)],
});

describe(T, () => {
  it("applies to the subject's activities that have the tag: one violation each elsewhere", () => {
    expect(ours(spec(), { 1: [0, 0, "L"], 2: [0, 0], 3: [0, 1] }).evaluation.hard).toBe(0);
    expect(ours(spec(), { 1: [0, 0, "R"], 2: [0, 0], 3: [0, 1] }).violations(T)).toBe(1);
    expect(ours(spec(25), { 1: [0, 0, "R"], 2: [0, 0], 3: [0, 1] }).evaluation.soft).toBeCloseTo(0.25);
  });

  it("refuses an unknown subject, naming the element", () => {
    expect(refused(spec(100, "Latin"), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Subject`, message: 'unknown subject "Latin"' });
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreementsWithRooms(ours(spec(90), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the room, refuses another at 100%", () => {
      expect(theirs(spec(), { 1: [0, 0, "L"], 2: [0, 0], 3: [0, 1] }).accepted).toBe(true);
      expect(theirs(spec(), { 1: [0, 0, "R"], 2: [0, 0], 3: [0, 1] }).accepted).toBe(false);
    }, 30_000);
  });
});
