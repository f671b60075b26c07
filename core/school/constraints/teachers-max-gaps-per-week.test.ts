import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintTeachersMaxGapsPerWeek";

describe(T, () => {
  it("applies to every teacher separately", () => {
    const c = constraint(T, 100, "\t<Max_Gaps>0</Max_Gaps>");
    const school = {
      activities: [
        { id: 1, teachers: ["T1"] },
        { id: 2, teachers: ["T1"], students: ["Y2"] },
        { id: 3, teachers: ["T2"] },
        { id: 4, teachers: ["T2"], students: ["Y2"] },
      ],
      time: [c],
    };
    expect(verdict(school, { 1: [0, 0], 2: [0, 2], 3: [1, 0], 4: [1, 3] }).of(T)).toBe(3);
    expect(verdict(school, { 1: [0, 0], 2: [0, 1], 3: [1, 0], 4: [1, 1] }).of(T)).toBe(0);
  });
  it.skipIf(!FETCL)(
    "FET agrees: no gaps accepted, one gap of T2 refused",
    () => {
      const school = {
        activities: [
          { id: 1, teachers: ["T1"] },
          { id: 2, teachers: ["T1"], students: ["Y2"] },
          { id: 3, teachers: ["T2"] },
          { id: 4, teachers: ["T2"], students: ["Y2"] },
        ],
        time: [constraint(T, 100, "\t<Max_Gaps>0</Max_Gaps>")],
      };
      const none: Record<number, [number, number]> = { 1: [0, 0], 2: [0, 1], 3: [1, 0], 4: [1, 1] };
      const gap: Record<number, [number, number]> = { 1: [0, 0], 2: [0, 1], 3: [1, 0], 4: [1, 2] };
      expect(verdict(school, none).hard).toBe(0);
      expect(fetAccepts(school, none)).toBe(true);
      expect(verdict(school, gap).hard).toBe(1);
      expect(fetAccepts(school, gap, 2)).toBe(false);
    },
    30_000,
  );
});
