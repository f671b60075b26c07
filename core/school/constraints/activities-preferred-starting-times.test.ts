import { describe, expect, it } from "vitest";
import { constraint, times } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintActivitiesPreferredStartingTimes";
const c = constraint(
  T,
  100,
  `\t<Teacher_Name>T1</Teacher_Name>\n\t<Students_Name></Students_Name>\n\t<Subject_Name></Subject_Name>\n\t<Activity_Tag_Name></Activity_Tag_Name>\n\t<Duration></Duration>\n\t<Number_of_Preferred_Starting_Times>1</Number_of_Preferred_Starting_Times>\n${times("Preferred_Starting_Time", [["Mon", "h1"]], "Preferred_Starting_Day", "Preferred_Starting_Hour")}`,
);
const school = {
  activities: [
    { id: 1, teachers: ["T1"] },
    { id: 2, teachers: ["T1"], students: ["Y2"] },
    { id: 3, teachers: ["T2"], students: ["Y2"] },
  ],
  time: [c],
};

describe(T, () => {
  it("applies to every activity matching the filter (teacher T1 here), one violation each", () => {
    expect(verdict(school, { 1: [0, 0], 2: [1, 0], 3: [2, 3] }).of(T)).toBe(1);
    expect(verdict(school, { 1: [1, 1], 2: [1, 0], 3: [0, 0] }).of(T)).toBe(2);
  });
  it.skipIf(!FETCL)(
    "FET agrees at 100%: T1's activity at its listed start is accepted, elsewhere refused",
    () => {
      const one = { activities: [{ id: 1, teachers: ["T1"] }, school.activities[2]], time: [c] };
      const at = { 1: [0, 0] as [number, number], 3: [2, 3] as [number, number] };
      const off = { 1: [0, 1] as [number, number], 3: [2, 3] as [number, number] };
      expect(verdict(one, at).hard).toBe(0);
      expect(fetAccepts(one, at)).toBe(true);
      expect(verdict(one, off).hard).toBe(1);
      expect(fetAccepts(one, off, 2)).toBe(false);
    },
    30_000,
  );
});
