import { describe, expect, it } from "vitest";
import { boardDisagreements, hasFetCl, ids, ours, refused, theirs, type At, type RelSpec } from "../test/relations";

const TYPE = "ConstraintMinGapsBetweenActivities";
const spec = (minGaps: number | string, weight = 100): RelSpec => ({
  hours: 8,
  activities: [{ id: 1, duration: 2 }, { id: 2 }, { id: 3 }],
  time: [ids(TYPE, weight, [1, 2, 3], `\t<MinGaps>${minGaps}</MinGaps>`)],
});
const spread: At = { 1: [0, 0], 2: [0, 4], 3: [0, 7] }; // gaps 2 and 2
const tight: At = { 1: [0, 0], 2: [0, 2], 3: [0, 4] }; // 1→2: 0 gaps, 2→3: 1 gap, 1→3: 2 gaps

describe(TYPE, () => {
  it("counts, per pair on the same day, the free hours missing between them", () => {
    expect(ours(spec(2), spread).violations(TYPE)).toBe(0);
    expect(ours(spec(2), tight).violations(TYPE)).toBe(2 + 1 + 0);
    expect(ours(spec(3), tight).violations(TYPE)).toBe(3 + 2 + 1);
    expect(ours(spec(2), { 1: [0, 0], 2: [1, 0], 3: [2, 0] }).violations(TYPE)).toBe(0);
  });

  it("is soft below 100%", () => {
    expect(ours(spec(2, 60), tight).evaluation.soft).toBeCloseTo(1.8);
  });

  it("refuses a MinGaps beyond the hours of a day, naming element and line", () => {
    const r = refused(spec(9), "<MinGaps>9");
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/MinGaps`);
    expect(r.message).toContain("from 0 to 8");
    expect(r.line).toBe(r.expectedLine);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ours(spec(2), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts spread, refuses tight at 100%, and counts the same soft conflicts", () => {
      expect(theirs(spec(2), spread).accepted).toBe(true);
      expect(theirs(spec(2), tight).accepted).toBe(false);
      expect(theirs(spec(3, 60), tight).softConflicts).toBeCloseTo(ours(spec(3, 60), tight).evaluation.soft);
    });
  });
});
