import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsSetIntervalMaxDaysPerWeek";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// S1 busy at hour 0 on D0, hour 2 on D1, hour 4 on D2; S2 at hour 5 on D0; G2 never
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T"],
  years,
  activities: [...week(["X.....", "..X...", "....X."], { students: ["S1"] }), ...week([".....X", "......", "......"], { students: ["S2"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every subgroup of the set, the days busy inside the interval beyond the maximum", () => {
    expect(ourVerdict(spec({ Students: "G1", Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: 0 })).violations(TYPE)).toBe(2); // S1 D2, S2 D0
    expect(ourVerdict(spec({ Students: "S1", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 1 })).violations(TYPE)).toBe(1);
    expect(ourVerdict(spec({ Students: "G2", Interval_Start_Hour: "H0", Interval_End_Hour: "", Max_Days_Per_Week: 0 })).violations(TYPE)).toBe(0);
  });

  it("refuses an unknown students set, naming the element and line", () => {
    const r = refusal(spec({ Students: "Nobody", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 1 }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Students`);
    expect(r.message).toContain('unknown students set "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Students: "G1", Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: 0 })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Students: "S1", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 1 }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Students: "G1", Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: 1 })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Students: "G1", Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: 1 })).accepted).toBe(true);
      expect(ourVerdict(spec({ Students: "S1", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 1 })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Students: "S1", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 1 }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
