import { describe, expect, it } from "vitest";
import { constraint, times } from "../test/fet";
import { verdict } from "../test/harness";

const T = "ConstraintActivitiesPreferredTimeSlots";
const c = constraint(
  T,
  90,
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
      time: [c],
    };
    const v = verdict(school, { 1: [2, 2], 2: [2, 3], 3: [2, 1] });
    expect(v.of(T)).toBe(1);
    expect(v.soft).toBeCloseTo(0.9);
    expect(v.hard).toBe(0);
  });
});
