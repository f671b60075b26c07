import { describe, expect, it } from "vitest";
import { boardDisagreements, hasFetCl, ours, pair, refused, theirs, type At, type RelSpec } from "../test/relations";

const TYPE = "ConstraintTwoActivitiesGrouped";
const spec = (weight = 100, breaks: [number, number][] = []): RelSpec => ({
  activities: [{ id: 1, duration: 2 }, { id: 2 }],
  breaks,
  time: [pair(TYPE, weight, 1, 2)],
});
const cases: [string, At, number][] = [
  ["first then second", { 1: [0, 0], 2: [0, 2] }, 0],
  ["second then first", { 1: [0, 1], 2: [0, 0] }, 0],
  ["a free hour between them", { 1: [0, 0], 2: [0, 3] }, 1],
  ["a free hour between them, other order", { 1: [0, 3], 2: [0, 1] }, 1],
  ["another day", { 1: [0, 0], 2: [1, 2] }, 1],
];

describe(TYPE, () => {
  it.each(cases)("%s", (_name, at, v) => {
    expect(ours(spec(), at).violations(TYPE)).toBe(v);
  });

  it("break hours between them are allowed in either order", () => {
    expect(ours(spec(100, [[0, 2]]), { 1: [0, 0], 2: [0, 3] }).violations(TYPE)).toBe(0);
    expect(ours(spec(100, [[0, 1]]), { 1: [0, 2], 2: [0, 0] }).violations(TYPE)).toBe(0);
  });

  it("is soft below 100%", () => {
    const e = ours(spec(30), { 1: [0, 0], 2: [1, 0] }).evaluation;
    expect(e.hard).toBe(0);
    expect(e.soft).toBeCloseTo(0.3);
  });

  it("refuses the same activity twice, naming element and line", () => {
    const r = refused({ ...spec(), time: [pair(TYPE, 100, 1, 1)] }, "<Second_Activity_Id>1");
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Second_Activity_Id`);
    expect(r.line).toBe(r.expectedLine);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ours(spec(100, [[1, 3]]), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts both orders and refuses a gap at 100%", () => {
      expect(theirs(spec(), { 1: [0, 1], 2: [0, 0] }).accepted).toBe(true);
      expect(theirs(spec(100, [[0, 1]]), { 1: [0, 2], 2: [0, 0] }).accepted).toBe(true);
      expect(theirs(spec(), { 1: [0, 3], 2: [0, 1] }).accepted).toBe(false);
    });
  });
});
