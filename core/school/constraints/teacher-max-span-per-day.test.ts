import { describe, expect, it } from "vitest";
import { boardDisagreements, breaks, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeacherMaxSpanPerDay";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// T: spans 4, 4, 2 hours
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T", "U"],
  years,
  activities: [...week(["X..X..", "X..X..", "XX...."], { teachers: ["T"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts the days whose span is over the maximum (one day of span + 1 forgiven when allowed)", () => {
    expect(ourVerdict(spec({ Teacher_Name: "T", Max_Span: 3, Allow_One_Day_Exception_of_Plus_One: true })).violations(TYPE)).toBe(1); // only one day is forgiven
    expect(ourVerdict(spec({ Teacher_Name: "T", Max_Span: 3, Allow_One_Day_Exception_of_Plus_One: false })).violations(TYPE)).toBe(2);
    expect(ourVerdict(spec({ Teacher_Name: "T", Max_Span: 4, Allow_One_Day_Exception_of_Plus_One: false })).violations(TYPE)).toBe(0);
  });

  it("refuses an unknown teacher, naming the element and line", () => {
    const r = refusal(spec({ Teacher_Name: "Nobody", Max_Span: 3 }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Teacher_Name`);
    expect(r.message).toContain('unknown teacher "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Max_Span: 3, Allow_One_Day_Exception_of_Plus_One: true })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Max_Span: 3, Allow_One_Day_Exception_of_Plus_One: false }, 60)).problem, 300, 13)).toBe(0);
  });

  it("a break inside the day counts in the span (FET agrees)", () => {
    const s: LockedSpec = {
      days: 2,
      hours: 6,
      teachers: ["T"],
      activities: week(["XX.XX.", "X....."], { teachers: ["T"] }),
      constraints: [
        element(TYPE, 100, { Teacher_Name: "T", Max_Span: 4 }),
        breaks([
          [0, 2],
          [1, 2],
        ]),
      ],
    };
    expect(ourVerdict(s).violations(TYPE)).toBe(1);
    if (hasFetCl) expect(fetClVerdict(s, REFUSE_SECONDS).accepted).toBe(false);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Teacher_Name: "T", Max_Span: 4, Allow_One_Day_Exception_of_Plus_One: false })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Teacher_Name: "T", Max_Span: 4, Allow_One_Day_Exception_of_Plus_One: false })).accepted).toBe(true);
      expect(ourVerdict(spec({ Teacher_Name: "T", Max_Span: 3, Allow_One_Day_Exception_of_Plus_One: true })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Teacher_Name: "T", Max_Span: 3, Allow_One_Day_Exception_of_Plus_One: true }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
