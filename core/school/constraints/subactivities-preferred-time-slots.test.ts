import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { boardDisagreements, hasFetCl, ours, refused, theirs, type At, type RelSpec } from "../test/relations";

const TYPE = "ConstraintSubactivitiesPreferredTimeSlots";
// Math split in three (Ids 1–3, group 1), Math not split (4), Art split in two (5–6, group 5)
const slots = (pairs: [number, number][]) =>
  `\t<Number_of_Preferred_Time_Slots>${pairs.length}</Number_of_Preferred_Time_Slots>\n` +
  pairs.map(([d, h]) => `\t<Preferred_Time_Slot>\n\t\t<Preferred_Day>D${d}</Preferred_Day>\n\t\t<Preferred_Hour>H${h}</Preferred_Hour>\n\t</Preferred_Time_Slot>`).join("\n");
const element = (k: number | string, weight = 100, subject = "Math") =>
  constraint(
    TYPE,
    weight,
    `\t<Component_Number>${k}</Component_Number>\n\t<Teacher_Name></Teacher_Name>\n\t<Students_Name></Students_Name>\n\t<Subject_Name>${subject}</Subject_Name>\n\t<Activity_Tag_Name></Activity_Tag_Name>\n\t<Duration></Duration>\n${slots(
      [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ],
    )}`,
  );
const spec = (k: number | string = 1, weight = 100, subject = "Math"): RelSpec => ({
  activities: [
    { id: 1, groupId: 1, duration: 2 },
    { id: 2, groupId: 1 },
    { id: 3, groupId: 1 },
    { id: 4, students: ["Y2"] },
    { id: 5, groupId: 5, subject: "Art", teachers: ["T2"], students: ["Y2"] },
    { id: 6, groupId: 5, subject: "Art", teachers: ["T2"], students: ["Y2"] },
  ],
  time: [element(k, weight, subject)],
});
// first components (1 and 4) in the morning of D0/D1, everything else later
const good: At = { 1: [0, 0], 2: [0, 4], 3: [1, 4], 4: [1, 0], 5: [2, 0], 6: [2, 3] };
const bad: At = { 1: [0, 1], 2: [0, 4], 3: [1, 4], 4: [2, 0], 5: [2, 2], 6: [2, 3] }; // 1: H2 outside; 4 outside

describe(TYPE, () => {
  it("applies to the k-th component of split activities (and to unsplit ones as component 1), one violation per hour outside", () => {
    expect(ours(spec(1), good).violations(TYPE)).toBe(0);
    expect(ours(spec(1), bad).violations(TYPE)).toBe(1 + 1);
    expect(ours(spec(2), good).violations(TYPE)).toBe(1);
    expect(ours(spec(3), good).violations(TYPE)).toBe(1);
    expect(ours(spec(4), bad).violations(TYPE)).toBe(0);
    expect(ours(spec(2, 100, "Art"), good).violations(TYPE)).toBe(1);
  });

  it("is soft below 100%", () => {
    expect(ours(spec(1, 20), bad).evaluation.soft).toBeCloseTo(0.4);
  });

  it("refuses a component number below 1 and an unknown subject, naming element and line", () => {
    const zero = refused(spec(0), "<Component_Number>0");
    expect(zero.path).toBe(`Time_Constraints_List/${TYPE}[1]/Component_Number`);
    expect(zero.line).toBe(zero.expectedLine);
    const subject = refused(spec(1, 100, "Latin"), "<Subject_Name>Latin");
    expect(subject.path).toBe(`Time_Constraints_List/${TYPE}[1]/Subject_Name`);
    expect(subject.message).toContain('unknown subject "Latin"');
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ours(spec(1, 70), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the first components inside, refuses one outside at 100%, and counts the same soft conflicts", () => {
      expect(theirs(spec(1), good).accepted).toBe(true);
      expect(theirs(spec(1), bad).accepted).toBe(false);
      expect(theirs(spec(1, 20), bad).softConflicts).toBeCloseTo(ours(spec(1, 20), bad).evaluation.soft);
    });
  });
});
