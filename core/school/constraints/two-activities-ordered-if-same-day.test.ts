import { describe, expect, it } from "vitest";
import { boardDisagreements, hasFetCl, ours, pair, theirs, type At, type RelSpec } from "../test/relations";

const TYPE = "ConstraintTwoActivitiesOrderedIfSameDay";
const spec = (weight = 100): RelSpec => ({ activities: [{ id: 1, duration: 2 }, { id: 2 }], time: [pair(TYPE, weight, 1, 2)] });
const cases: [string, At, number][] = [
  ["second on an earlier day", { 1: [1, 0], 2: [0, 5] }, 0],
  ["second later the same day", { 1: [0, 0], 2: [0, 2] }, 0],
  ["second before the first, same day", { 1: [0, 2], 2: [0, 0] }, 1],
  ["second inside the first, same day", { 1: [0, 2], 2: [0, 3] }, 1],
];

describe(TYPE, () => {
  it.each(cases)("%s", (_name, at, v) => {
    expect(ours(spec(), at).violations(TYPE)).toBe(v);
  });

  it("is soft below 100%", () => {
    expect(ours(spec(25), { 1: [0, 2], 2: [0, 0] }).evaluation.soft).toBeCloseTo(0.25);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ours(spec(), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts any order on different days and refuses the reversed order on one day at 100%", () => {
      expect(theirs(spec(), { 1: [1, 0], 2: [0, 5] }).accepted).toBe(true);
      expect(theirs(spec(), { 1: [0, 2], 2: [0, 0] }).accepted).toBe(false);
    });
  });
});
