import { describe, expect, it } from "vitest";
import { boardDisagreements, hasFetCl, ids, ours, refused, theirs, type At, type RelSpec } from "../test/relations";

const TYPE = "ConstraintMaxDaysBetweenActivities";
const spec = (maxDays: number, weight = 100): RelSpec => ({
  days: 5,
  activities: [{ id: 1 }, { id: 2 }, { id: 3 }],
  time: [ids(TYPE, weight, [1, 2, 3], `\t<MaxDays>${maxDays}</MaxDays>`)],
});
const close: At = { 1: [1, 0], 2: [2, 0], 3: [2, 1] };
const wide: At = { 1: [0, 0], 2: [2, 0], 3: [4, 0] }; // distances 2, 4, 2

describe(TYPE, () => {
  it("counts, per pair, how many days they are further apart than MaxDays", () => {
    expect(ours(spec(1), close).violations(TYPE)).toBe(0);
    expect(ours(spec(1), wide).violations(TYPE)).toBe(1 + 3 + 1);
    expect(ours(spec(2), wide).violations(TYPE)).toBe(2);
    expect(ours(spec(0), close).violations(TYPE)).toBe(2);
  });

  it("is soft below 100%", () => {
    expect(ours(spec(1, 99.75), wide).evaluation.soft).toBeCloseTo(5 * 0.9975);
  });

  it("refuses MaxDays beyond the week, naming element and line", () => {
    const r = refused(spec(6), "<MaxDays>6");
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/MaxDays`);
    expect(r.line).toBe(r.expectedLine);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ours(spec(1), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts close, refuses wide at 100%, and counts the same soft conflicts", () => {
      expect(theirs(spec(1), close).accepted).toBe(true);
      expect(theirs(spec(1), wide).accepted).toBe(false);
      expect(theirs(spec(1, 50), wide).softConflicts).toBeCloseTo(ours(spec(1, 50), wide).evaluation.soft);
    });
  });
});
