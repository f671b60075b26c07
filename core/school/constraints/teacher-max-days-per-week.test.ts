import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintTeacherMaxDaysPerWeek";
const c = constraint(T, 100, "\t<Teacher_Name>T1</Teacher_Name>\n\t<Max_Days_Per_Week>1</Max_Days_Per_Week>");
const school = { activities: [{ id: 1 }, { id: 2, students: ["Y2"] }], time: [c] };

describe(T, () => {
  it("each working day beyond the maximum is a violation", () => {
    expect(verdict(school, { 1: [0, 0], 2: [0, 1] }).of(T)).toBe(0);
    expect(verdict(school, { 1: [0, 0], 2: [2, 1] }).of(T)).toBe(1);
  });
  it.skipIf(!FETCL)(
    "FET agrees",
    () => {
      expect(fetAccepts(school, { 1: [0, 0], 2: [0, 1] })).toBe(true);
      expect(fetAccepts(school, { 1: [0, 0], 2: [2, 1] }, 2)).toBe(false);
    },
    30_000,
  );
});
