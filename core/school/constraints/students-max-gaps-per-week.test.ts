import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintStudentsMaxGapsPerWeek";
const c = constraint(T, 100, "\t<Max_Gaps>0</Max_Gaps>");

describe(T, () => {
  const school = {
    years: [{ name: "Y1", groups: [{ name: "G", subgroups: ["S1", "S2"] }] }],
    activities: [
      { id: 1, students: ["Y1"] },
      { id: 2, students: ["S1"], teachers: ["T2"] },
    ],
    time: [c],
  };
  it("each subgroup's gaps beyond the maximum count", () => {
    // Y1 at h1, S1 also at h3: S1 has a gap at h2, S2 has none
    expect(verdict(school, { 1: [0, 0], 2: [0, 2] }).of(T)).toBe(1);
    expect(verdict(school, { 1: [0, 0], 2: [0, 1] }).of(T)).toBe(0);
  });
  it.skipIf(!FETCL)(
    "FET agrees (students week family)",
    () => {
      expect(fetAccepts(school, { 1: [0, 0], 2: [0, 1] })).toBe(true);
      expect(fetAccepts(school, { 1: [0, 0], 2: [0, 2] }, 2)).toBe(false);
    },
    30_000,
  );
});
