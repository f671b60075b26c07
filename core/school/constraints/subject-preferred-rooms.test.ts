import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { verdict } from "../test/harness";

const T = "ConstraintSubjectPreferredRooms";

describe(T, () => {
  it("every activity of the subject in one of the rooms", () => {
    const c = constraint(T, 100, "\t<Subject>Math</Subject>\n\t<Number_of_Preferred_Rooms>2</Number_of_Preferred_Rooms>\n\t<Preferred_Room>A</Preferred_Room>\n\t<Preferred_Room>B</Preferred_Room>");
    const school = {
      rooms: [{ name: "A" }, { name: "B" }, { name: "C" }],
      activities: [
        { id: 1, subject: "Math" },
        { id: 2, subject: "Math", students: ["Y2"], teachers: ["T2"] },
      ],
      space: [c],
    };
    expect(verdict(school, { 1: [0, 0, "A"], 2: [0, 0, "B"] }).hard).toBe(0);
    expect(verdict(school, { 1: [0, 0, "A"], 2: [0, 0, "C"] }).of(T)).toBe(1);
  });
});
