import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintActivitiesSameStartingTime";
const c = constraint(T, 100, "\t<Number_of_Activities>3</Number_of_Activities>\n\t<Activity_Id>1</Activity_Id>\n\t<Activity_Id>2</Activity_Id>\n\t<Activity_Id>3</Activity_Id>");
const school = {
  teachers: ["T1", "T2", "T3"],
  years: [{ name: "Y1" }, { name: "Y2" }, { name: "Y3" }],
  activities: [
    { id: 1, teachers: ["T1"], students: ["Y1"] },
    { id: 2, teachers: ["T2"], students: ["Y2"] },
    { id: 3, teachers: ["T3"], students: ["Y3"] },
  ],
  time: [c],
};

describe(T, () => {
  it("one violation per pair starting at different times", () => {
    expect(verdict(school, { 1: [1, 1], 2: [1, 1], 3: [1, 1] }).of(T)).toBe(0);
    expect(verdict(school, { 1: [1, 1], 2: [1, 1], 3: [1, 2] }).of(T)).toBe(2);
  });
  it.skipIf(!FETCL)(
    "FET agrees",
    () => {
      expect(fetAccepts(school, { 1: [1, 1], 2: [1, 1], 3: [1, 1] })).toBe(true);
      expect(fetAccepts(school, { 1: [1, 1], 2: [1, 1], 3: [1, 2] }, 2)).toBe(false);
    },
    30_000,
  );
});
