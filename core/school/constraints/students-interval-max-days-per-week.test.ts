import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsIntervalMaxDaysPerWeek";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// S1 busy at hour 0 on D0, hour 2 on D1, hour 4 on D2; the whole year at hour 5 on D0
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T"],
  years,
  activities: [...week(["X.....", "..X...", "....X."], { students: ["S1"] }), ...week([".....X", "......", "......"], { students: ["Y"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every subgroup, the days busy inside the interval beyond the maximum", () => {
    expect(ourVerdict(spec({ Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: 0 })).violations(TYPE)).toBe(4); // S1 D0 and D2, S2 D0, G2 D0
    expect(ourVerdict(spec({ Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: 1 })).violations(TYPE)).toBe(1); // S1
    expect(ourVerdict(spec({ Interval_Start_Hour: "H1", Interval_End_Hour: "H2", Max_Days_Per_Week: 0 })).violations(TYPE)).toBe(0);
  });

  it("refuses a maximum that is not an integer, naming the field and line", () => {
    const r = refusal(spec({ Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: "" }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Max_Days_Per_Week`);
    expect(r.message).toContain('got ""');
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: 0 })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: 1 }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: 2 })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: 2 })).accepted).toBe(true);
      expect(ourVerdict(spec({ Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: 1 })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: 1 }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
