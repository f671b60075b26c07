import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeacherMinHoursDaily";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// T: 2 hours on D0, 1 on D1, none on D2; U (not constrained): 1 hour on D0
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T", "U"],
  years,
  activities: [...week(["XX....", "X.....", "......"], { teachers: ["T"] }), ...week(["X.....", "......", "......"], { teachers: ["U"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts the hours missing to the minimum on each day, skipping empty days when allowed", () => {
    expect(ourVerdict(spec({ Teacher_Name: "T", Minimum_Hours_Daily: 2, Allow_Empty_Days: true })).violations(TYPE)).toBe(1); // D1 misses 1; empty D2 allowed
    expect(ourVerdict(spec({ Teacher_Name: "T", Minimum_Hours_Daily: 3, Allow_Empty_Days: true })).violations(TYPE)).toBe(3); // D0 misses 1, D1 misses 2
    expect(ourVerdict(spec({ Teacher_Name: "T", Minimum_Hours_Daily: 2, Allow_Empty_Days: false })).violations(TYPE)).toBe(3); // D1 misses 1, empty D2 misses 2
    expect(ourVerdict(spec({ Teacher_Name: "T", Minimum_Hours_Daily: 2 })).violations(TYPE)).toBe(1); // Allow_Empty_Days defaults to true for teachers
    expect(ourVerdict(spec({ Teacher_Name: "U", Minimum_Hours_Daily: 0, Allow_Empty_Days: true })).violations(TYPE)).toBe(0);
  });

  it("refuses an unknown teacher, naming the element and line", () => {
    const r = refusal(spec({ Teacher_Name: "Nobody", Minimum_Hours_Daily: 2, Allow_Empty_Days: true }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Teacher_Name`);
    expect(r.message).toContain('unknown teacher "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("refuses an Allow_Empty_Days that is not true or false", () => {
    const r = refusal(spec({ Teacher_Name: "T", Minimum_Hours_Daily: 2, Allow_Empty_Days: "sometimes" }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Allow_Empty_Days`);
    expect(r.message).toContain("must be true or false");
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Minimum_Hours_Daily: 2, Allow_Empty_Days: true })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Minimum_Hours_Daily: 3, Allow_Empty_Days: true }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      const ok: LockedSpec = { ...spec({ Teacher_Name: "T", Minimum_Hours_Daily: 2, Allow_Empty_Days: true }), activities: week(["XX....", "XX....", "......"], { teachers: ["T"] }) }; // FET refuses a minimum of 1 with empty days allowed as trivial, so T gets 2 hours on D1
      expect(ourVerdict(ok).evaluation.hard).toBe(0);
      expect(fetClVerdict(ok).accepted).toBe(true);
      expect(ourVerdict(spec({ Teacher_Name: "T", Minimum_Hours_Daily: 2, Allow_Empty_Days: true })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Teacher_Name: "T", Minimum_Hours_Daily: 2, Allow_Empty_Days: true }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
