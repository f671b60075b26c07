import { describe, expect, it } from "vitest";
import { constraint, times } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

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
  it.skipIf(!FETCL)(
    "FET agrees: a lesson of G1's subgroups at the unavailable hour is refused, S3's is accepted",
    () => {
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
          { id: 1, students: ["S1"] },
          { id: 2, students: ["S3"], teachers: ["T2"] },
        ],
        time: [c],
      };
      const free: Record<number, [number, number]> = { 1: [0, 0], 2: [1, 3] };
      const busy: Record<number, [number, number]> = { 1: [1, 3], 2: [0, 0] };
      expect(verdict(school, free).hard).toBe(0);
      expect(fetAccepts(school, free)).toBe(true);
      expect(verdict(school, busy).hard).toBe(1);
      expect(fetAccepts(school, busy, 2)).toBe(false);
    },
    30_000,
  );
});
