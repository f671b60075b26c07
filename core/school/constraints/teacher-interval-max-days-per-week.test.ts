import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeacherIntervalMaxDaysPerWeek";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// T busy at hour 0 on D0, hour 2 on D1, hour 4 on D2
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T", "U"],
  years,
  activities: [...week(["X.....", "..X...", "....X."], { teachers: ["T"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts the days busy inside the interval beyond the maximum", () => {
    expect(ourVerdict(spec({ Teacher_Name: "T", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 1 })).violations(TYPE)).toBe(1); // D0 and D1 are in [H0, H3)
    expect(ourVerdict(spec({ Teacher_Name: "T", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 0 })).violations(TYPE)).toBe(2);
    expect(ourVerdict(spec({ Teacher_Name: "T", Interval_Start_Hour: "H2", Interval_End_Hour: "", Max_Days_Per_Week: 0 })).violations(TYPE)).toBe(2); // an empty end hour is the end of the day
    expect(ourVerdict(spec({ Teacher_Name: "T", Interval_Start_Hour: "H3", Interval_End_Hour: "H4", Max_Days_Per_Week: 0 })).violations(TYPE)).toBe(0); // the end hour is not in the interval
  });

  it("refuses an unknown teacher, naming the element and line", () => {
    const r = refusal(spec({ Teacher_Name: "Nobody", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 1 }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Teacher_Name`);
    expect(r.message).toContain('unknown teacher "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("refuses an unknown hour, naming the field and line", () => {
    const r = refusal(spec({ Teacher_Name: "T", Interval_Start_Hour: "H9", Interval_End_Hour: "H3", Max_Days_Per_Week: 1 }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Interval_Start_Hour`);
    expect(r.message).toContain('unknown hour "H9"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("refuses an empty interval, naming the field and line", () => {
    const r = refusal(spec({ Teacher_Name: "T", Interval_Start_Hour: "H3", Interval_End_Hour: "H1", Max_Days_Per_Week: 1 }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Interval_End_Hour`);
    expect(r.message).toContain("the interval is empty");
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 1 })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 0 }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Teacher_Name: "T", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 2 })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Teacher_Name: "T", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 2 })).accepted).toBe(true);
      expect(ourVerdict(spec({ Teacher_Name: "T", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 1 })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Teacher_Name: "T", Interval_Start_Hour: "H0", Interval_End_Hour: "H3", Max_Days_Per_Week: 1 }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
