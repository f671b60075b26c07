import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { verdict } from "../test/harness";

const T = "ConstraintTeacherHomeRoom";

describe(T, () => {
  it("applies to activities taught by the teacher alone (FET)", () => {
    const c = constraint(T, 100, "\t<Teacher>T1</Teacher>\n\t<Room>H</Room>");
    const school = {
      rooms: [{ name: "H" }, { name: "R" }],
      activities: [
        { id: 1, teachers: ["T1"] },
        { id: 2, teachers: ["T1", "T2"], students: ["Y2"] },
      ],
      space: [c],
    };
    expect(verdict(school, { 1: [0, 0, "H"], 2: [0, 1] }).hard).toBe(0);
    expect(verdict(school, { 1: [0, 0, "R"], 2: [0, 1] }).of(T)).toBe(1);
  });
});
