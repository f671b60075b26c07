import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeachersMinRestingHours";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// T: rests 0 (D0 → D1), 4 (D1 → D2), 4 (D2 → D0); U: rests 0 (D0 → D1), free on D2
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T", "U"],
  years,
  activities: [...week(["X....X", "XXX...", ".X...."], { teachers: ["T"] }), ...week([".....X", "X.....", "......"], { teachers: ["U"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every teacher, the pairs of consecutive days with fewer free hours between them than the minimum", () => {
    expect(ourVerdict(spec({ Minimum_Resting_Hours: 1, Circular: false })).violations(TYPE)).toBe(2); // T and U on D0 → D1
    expect(ourVerdict(spec({ Minimum_Resting_Hours: 5, Circular: true })).violations(TYPE)).toBe(4); // T 3, U 1
    expect(ourVerdict(spec({ Minimum_Resting_Hours: 0, Circular: true })).violations(TYPE)).toBe(0);
  });

  it("refuses a Circular that is not true or false, naming the field and line", () => {
    const r = refusal(spec({ Minimum_Resting_Hours: 1, Circular: "yes" }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Circular`);
    expect(r.message).toContain("must be true or false");
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Minimum_Resting_Hours: 1, Circular: false })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Minimum_Resting_Hours: 5, Circular: true }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Minimum_Resting_Hours: 0, Circular: true })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Minimum_Resting_Hours: 0, Circular: true })).accepted).toBe(true);
      expect(ourVerdict(spec({ Minimum_Resting_Hours: 1, Circular: false })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Minimum_Resting_Hours: 1, Circular: false }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
