import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsMaxSpanPerDay";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// S1: span 4 on D0 (hours 0 and 3); the whole year at hour 0 on D1
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T"],
  years,
  activities: [...week(["X..X..", "......", "......"], { students: ["S1"] }), ...week(["......", "X.....", "......"], { students: ["Y"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every subgroup, the days whose span is over the maximum", () => {
    expect(ourVerdict(spec({ Max_Span: 3 })).violations(TYPE)).toBe(1); // S1 D0
    expect(ourVerdict(spec({ Max_Span: 4 })).violations(TYPE)).toBe(0);
    expect(ourVerdict(spec({ Max_Span: 3, Allow_One_Day_Exception_of_Plus_One: true })).violations(TYPE)).toBe(0);
    expect(ourVerdict(spec({ Max_Span: 0 })).violations(TYPE)).toBe(4); // S1 2 days, S2 1, G2 1
  });

  it("refuses a negative span, naming the field and line; one beyond the hours of a day never binds", () => {
    expect(ourVerdict(spec({ Max_Span: 8 })).violations(TYPE)).toBe(0);
    const r = refusal(spec({ Max_Span: -1 }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Max_Span`);
    expect(r.message).toContain("from 0 to 60");
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Max_Span: 3 })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Max_Span: 4 }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Max_Span: 4 })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Max_Span: 4 })).accepted).toBe(true);
      expect(ourVerdict(spec({ Max_Span: 3 })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Max_Span: 3 }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
