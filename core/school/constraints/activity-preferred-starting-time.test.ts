import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintActivityPreferredStartingTime";
const c = (inner: string) => constraint(T, 100, `\t<Activity_Id>1</Activity_Id>\n${inner}\n\t<Permanently_Locked>false</Permanently_Locked>`);

describe(T, () => {
  const school = { activities: [{ id: 1 }], time: [c("\t<Preferred_Day>Tue</Preferred_Day>\n\t<Preferred_Hour>h2</Preferred_Hour>")] };
  it("elsewhere than the given day and hour is one violation", () => {
    expect(verdict(school, { 1: [1, 1] }).of(T)).toBe(0);
    expect(verdict(school, { 1: [1, 2] }).of(T)).toBe(1);
  });
  it("a day alone fixes only the day", () => {
    const dayOnly = { activities: [{ id: 1 }], time: [c("\t<Preferred_Day>Wed</Preferred_Day>\n\t<Preferred_Hour></Preferred_Hour>")] };
    expect(verdict(dayOnly, { 1: [2, 3] }).of(T)).toBe(0);
    expect(verdict(dayOnly, { 1: [0, 3] }).of(T)).toBe(1);
  });
  it("an unknown day is a clear error naming the element and its line", () => {
    const bad = { activities: [{ id: 1 }], time: [c("\t<Preferred_Day>Sunday</Preferred_Day>\n\t<Preferred_Hour>h1</Preferred_Hour>")] };
    expect(() => verdict(bad, {})).toThrow(/line \d+:\d+, Time_Constraints_List\/ConstraintActivityPreferredStartingTime\[1\]\/Preferred_Day: unknown day "Sunday"/);
  });
  it.skipIf(!FETCL)(
    "FET agrees (unary time family)",
    () => {
      expect(fetAccepts(school, { 1: [1, 1] })).toBe(true);
      expect(fetAccepts(school, { 1: [0, 0] }, 2)).toBe(false);
    },
    30_000,
  );
});
