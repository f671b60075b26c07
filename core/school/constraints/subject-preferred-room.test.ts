import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { verdict } from "../test/harness";

const T = "ConstraintSubjectPreferredRoom";

describe(T, () => {
  it("every activity of the subject in the room, one violation per other", () => {
    const school = {
      rooms: [{ name: "Lab" }, { name: "R1" }],
      activities: [
        { id: 1, subject: "Math" },
        { id: 2, subject: "Math", students: ["Y2"], teachers: ["T2"] },
        { id: 3, subject: "Art" },
      ],
      space: [constraint(T, 100, "\t<Subject>Math</Subject>\n\t<Room>Lab</Room>")],
    };
    expect(verdict(school, { 1: [0, 0, "Lab"], 2: [0, 1, "R1"], 3: [1, 0] }).of(T)).toBe(1);
  });
});
