import { describe, expect, it } from "vitest";
import { constraint, times } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintActivitiesPreferredTimeSlots";
const c = (w: number) =>
  constraint(
    T,
    w,
    `\t<Teacher_Name></Teacher_Name>\n\t<Students_Name>Y1</Students_Name>\n\t<Subject_Name>Math</Subject_Name>\n\t<Activity_Tag_Name></Activity_Tag_Name>\n\t<Duration></Duration>\n\t<Number_of_Preferred_Time_Slots>2</Number_of_Preferred_Time_Slots>\n${times(
      "Preferred_Time_Slot",
      [
        ["Mon", "h1"],
        ["Tue", "h1"],
      ],
      "Preferred_Day",
      "Preferred_Hour",
    )}`,
  );

describe(T, () => {
  it("filters by students and subject; soft at 90%: 0.9 per hour outside", () => {
    const school = {
      activities: [
        { id: 1, subject: "Math", students: ["Y1"] },
        { id: 2, subject: "Art", students: ["Y1"] },
        { id: 3, subject: "Math", students: ["Y2"] },
      ],
      time: [c(90)],
    };
    const v = verdict(school, { 1: [2, 2], 2: [2, 3], 3: [2, 1] });
    expect(v.of(T)).toBe(1);
    expect(v.soft).toBeCloseTo(0.9);
    expect(v.hard).toBe(0);
  });
  it.skipIf(!FETCL)(
    "FET agrees at 100%: Y1's Math in a slot is accepted, outside refused; other activities are free",
    () => {
      const school = {
        activities: [
          { id: 1, subject: "Math", students: ["Y1"] },
          { id: 2, subject: "Art", students: ["Y1"] },
          { id: 3, subject: "Math", students: ["Y2"], teachers: ["T2"] },
        ],
        time: [c(100)],
      };
      const inside: Record<number, [number, number]> = { 1: [1, 0], 2: [2, 3], 3: [2, 1] };
      const outside: Record<number, [number, number]> = { 1: [2, 2], 2: [2, 3], 3: [2, 1] };
      expect(verdict(school, inside).hard).toBe(0);
      expect(fetAccepts(school, inside)).toBe(true);
      expect(verdict(school, outside).hard).toBe(1);
      expect(fetAccepts(school, outside, 2)).toBe(false);
    },
    30_000,
  );
});
