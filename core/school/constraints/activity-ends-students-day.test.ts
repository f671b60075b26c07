import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { boardDisagreements, hasFetCl, ours, theirs, type At, type RelSpec } from "../test/relations";

const TYPE = "ConstraintActivityEndsStudentsDay";
// Y1 has groups G1 and G2; activity 1 is for all of Y1, 2 for G1, 3 for G2, 4 for Y2
const spec = (weight = 100, id = 1): RelSpec => ({
  years: [{ name: "Y1", groups: [{ name: "G1" }, { name: "G2" }] }, { name: "Y2" }],
  activities: [
    { id: 1, students: ["Y1"] },
    { id: 2, students: ["G1"], teachers: ["T2"] },
    { id: 3, students: ["G2"], teachers: ["T2"], duration: 2 },
    { id: 4, students: ["Y2"] },
  ],
  time: [constraint(TYPE, weight, `\t<Activity_Id>${id}</Activity_Id>`)],
});
const cases: [string, At, number][] = [
  ["the other groups' lessons come before it; other students after it", { 1: [0, 3], 2: [0, 0], 3: [0, 1], 4: [0, 5] }, 0],
  ["one group has a lesson after it", { 1: [0, 3], 2: [0, 4], 3: [0, 0], 4: [0, 5] }, 1],
  ["both groups after it: still one violation", { 1: [0, 0], 2: [0, 4], 3: [0, 1], 4: [0, 5] }, 1],
  ["lessons after it on another day", { 1: [0, 3], 2: [1, 4], 3: [1, 0], 4: [0, 5] }, 0],
];

describe(TYPE, () => {
  it.each(cases)("%s", (_name, at, v) => {
    expect(ours(spec(), at).violations(TYPE)).toBe(v);
  });

  it("concerns only the subgroups of that activity", () => {
    // activity 2 (G1) last for G1; G2's two-hour lesson after it does not matter
    expect(ours(spec(100, 2), { 1: [0, 0], 2: [0, 2], 3: [0, 3], 4: [0, 5] }).violations(TYPE)).toBe(0);
    // activity 1 (all of Y1): G2's lesson after it does
    expect(ours(spec(100, 1), { 1: [0, 2], 2: [0, 0], 3: [0, 3], 4: [0, 5] }).violations(TYPE)).toBe(1);
  });

  it("is soft below 100%", () => {
    expect(ours(spec(65), { 1: [0, 3], 2: [0, 4], 3: [0, 0], 4: [0, 5] }).evaluation.soft).toBeCloseTo(0.65);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ours(spec(), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts it last for its students and refuses a group's later lesson at 100%", () => {
      expect(theirs(spec(), { 1: [0, 3], 2: [0, 0], 3: [0, 1], 4: [0, 5] }).accepted).toBe(true);
      expect(theirs(spec(), { 1: [0, 3], 2: [0, 4], 3: [0, 0], 4: [0, 5] }).accepted).toBe(false);
      // FET accepts this type only at 100% (it refuses the file otherwise); below 100% it is our soft extension
      expect(theirs(spec(65), { 1: [0, 3], 2: [0, 0], 3: [0, 1], 4: [0, 5] }).accepted).toBe(false);
    });
  });
});
