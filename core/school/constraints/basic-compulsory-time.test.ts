import { describe, expect, it } from "vitest";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const school = {
  years: [{ name: "Y1", groups: [{ name: "G1", subgroups: ["S1", "S2"] }] }, { name: "Y2" }],
  activities: [
    { id: 1, teachers: ["T1"], students: ["Y1"] },
    { id: 2, teachers: ["T1"], students: ["Y2"] },
    { id: 3, teachers: ["T2"], students: ["S1"] },
    { id: 4, teachers: ["T2"], students: ["Y2"], duration: 2 },
  ],
};

describe("ConstraintBasicCompulsoryTime", () => {
  it("no clash: zero violations", () => {
    expect(verdict(school, { 1: [0, 0], 2: [0, 1], 3: [1, 0], 4: [1, 1] }).hard).toBe(0);
  });
  it("a teacher twice at one hour is one violation", () => {
    expect(verdict(school, { 1: [0, 0], 2: [0, 0], 3: [1, 0], 4: [1, 1] }).of("ConstraintBasicCompulsoryTime")).toBe(1);
  });
  it("a year is the union of its subgroups: Y1 with S1 at the same hour clashes in S1", () => {
    // activity 1 (Y1 = S1 + S2) and 3 (S1) at Mon h1: S1 twice; teachers differ
    expect(verdict(school, { 1: [0, 0], 2: [0, 1], 3: [0, 0], 4: [1, 1] }).of("ConstraintBasicCompulsoryTime")).toBe(1);
  });
  it("a two-hour activity clashes on each hour it overlaps", () => {
    // 4 (T2, Y2, h2-h3 on Tue) vs 2 (T1, Y2, Tue h3): Y2 once; 3 (T2) at Tue h2: T2 once
    expect(verdict(school, { 1: [0, 0], 2: [1, 2], 3: [1, 1], 4: [1, 1] }).of("ConstraintBasicCompulsoryTime")).toBe(2);
  });
  it.skipIf(!FETCL)(
    "FET agrees: it accepts the clash-free timetable and not the clashing one",
    () => {
      expect(fetAccepts(school, { 1: [0, 0], 2: [0, 1], 3: [1, 0], 4: [1, 1] })).toBe(true);
      expect(fetAccepts(school, { 1: [0, 0], 2: [0, 0], 3: [1, 0], 4: [1, 1] }, 2)).toBe(false);
    },
    30_000,
  );
});
