import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeachersMaxSpanPerDay";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// T: spans 4, 2, 6 hours; U: span 3 on D0
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T", "U"],
  years,
  activities: [...week(["X..X..", "XX....", "X....X"], { teachers: ["T"] }), ...week(["X.X...", "......", "......"], { teachers: ["U"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every teacher, the days whose span is over the maximum (one day of span + 1 forgiven when allowed)", () => {
    expect(ourVerdict(spec({ Max_Span: 3, Allow_One_Day_Exception_of_Plus_One: false })).violations(TYPE)).toBe(2); // T D0 and D2
    expect(ourVerdict(spec({ Max_Span: 3, Allow_One_Day_Exception_of_Plus_One: true })).violations(TYPE)).toBe(1); // T D0 is forgiven (span 4)
    expect(ourVerdict(spec({ Max_Span: 5, Allow_One_Day_Exception_of_Plus_One: true })).violations(TYPE)).toBe(0); // T D2 is forgiven (span 6)
    expect(ourVerdict(spec({ Max_Span: 2 })).violations(TYPE)).toBe(3); // no exception by default
  });

  it("refuses a missing span, naming the element and line", () => {
    const r = refusal(spec({ Allow_One_Day_Exception_of_Plus_One: true }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Max_Span`);
    expect(r.message).toContain("is missing");
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Max_Span: 3, Allow_One_Day_Exception_of_Plus_One: false })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Max_Span: 3, Allow_One_Day_Exception_of_Plus_One: true }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Max_Span: 5, Allow_One_Day_Exception_of_Plus_One: true })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Max_Span: 5, Allow_One_Day_Exception_of_Plus_One: true })).accepted).toBe(true);
      expect(ourVerdict(spec({ Max_Span: 5, Allow_One_Day_Exception_of_Plus_One: false })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Max_Span: 5, Allow_One_Day_Exception_of_Plus_One: false }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
