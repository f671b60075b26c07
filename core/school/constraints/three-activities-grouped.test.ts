import { describe, expect, it } from "vitest";
import { boardDisagreements, hasFetCl, ours, pair, refused, theirs, type At, type RelSpec } from "../test/relations";

const TYPE = "ConstraintThreeActivitiesGrouped";
const spec = (weight = 100, breaks: [number, number][] = []): RelSpec => ({
  activities: [{ id: 1 }, { id: 2, duration: 2 }, { id: 3 }],
  breaks,
  time: [pair(TYPE, weight, 1, 2, 3)],
});
const cases: [string, At, number][] = [
  ["1, 2, 3 in a row", { 1: [0, 0], 2: [0, 1], 3: [0, 3] }, 0],
  ["3, 1, 2 in a row", { 3: [1, 0], 1: [1, 1], 2: [1, 2] }, 0],
  ["a free hour inside the block", { 1: [0, 0], 2: [0, 1], 3: [0, 4] }, 1],
  ["one on another day", { 1: [0, 0], 2: [0, 1], 3: [1, 3] }, 1],
];

describe(TYPE, () => {
  it.each(cases)("%s", (_name, at, v) => {
    expect(ours(spec(), at).violations(TYPE)).toBe(v);
  });

  it("break hours inside the block are allowed", () => {
    expect(ours(spec(100, [[0, 3]]), { 1: [0, 0], 2: [0, 1], 3: [0, 4] }).violations(TYPE)).toBe(0);
  });

  it("an unplaced one breaks nothing; soft below 100%", () => {
    expect(ours(spec(), { 1: [0, 0], 2: [2, 1] }).violations(TYPE)).toBe(0);
    expect(ours(spec(45), { 1: [0, 0], 2: [0, 1], 3: [1, 3] }).evaluation.soft).toBeCloseTo(0.45);
  });

  it("refuses a repeated activity, naming element and line", () => {
    const r = refused({ ...spec(), time: [pair(TYPE, 100, 1, 2, 1)] }, "<Third_Activity_Id>1");
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Third_Activity_Id`);
    expect(r.line).toBe(r.expectedLine);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ours(spec(100, [[0, 2]]), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts a block in any order (also around a break) and refuses a gap at 100%", () => {
      expect(theirs(spec(), { 3: [1, 0], 1: [1, 1], 2: [1, 2] }).accepted).toBe(true);
      expect(theirs(spec(100, [[0, 3]]), { 1: [0, 0], 2: [0, 1], 3: [0, 4] }).accepted).toBe(true);
      expect(theirs(spec(), { 1: [0, 0], 2: [0, 1], 3: [0, 4] }).accepted).toBe(false);
    });
  });
});
