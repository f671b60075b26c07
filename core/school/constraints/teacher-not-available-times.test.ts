import { describe, expect, it } from "vitest";
import { constraint, times } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintTeacherNotAvailableTimes";
const c = (teacher = "T1") =>
  constraint(
    T,
    100,
    `\t<Teacher>${teacher}</Teacher>\n\t<Number_of_Not_Available_Times>2</Number_of_Not_Available_Times>\n${times("Not_Available_Time", [
      ["Mon", "h1"],
      ["Mon", "h2"],
    ])}`,
  );
const school = {
  activities: [
    { id: 1, teachers: ["T1"], duration: 2 },
    { id: 2, teachers: ["T2"], students: ["Y2"] },
  ],
  time: [c()],
};

describe(T, () => {
  it("counts the teacher's busy hours in unavailable slots", () => {
    expect(verdict(school, { 1: [0, 2], 2: [0, 0] }).of(T)).toBe(0);
    expect(verdict(school, { 1: [0, 1], 2: [0, 0] }).of(T)).toBe(1);
    expect(verdict(school, { 1: [0, 0], 2: [0, 0] }).of(T)).toBe(2);
  });
  it("an unknown teacher is an error naming the element and line", () => {
    expect(() => verdict({ activities: [{ id: 1 }], time: [c("Nobody")] }, {})).toThrow(/Time_Constraints_List\/ConstraintTeacherNotAvailableTimes\[1\]\/Teacher: unknown teacher "Nobody"/);
  });
  it.skipIf(!FETCL)(
    "FET agrees",
    () => {
      expect(fetAccepts(school, { 1: [0, 2], 2: [0, 0] })).toBe(true);
      expect(fetAccepts(school, { 1: [0, 1], 2: [0, 0] }, 2)).toBe(false);
    },
    30_000,
  );
});
