import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsMinRestingHours";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// the whole year: hour 0 on D0 and hour 5 on D2, so only the circular pair D2 → D0 rests 0
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T"],
  years,
  activities: [...week(["X.....", "......", ".....X"], { students: ["Y"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every subgroup, the pairs of consecutive days with fewer free hours between them than the minimum", () => {
    expect(ourVerdict(spec({ Minimum_Resting_Hours: 1, Circular: true })).violations(TYPE)).toBe(3); // one per subgroup
    expect(ourVerdict(spec({ Minimum_Resting_Hours: 6, Circular: false })).violations(TYPE)).toBe(0);
    expect(ourVerdict(spec({ Minimum_Resting_Hours: 6 })).violations(TYPE)).toBe(0); // Circular defaults to false
  });

  it("refuses a minimum that is not an integer, naming the field and line", () => {
    const r = refusal(spec({ Minimum_Resting_Hours: "x", Circular: true }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Minimum_Resting_Hours`);
    expect(r.message).toContain('got "x"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Minimum_Resting_Hours: 1, Circular: true })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Minimum_Resting_Hours: 6, Circular: false }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Minimum_Resting_Hours: 6, Circular: false })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Minimum_Resting_Hours: 6, Circular: false })).accepted).toBe(true);
      expect(ourVerdict(spec({ Minimum_Resting_Hours: 1, Circular: true })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Minimum_Resting_Hours: 1, Circular: true }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
