import { describe, expect, it } from "vitest";
import { boardDisagreements, hasFetCl, ids, ours, theirs, type At, type RelSpec } from "../test/relations";

const TYPE = "ConstraintActivitiesSameStartingDay";
const spec = (weight = 100): RelSpec => ({ activities: [{ id: 1 }, { id: 2, duration: 2 }, { id: 3 }], time: [ids(TYPE, weight, [1, 2, 3])] });
const sameDay: At = { 1: [1, 0], 2: [1, 2], 3: [1, 5] };
const twoDays: At = { 1: [0, 0], 2: [1, 2], 3: [1, 5] }; // 1 differs from 2 and from 3

describe(TYPE, () => {
  it("counts one violation per pair on different days", () => {
    expect(ours(spec(), sameDay).violations(TYPE)).toBe(0);
    expect(ours(spec(), twoDays).violations(TYPE)).toBe(2);
    expect(ours(spec(), { 1: [0, 0], 2: [1, 2], 3: [2, 5] }).violations(TYPE)).toBe(3);
    expect(ours(spec(), { 1: [0, 0], 2: [1, 2] }).violations(TYPE)).toBe(1);
  });

  it("is soft below 100%", () => {
    expect(ours(spec(90), twoDays).evaluation.soft).toBeCloseTo(1.8);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ours(spec(), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts one day, refuses two at 100%, and counts the same soft conflicts", () => {
      expect(theirs(spec(), sameDay).accepted).toBe(true);
      expect(theirs(spec(), twoDays).accepted).toBe(false);
      expect(theirs(spec(90), twoDays).softConflicts).toBeCloseTo(ours(spec(90), twoDays).evaluation.soft);
    });
  });
});
