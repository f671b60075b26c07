import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// S1 starts at hour 0, 1, 2; S2 at 0 every day; G2: free D0, starts at hour 1 on D1 and D2
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T"],
  years,
  activities: [
    ...week(["XX....", ".X....", "..X..."], { students: ["S1"] }),
    ...week(["XX....", "XX....", "XX...."], { students: ["S2"] }),
    ...week(["......", ".X....", ".X...."], { students: ["G2"] }),
  ],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every subgroup of the set, days starting after the second hour and days starting at the second hour beyond the maximum", () => {
    expect(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 0, Students: "S1" })).violations(TYPE)).toBe(3);
    expect(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 1, Students: "G1" })).violations(TYPE)).toBe(2); // S1: 1 + 1
    expect(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 1, Students: "G2" })).violations(TYPE)).toBe(1);
    expect(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 3, Students: "Y" })).violations(TYPE)).toBe(1); // S1 on D2
    expect(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 0, Students: "S2" })).violations(TYPE)).toBe(0);
  });

  it("refuses an unknown students set, naming the element and line", () => {
    const r = refusal(spec({ Max_Beginnings_At_Second_Hour: 1, Students: "Nobody" }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Students`);
    expect(r.message).toContain('unknown students set "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 0, Students: "S1" })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 1, Students: "G1" }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 2, Students: "G2" })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Max_Beginnings_At_Second_Hour: 2, Students: "G2" })).accepted).toBe(true);
      expect(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 1, Students: "G2" })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Max_Beginnings_At_Second_Hour: 1, Students: "G2" }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
