import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { FETCL, fetAccepts, type Placement, verdict } from "../test/harness";

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
  it.skipIf(!FETCL)(
    "FET agrees (rooms locked): every Math activity in Lab is accepted, one in R1 refused",
    () => {
      const school = {
        rooms: [{ name: "Lab" }, { name: "R1" }],
        activities: [
          { id: 1, subject: "Math" },
          { id: 2, subject: "Math", students: ["Y2"], teachers: ["T2"] },
          { id: 3, subject: "Art" },
        ],
        space: [constraint(T, 100, "\t<Subject>Math</Subject>\n\t<Room>Lab</Room>")],
      };
      const inLab: Placement = { 1: [0, 0, "Lab"], 2: [0, 1, "Lab"], 3: [1, 0, "R1"] };
      const outside: Placement = { 1: [0, 0, "Lab"], 2: [0, 1, "R1"], 3: [1, 0, "R1"] };
      expect(verdict(school, inLab).hard).toBe(0);
      expect(fetAccepts(school, inLab)).toBe(true);
      expect(verdict(school, outside).hard).toBe(1);
      expect(fetAccepts(school, outside, 2)).toBe(false);
    },
    30_000,
  );
});
