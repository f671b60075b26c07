import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { FETCL, fetAccepts, type Placement, verdict } from "../test/harness";

const T = "ConstraintActivityTagPreferredRooms";

describe(T, () => {
  it("activities with the tag in one of the rooms; others are free", () => {
    const c = constraint(T, 100, "\t<Activity_Tag>Lab</Activity_Tag>\n\t<Number_of_Preferred_Rooms>1</Number_of_Preferred_Rooms>\n\t<Preferred_Room>L1</Preferred_Room>");
    const school = {
      tags: ["Lab"],
      rooms: [{ name: "L1" }, { name: "R1" }],
      activities: [
        { id: 1, tags: ["Lab"] },
        { id: 2, students: ["Y2"], teachers: ["T2"] },
      ],
      space: [c],
    };
    expect(verdict(school, { 1: [0, 0, "L1"], 2: [0, 0] }).hard).toBe(0);
    expect(verdict(school, { 1: [0, 0, "R1"], 2: [0, 0] }).of(T)).toBe(1);
  });
  it.skipIf(!FETCL)(
    "FET agrees (rooms locked): the Lab activity in L1 is accepted, in R1 refused; untagged ones are free",
    () => {
      const c = constraint(T, 100, "\t<Activity_Tag>Lab</Activity_Tag>\n\t<Number_of_Preferred_Rooms>1</Number_of_Preferred_Rooms>\n\t<Preferred_Room>L1</Preferred_Room>");
      const school = {
        tags: ["Lab"],
        rooms: [{ name: "L1" }, { name: "R1" }],
        activities: [
          { id: 1, tags: ["Lab"] },
          { id: 2, students: ["Y2"], teachers: ["T2"] },
        ],
        space: [c],
      };
      const inside: Placement = { 1: [0, 0, "L1"], 2: [0, 0, "R1"] };
      const outside: Placement = { 1: [0, 0, "R1"], 2: [0, 0, "L1"] };
      expect(verdict(school, inside).hard).toBe(0);
      expect(fetAccepts(school, inside)).toBe(true);
      expect(verdict(school, outside).hard).toBe(1);
      expect(fetAccepts(school, outside, 2)).toBe(false);
    },
    30_000,
  );
});
