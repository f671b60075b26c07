import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { verdict } from "../test/harness";

const T = "ConstraintTeacherHomeRooms";

describe(T, () => {
  it("activities taught by the teacher alone in one of the rooms", () => {
    const c = constraint(T, 70, "\t<Teacher>T1</Teacher>\n\t<Number_of_Preferred_Rooms>2</Number_of_Preferred_Rooms>\n\t<Preferred_Room>H1</Preferred_Room>\n\t<Preferred_Room>H2</Preferred_Room>");
    const school = {
      rooms: [{ name: "H1" }, { name: "H2" }, { name: "R" }],
      activities: [
        { id: 1, teachers: ["T1"] },
        { id: 2, teachers: ["T1"], students: ["Y2"] },
      ],
      space: [c],
    };
    expect(verdict(school, { 1: [0, 0, "H1"], 2: [0, 1, "H2"] }).soft).toBe(0);
    const v = verdict(school, { 1: [0, 0, "R"], 2: [0, 1, "H2"] });
    expect([v.hard, v.soft]).toEqual([0, 0.7]);
  });
});
