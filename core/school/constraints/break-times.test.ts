import { describe, expect, it } from "vitest";
import { constraint, times } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintBreakTimes";
const c = constraint(T, 100, `\t<Number_of_Break_Times>1</Number_of_Break_Times>\n${times("Break_Time", [["Mon", "h3"]])}`);

describe(T, () => {
  it("an activity overlapping the break counts one per hour inside it", () => {
    const school = {
      activities: [
        { id: 1, duration: 2 },
        { id: 2, teachers: ["T2"], students: ["Y2"] },
      ],
      time: [c],
    };
    expect(verdict(school, { 1: [0, 0], 2: [0, 3] }).of(T)).toBe(0);
    expect(verdict(school, { 1: [0, 1], 2: [0, 2] }).of(T)).toBe(2);
  });
  it("a break is not a gap", () => {
    const gaps = constraint("ConstraintStudentsMaxGapsPerWeek", 100, "\t<Max_Gaps>0</Max_Gaps>");
    const school = { activities: [{ id: 1, duration: 2 }, { id: 2 }], time: [c, gaps] };
    expect(verdict(school, { 1: [0, 0], 2: [0, 3] }).hard).toBe(0);
  });
  it.skipIf(!FETCL)(
    "FET agrees: activities around the break are accepted, one across it refused",
    () => {
      const school = { activities: [{ id: 1, duration: 2 }, { id: 2 }], time: [c] };
      const around = { 1: [0, 0] as [number, number], 2: [0, 3] as [number, number] };
      const across = { 1: [0, 1] as [number, number], 2: [0, 3] as [number, number] };
      expect(verdict(school, around).hard).toBe(0);
      expect(fetAccepts(school, around)).toBe(true);
      expect(verdict(school, across).hard).toBe(1);
      expect(fetAccepts(school, across, 2)).toBe(false);
    },
    30_000,
  );
});
