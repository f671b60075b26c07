import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeachersMaxDaysPerWeek";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// T works on 3 days, U on 1, V never
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T", "U", "V"],
  years,
  activities: [...week(["X.....", "X.....", "X....."], { teachers: ["T"] }), ...week(["X.....", "......", "......"], { teachers: ["U"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every teacher, the working days beyond the maximum", () => {
    expect(ourVerdict(spec({ Max_Days_Per_Week: 1 })).violations(TYPE)).toBe(2);
    expect(ourVerdict(spec({ Max_Days_Per_Week: 2 })).violations(TYPE)).toBe(1);
    expect(ourVerdict(spec({ Max_Days_Per_Week: 0 })).violations(TYPE)).toBe(4); // T 3, U 1
    expect(ourVerdict(spec({ Max_Days_Per_Week: 3 })).violations(TYPE)).toBe(0);
  });

  it("refuses a negative maximum, naming the field and line; one beyond the days of the week never binds", () => {
    expect(ourVerdict(spec({ Max_Days_Per_Week: 4 })).violations(TYPE)).toBe(0);
    const r = refusal(spec({ Max_Days_Per_Week: -1 }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Max_Days_Per_Week`);
    expect(r.message).toContain("from 0 to 35");
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Max_Days_Per_Week: 1 })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Max_Days_Per_Week: 2 }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Max_Days_Per_Week: 3 })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Max_Days_Per_Week: 3 })).accepted).toBe(true);
      expect(ourVerdict(spec({ Max_Days_Per_Week: 2 })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Max_Days_Per_Week: 2 }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
