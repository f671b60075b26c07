import { describe, expect, it } from "vitest";
import { constraint, times } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintActivityPreferredTimeSlots";
const c = constraint(
  T,
  100,
  `\t<Activity_Id>1</Activity_Id>\n\t<Number_of_Preferred_Time_Slots>2</Number_of_Preferred_Time_Slots>\n${times(
    "Preferred_Time_Slot",
    [
      ["Mon", "h1"],
      ["Mon", "h2"],
    ],
    "Preferred_Day",
    "Preferred_Hour",
  )}`,
);

describe(T, () => {
  it("counts each hour of the activity outside the slots", () => {
    const school = { activities: [{ id: 1, duration: 2 }], time: [c] };
    expect(verdict(school, { 1: [0, 0] }).of(T)).toBe(0);
    expect(verdict(school, { 1: [0, 1] }).of(T)).toBe(1);
    expect(verdict(school, { 1: [1, 0] }).of(T)).toBe(2);
  });
  it.skipIf(!FETCL)(
    "FET agrees: both hours inside the slots are accepted, one hour outside refused",
    () => {
      const school = { activities: [{ id: 1, duration: 2 }], time: [c] };
      expect(verdict(school, { 1: [0, 0] }).hard).toBe(0);
      expect(fetAccepts(school, { 1: [0, 0] })).toBe(true);
      expect(verdict(school, { 1: [0, 1] }).hard).toBe(1);
      expect(fetAccepts(school, { 1: [0, 1] }, 2)).toBe(false);
    },
    30_000,
  );
});
