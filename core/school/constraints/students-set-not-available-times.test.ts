import { describe, expect, it } from "vitest";
import { constraint, times } from "../test/fet";
import { verdict } from "../test/harness";

const T = "ConstraintStudentsSetNotAvailableTimes";
const c = constraint(T, 100, `\t<Students>G1</Students>\n\t<Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>\n${times("Not_Available_Time", [["Tue", "h4"]])}`);

describe(T, () => {
  it("applies to every subgroup of the set, one violation per subgroup busy hour", () => {
    const school = {
      years: [
        {
          name: "Y1",
          groups: [
            { name: "G1", subgroups: ["S1", "S2"] },
            { name: "G2", subgroups: ["S3"] },
          ],
        },
      ],
      activities: [
        { id: 1, students: ["Y1"] },
        { id: 2, students: ["S3"], teachers: ["T2"] },
      ],
      time: [c],
    };
    expect(verdict(school, { 1: [1, 3], 2: [0, 0] }).of(T)).toBe(2); // Y1 = S1, S2, S3: S1 and S2 are in G1
    expect(verdict(school, { 1: [0, 0], 2: [1, 3] }).of(T)).toBe(0); // S3 is not in G1
  });
});
