import { describe, expect, it } from "vitest";
import { constraint, times } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintTeacherMaxGapsPerWeek";
const c = (max: number) => constraint(T, 100, `\t<Teacher_Name>T1</Teacher_Name>\n\t<Max_Gaps>${max}</Max_Gaps>`);
const acts = [{ id: 1 }, { id: 2 }, { id: 3 }];

describe(T, () => {
  it("gaps beyond the maximum over the week are violations", () => {
    // Mon h1 and h4: 2 gaps; Tue h1 alone: 0
    expect(verdict({ activities: acts, time: [c(1)] }, { 1: [0, 0], 2: [0, 3], 3: [1, 0] }).of(T)).toBe(1);
    expect(verdict({ activities: acts, time: [c(2)] }, { 1: [0, 0], 2: [0, 3], 3: [1, 0] }).of(T)).toBe(0);
  });
  it("hours the teacher is not available are not gaps", () => {
    const na = constraint(
      "ConstraintTeacherNotAvailableTimes",
      100,
      `\t<Teacher>T1</Teacher>\n\t<Number_of_Not_Available_Times>2</Number_of_Not_Available_Times>\n${times("Not_Available_Time", [
        ["Mon", "h2"],
        ["Mon", "h3"],
      ])}`,
    );
    expect(verdict({ activities: acts, time: [na, c(0)] }, { 1: [0, 0], 2: [0, 3], 3: [1, 0] }).hard).toBe(0);
  });
  it.skipIf(!FETCL)(
    "FET agrees (teacher week family)",
    () => {
      const school = { activities: acts, time: [c(0)] };
      expect(fetAccepts(school, { 1: [0, 0], 2: [0, 1], 3: [1, 0] })).toBe(true);
      expect(fetAccepts(school, { 1: [0, 0], 2: [0, 2], 3: [1, 0] }, 2)).toBe(false);
    },
    30_000,
  );
});
