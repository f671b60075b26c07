import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { boardDisagreements, hasFetCl, ours, theirs, type At, type RelSpec } from "../test/relations";

const TYPE = "ConstraintSubactivitiesPreferredStartingTimes";
const starts = (pairs: [number, number][]) =>
  `\t<Number_of_Preferred_Starting_Times>${pairs.length}</Number_of_Preferred_Starting_Times>\n` +
  pairs
    .map(
      ([d, h]) => `\t<Preferred_Starting_Time>\n\t\t<Preferred_Starting_Day>D${d}</Preferred_Starting_Day>\n\t\t<Preferred_Starting_Hour>H${h}</Preferred_Starting_Hour>\n\t</Preferred_Starting_Time>`,
    )
    .join("\n");
const element = (k: number, weight = 100, teacher = "") =>
  constraint(
    TYPE,
    weight,
    `\t<Component_Number>${k}</Component_Number>\n\t<Teacher_Name>${teacher}</Teacher_Name>\n\t<Students_Name></Students_Name>\n\t<Subject_Name></Subject_Name>\n\t<Activity_Tag_Name></Activity_Tag_Name>\n\t<Duration></Duration>\n${starts(
      [
        [0, 0],
        [1, 0],
        [2, 0],
      ],
    )}`,
  );
// T1's activity split in two (1–2, group 1), T2's split in two (3–4, group 3)
const spec = (k = 2, weight = 100, teacher = ""): RelSpec => ({
  activities: [
    { id: 1, groupId: 1, duration: 2 },
    { id: 2, groupId: 1, duration: 2 },
    { id: 3, groupId: 3, teachers: ["T2"], students: ["Y2"] },
    { id: 4, groupId: 3, teachers: ["T2"], students: ["Y2"] },
  ],
  time: [element(k, weight, teacher)],
});
const good: At = { 1: [0, 2], 2: [1, 0], 3: [0, 3], 4: [2, 0] };
const bad: At = { 1: [0, 2], 2: [1, 1], 3: [0, 3], 4: [2, 2] }; // second components start at H1 / H2

describe(TYPE, () => {
  it("applies to the k-th component only; one violation per such lesson starting elsewhere", () => {
    expect(ours(spec(2), good).violations(TYPE)).toBe(0);
    expect(ours(spec(2), bad).violations(TYPE)).toBe(2);
    expect(ours(spec(1), good).violations(TYPE)).toBe(2);
    expect(ours(spec(2, 100, "T2"), bad).violations(TYPE)).toBe(1);
  });

  it("is soft below 100%", () => {
    expect(ours(spec(2, 35), bad).evaluation.soft).toBeCloseTo(0.7);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ours(spec(2), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts preferred starts of the second components, refuses others at 100%, and counts the same soft conflicts", () => {
      expect(theirs(spec(2), good).accepted).toBe(true);
      expect(theirs(spec(2), bad).accepted).toBe(false);
      expect(theirs(spec(2, 35), bad).softConflicts).toBeCloseTo(ours(spec(2, 35), bad).evaluation.soft);
    });
  });
});
