import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { FETCL, fetAccepts, type Placement, verdict } from "../test/harness";

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
  it.skipIf(!FETCL)(
    "FET agrees (rooms locked): Math in A and B is accepted, in C refused",
    () => {
      const c = constraint(T, 100, "\t<Subject>Math</Subject>\n\t<Number_of_Preferred_Rooms>2</Number_of_Preferred_Rooms>\n\t<Preferred_Room>A</Preferred_Room>\n\t<Preferred_Room>B</Preferred_Room>");
      const school = {
        rooms: [{ name: "A" }, { name: "B" }, { name: "C" }],
        activities: [
          { id: 1, subject: "Math" },
          { id: 2, subject: "Math", students: ["Y2"], teachers: ["T2"] },
          { id: 3, subject: "Art" },
        ],
        space: [c],
      };
      const inside: Placement = { 1: [0, 0, "A"], 2: [0, 0, "B"], 3: [1, 0, "C"] };
      const outside: Placement = { 1: [0, 0, "A"], 2: [0, 0, "C"], 3: [1, 0, "C"] };
      expect(verdict(school, inside).hard).toBe(0);
      expect(fetAccepts(school, inside)).toBe(true);
      expect(verdict(school, outside).hard).toBe(1);
      expect(fetAccepts(school, outside, 2)).toBe(false);
    },
    30_000,
  );
});
