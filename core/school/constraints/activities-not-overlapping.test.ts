import { describe, expect, it } from "vitest";
import { boardDisagreements, hasFetCl, ids, ours, refused, theirs, type At, type RelSpec } from "../test/relations";

const TYPE = "ConstraintActivitiesNotOverlapping";
// three activities of different teachers and students (no clash of their own)
const spec = (weight = 100, list = [1, 2, 3]): RelSpec => ({
  teachers: ["A", "B", "C"],
  years: [{ name: "Y1" }, { name: "Y2" }, { name: "Y3" }],
  activities: [
    { id: 1, teachers: ["A"], students: ["Y1"], duration: 3 },
    { id: 2, teachers: ["B"], students: ["Y2"], duration: 2 },
    { id: 3, teachers: ["C"], students: ["Y3"] },
  ],
  time: [ids(TYPE, weight, list)],
});
const apart: At = { 1: [0, 0], 2: [0, 3], 3: [1, 0] };
const overlapping: At = { 1: [0, 0], 2: [0, 1], 3: [0, 2] }; // 1∩2 = 2 hours, 1∩3 = 1, 2∩3 = 1

describe(TYPE, () => {
  it("counts the hours shared by each pair on the same day", () => {
    expect(ours(spec(), apart).violations(TYPE)).toBe(0);
    expect(ours(spec(), overlapping).violations(TYPE)).toBe(4);
    expect(ours(spec(), { 1: [0, 0], 2: [1, 1], 3: [2, 0] }).violations(TYPE)).toBe(0);
    expect(ours(spec(), { 1: [0, 0], 2: [0, 3], 3: [0, 2] }).violations(TYPE)).toBe(1);
  });

  it("only the listed activities count", () => {
    expect(ours(spec(100, [1, 3]), overlapping).violations(TYPE)).toBe(1);
  });

  it("is soft below 100%", () => {
    const e = ours(spec(50), overlapping).evaluation;
    expect(e.hard).toBe(0);
    expect(e.soft).toBeCloseTo(2);
  });

  it("refuses an unknown activity, naming element and line", () => {
    const r = refused({ ...spec(), time: [ids(TYPE, 100, [1, 7])] }, "<Activity_Id>7");
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Activity_Id`);
    expect(r.message).toContain('unknown activity Id "7"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ours(spec(), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts apart, refuses overlapping at 100%, and counts the same soft conflicts", () => {
      expect(theirs(spec(), apart).accepted).toBe(true);
      expect(theirs(spec(), overlapping).accepted).toBe(false);
      const soft = theirs(spec(50), overlapping);
      expect(soft.accepted).toBe(true);
      expect(soft.softConflicts).toBeCloseTo(ours(spec(50), overlapping).evaluation.soft);
    });
  });
});
