import { describe, expect, it } from "vitest";
import { boardDisagreements, hasFetCl, ids, ours, theirs, type At, type RelSpec } from "../test/relations";

const TYPE = "ConstraintActivitiesSameStartingHour";
const spec = (weight = 100): RelSpec => ({ activities: [{ id: 1 }, { id: 2, duration: 2 }, { id: 3 }], time: [ids(TYPE, weight, [1, 2, 3])] });
const sameHour: At = { 1: [0, 2], 2: [1, 2], 3: [2, 2] };
const oneLater: At = { 1: [0, 2], 2: [1, 2], 3: [2, 3] };

describe(TYPE, () => {
  it("counts one violation per pair starting at different hours (any days)", () => {
    expect(ours(spec(), sameHour).violations(TYPE)).toBe(0);
    expect(ours(spec(), oneLater).violations(TYPE)).toBe(2);
    expect(ours(spec(), { 1: [0, 0], 2: [1, 2], 3: [2, 4] }).violations(TYPE)).toBe(3);
  });

  it("is soft below 100%", () => {
    expect(ours(spec(40), oneLater).evaluation.soft).toBeCloseTo(0.8);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ours(spec(), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts one hour, refuses two at 100%, and counts the same soft conflicts", () => {
      expect(theirs(spec(), sameHour).accepted).toBe(true);
      expect(theirs(spec(), oneLater).accepted).toBe(false);
      expect(theirs(spec(40), oneLater).softConflicts).toBeCloseTo(ours(spec(40), oneLater).evaluation.soft);
    });
  });
});
