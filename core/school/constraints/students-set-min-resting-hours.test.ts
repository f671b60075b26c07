import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsSetMinRestingHours";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// S1: ends at hour 5 on D0, starts at 0 on D1 (rest 0); G2: ends at 0 on D0, starts at 0 on D1 (rest 5)
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T"],
  years,
  activities: [...week([".....X", "X.....", "......"], { students: ["S1"] }), ...week(["X.....", "X.....", "......"], { students: ["G2"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every subgroup of the set, the pairs of consecutive days with fewer free hours between them than the minimum", () => {
    expect(ourVerdict(spec({ Minimum_Resting_Hours: 1, Students: "G1", Circular: false })).violations(TYPE)).toBe(1); // S1
    expect(ourVerdict(spec({ Minimum_Resting_Hours: 5, Students: "G2", Circular: false })).violations(TYPE)).toBe(0);
    expect(ourVerdict(spec({ Minimum_Resting_Hours: 6, Students: "G2", Circular: true })).violations(TYPE)).toBe(1); // D0 → D1 rests 5; D2 is free, so D1 → D2 and D2 → D0 rest enough
    expect(ourVerdict(spec({ Minimum_Resting_Hours: 1, Students: "S1", Circular: true })).violations(TYPE)).toBe(1);
  });

  it("refuses an unknown students set, naming the element and line", () => {
    const r = refusal(spec({ Minimum_Resting_Hours: 1, Students: "Nobody", Circular: false }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Students`);
    expect(r.message).toContain('unknown students set "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Minimum_Resting_Hours: 1, Students: "G1", Circular: false })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Minimum_Resting_Hours: 5, Students: "G2", Circular: false }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Minimum_Resting_Hours: 5, Students: "G2", Circular: false })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Minimum_Resting_Hours: 5, Students: "G2", Circular: false })).accepted).toBe(true);
      expect(ourVerdict(spec({ Minimum_Resting_Hours: 1, Students: "G1", Circular: false })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Minimum_Resting_Hours: 1, Students: "G1", Circular: false }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
