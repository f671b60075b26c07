import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsSetMaxDaysPerWeek";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// S1 has lessons on D0 and D1, the whole year on D2
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T"],
  years,
  activities: [...week(["X.....", "X.....", "......"], { students: ["S1"] }), ...week(["......", "......", "X....."], { students: ["Y"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every subgroup of the set, the days with lessons beyond the maximum", () => {
    expect(ourVerdict(spec({ Max_Days_Per_Week: 2, Students: "G1" })).violations(TYPE)).toBe(1); // S1 has 3 days
    expect(ourVerdict(spec({ Max_Days_Per_Week: 0, Students: "G1" })).violations(TYPE)).toBe(4); // S1 3, S2 1
    expect(ourVerdict(spec({ Max_Days_Per_Week: 1, Students: "G2" })).violations(TYPE)).toBe(0);
  });

  it("refuses an unknown students set, naming the element and line", () => {
    const r = refusal(spec({ Max_Days_Per_Week: 2, Students: "Nobody" }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Students`);
    expect(r.message).toContain('unknown students set "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Max_Days_Per_Week: 2, Students: "G1" })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Max_Days_Per_Week: 0, Students: "G1" }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Max_Days_Per_Week: 3, Students: "G1" })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Max_Days_Per_Week: 3, Students: "G1" })).accepted).toBe(true);
      expect(ourVerdict(spec({ Max_Days_Per_Week: 2, Students: "G1" })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Max_Days_Per_Week: 2, Students: "G1" }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
