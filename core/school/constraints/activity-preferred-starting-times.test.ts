import { describe, expect, it } from "vitest";
import { constraint, times } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintActivityPreferredStartingTimes";
const c = (w: number) =>
  constraint(
    T,
    w,
    `\t<Activity_Id>1</Activity_Id>\n\t<Number_of_Preferred_Starting_Times>2</Number_of_Preferred_Starting_Times>\n${times(
      "Preferred_Starting_Time",
      [
        ["Mon", "h1"],
        ["Tue", "h3"],
      ],
      "Preferred_Starting_Day",
      "Preferred_Starting_Hour",
    )}`,
  );
const school = (w: number) => ({ activities: [{ id: 1, duration: 2 }], time: [c(w)] });

describe(T, () => {
  it("starting at a listed slot: no violation; elsewhere: one", () => {
    expect(verdict(school(100), { 1: [1, 2] }).of(T)).toBe(0);
    expect(verdict(school(100), { 1: [1, 1] }).of(T)).toBe(1);
  });
  it("below 100% it is soft: violations × weight / 100", () => {
    const v = verdict(school(80), { 1: [2, 0] });
    expect([v.hard, v.soft]).toEqual([0, 0.8]);
  });
  it.skipIf(!FETCL)(
    "FET agrees at 100%: a listed start is accepted, another refused",
    () => {
      const at = { 1: [1, 2] as [number, number] };
      const off = { 1: [1, 1] as [number, number] };
      expect(verdict(school(100), at).hard).toBe(0);
      expect(fetAccepts(school(100), at)).toBe(true);
      expect(verdict(school(100), off).hard).toBe(1);
      expect(fetAccepts(school(100), off, 2)).toBe(false);
    },
    30_000,
  );
});
