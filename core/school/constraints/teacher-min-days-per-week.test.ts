import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeacherMinDaysPerWeek";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// T works on D0 (2 hours) and D1; U never
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T", "U"],
  years,
  activities: [...week(["XX....", "X.....", "......"], { teachers: ["T"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts the working days missing to the minimum", () => {
    expect(ourVerdict(spec({ Teacher_Name: "T", Minimum_Days_Per_Week: 3 })).violations(TYPE)).toBe(1);
    expect(ourVerdict(spec({ Teacher_Name: "T", Minimum_Days_Per_Week: 2 })).violations(TYPE)).toBe(0);
    expect(ourVerdict(spec({ Teacher_Name: "U", Minimum_Days_Per_Week: 2 })).violations(TYPE)).toBe(2); // FET refuses such a file at once
  });

  it("refuses an unknown teacher, naming the element and line", () => {
    const r = refusal(spec({ Teacher_Name: "Nobody", Minimum_Days_Per_Week: 2 }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Teacher_Name`);
    expect(r.message).toContain('unknown teacher "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Minimum_Days_Per_Week: 3 })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Minimum_Days_Per_Week: 2 }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Teacher_Name: "T", Minimum_Days_Per_Week: 2 })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Teacher_Name: "T", Minimum_Days_Per_Week: 2 })).accepted).toBe(true);
      expect(ourVerdict(spec({ Teacher_Name: "T", Minimum_Days_Per_Week: 3 })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Teacher_Name: "T", Minimum_Days_Per_Week: 3 }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
