import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs, type RoomAt, type RoomSpec } from "../test/rooms";

const T = "ConstraintTeacherMinGapsBetweenOrderedPairOfActivityTags";
const y1 = { teachers: ["T1"], students: ["Y1"] };
const spec = (min: number, weight = 100, withBoth = false, first = "A"): RoomSpec => ({
  days: 3,
  hours: 6,
  tags: ["A", "B"],
  activities: [
    { id: 1, ...y1, tags: ["A"] },
    { id: 2, ...y1 },
    { id: 3, ...y1, tags: ["B"] },
    { id: 4, ...y1, tags: ["A"] },
    { id: 5, ...y1, tags: ["B"] },
    { id: 6, ...y1, tags: ["B"] },
    { id: 7, ...y1, tags: ["A"] },
    ...(withBoth ? [{ id: 8, ...y1, tags: ["A", "B"] }] : []),
  ],
  time: [constraint(T, weight, `\t<Teacher>T1</Teacher>\n\t<First_Activity_Tag>${first}</First_Activity_Tag>\n\t<Second_Activity_Tag>B</Second_Activity_Tag>\n\t<MinGaps>${min}</MinGaps>`)],
});
// day 0: A x B (one busy hour between); day 1: A B (adjacent); day 2: B A (reverse order), then the A+B activity at H4 when present
const AT: RoomAt = { 1: [0, 0], 2: [0, 1], 3: [0, 2], 4: [1, 0], 5: [1, 1], 6: [2, 0], 7: [2, 1] };
const WITH_BOTH: RoomAt = { ...AT, 8: [2, 4] };
const { 4: _a, 5: _b, ...WITHOUT_DAY1 } = AT;

describe(T, () => {
  it("counts second-tag hours fewer than MinGaps hours (busy or free) after a first-tag activity ends", () => {
    expect(ours(spec(0), AT).violations(T)).toBe(0);
    expect(ours(spec(1), AT).violations(T)).toBe(1); // day 1 only: day 0 has one hour between, day 2 is in the other order
    expect(ours(spec(2), AT).violations(T)).toBe(2);
  });

  it("an activity with both tags breaks it by itself (as fet-cl)", () => {
    expect(ours(spec(0, 100, true), WITH_BOTH).violations(T)).toBe(1);
  });

  it("refuses a weight below 100% (as FET), an unknown tag or a bad MinGaps, naming the element", () => {
    expect(refused(spec(1, 60), `<${T}>`).path).toBe(`Time_Constraints_List/${T}[1]/Weight_Percentage`);
    expect(refused(spec(1, 100, false, "Z"), `<${T}>`)).toMatchObject({ path: `Time_Constraints_List/${T}[1]/First_Activity_Tag`, message: 'unknown activity tag "Z"' });
    expect(refused(spec(-1), `<${T}>`).path).toBe(`Time_Constraints_List/${T}[1]/MinGaps`);
    const bad = { ...spec(1), time: [spec(1).time![0].replace("<Teacher>T1</Teacher>", "<Teacher>T9</Teacher>")] };
    expect(refused(bad, `<${T}>`)).toMatchObject({ path: `Time_Constraints_List/${T}[1]/Teacher`, message: 'unknown teacher "T9"' });
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreementsWithRooms(ours(spec(1, 100, true), {}).problem)).toBe(0);
    expect(boardDisagreementsWithRooms(ours(spec(2), {}).problem, 400, 3)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts and refuses the same weeks", () => {
      expect(theirs(spec(0), AT).accepted).toBe(true);
      expect(theirs(spec(1), AT).accepted).toBe(false);
      expect(theirs({ ...spec(1), activities: spec(1).activities.filter((a) => a.id !== 4 && a.id !== 5) }, WITHOUT_DAY1).accepted).toBe(true); // without day 1
      expect(theirs(spec(0, 100, true), WITH_BOTH).accepted).toBe(false);
      expect(theirs(spec(1, 50), AT).output).toContain("below 100");
    }, 60_000);
  });
});
