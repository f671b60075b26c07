import { describe, expect, it } from "vitest";
import { boardDisagreements, hasFetCl, ours, pair, refused, theirs, type At, type RelSpec } from "../test/relations";

const TYPE = "ConstraintTwoActivitiesConsecutive";
// 1 (2 hours) then 2; 3 is an unrelated activity of other students and teacher
const spec = (weight = 100, breaks: [number, number][] = []): RelSpec => ({
  activities: [{ id: 1, duration: 2 }, { id: 2 }, { id: 3, teachers: ["T2"], students: ["Y2"] }],
  breaks,
  time: [pair(TYPE, weight, 1, 2)],
});
const right: At = { 1: [0, 0], 2: [0, 2], 3: [1, 0] };
const cases: [string, At, number][] = [
  ["second right after the first", right, 0],
  ["a free hour between them", { 1: [0, 0], 2: [0, 3] }, 1],
  ["second before the first", { 1: [0, 2], 2: [0, 0] }, 1],
  ["another day", { 1: [0, 0], 2: [1, 2] }, 1],
];

describe(TYPE, () => {
  it.each(cases)("%s", (_name, at, v) => {
    expect(ours(spec(), at).violations(TYPE)).toBe(v);
  });

  it("break hours between them are allowed, a free hour after the break is not", () => {
    expect(ours(spec(100, [[0, 2]]), { 1: [0, 0], 2: [0, 3] }).violations(TYPE)).toBe(0);
    expect(ours(spec(100, [[0, 2]]), { 1: [0, 0], 2: [0, 4] }).violations(TYPE)).toBe(1);
  });

  it("an unplaced activity breaks nothing; weight below 100 is soft", () => {
    expect(ours(spec(), { 1: [0, 0] }).violations(TYPE)).toBe(0);
    const e = ours(spec(70), { 1: [0, 0], 2: [1, 2], 3: [1, 0] }).evaluation;
    expect(e.hard).toBe(0);
    expect(e.soft).toBeCloseTo(0.7);
  });

  it("refuses an unknown activity and the same activity twice, naming element and line", () => {
    const unknown = refused({ ...spec(), time: [pair(TYPE, 100, 1, 9)] }, "<Second_Activity_Id>9");
    expect(unknown.path).toBe(`Time_Constraints_List/${TYPE}[1]/Second_Activity_Id`);
    expect(unknown.message).toContain('unknown activity Id "9"');
    expect(unknown.line).toBe(unknown.expectedLine);
    const same = refused({ ...spec(), time: [pair(TYPE, 100, 2, 2)] }, "<Second_Activity_Id>2");
    expect(same.path).toBe(`Time_Constraints_List/${TYPE}[1]/Second_Activity_Id`);
    expect(same.message).toContain("same activity");
    expect(same.line).toBe(same.expectedLine);
  });

  it("is ignored when one of the two is inactive (as in FET)", () => {
    const s = spec();
    s.activities[1].active = false;
    expect(ours(s, { 1: [0, 0] }).problem.sets.length).toBe(0);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ours(spec(100, [[0, 2]]), {}).problem)).toBe(0);
    expect(boardDisagreements(ours(spec(60), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the consecutive placement (also across a break) and refuses the others at 100%", () => {
      expect(theirs(spec(), right).accepted).toBe(true);
      expect(theirs(spec(100, [[0, 2]]), { 1: [0, 0], 2: [0, 3], 3: [1, 0] }).accepted).toBe(true);
      expect(theirs(spec(), { 1: [0, 0], 2: [0, 3], 3: [1, 0] }).accepted).toBe(false);
      expect(theirs(spec(), { 1: [0, 0], 2: [1, 2], 3: [1, 0] }).accepted).toBe(false);
    });
  });
});
