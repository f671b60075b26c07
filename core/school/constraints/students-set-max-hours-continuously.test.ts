import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsSetMaxHoursContinuously";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// S1 alone hours 0-2 on D0, then the whole year hours 3-4: S1 runs 5, S2 and G2 runs 2
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T"],
  years,
  activities: [...week(["XXX...", "......", "......"], { students: ["S1"] }), ...week(["...XX.", "......", "......"], { students: ["Y"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every subgroup of the set, each run of consecutive busy hours longer than the maximum", () => {
    expect(ourVerdict(spec({ Maximum_Hours_Continuously: 2, Students: "G1" })).violations(TYPE)).toBe(1); // S1
    expect(ourVerdict(spec({ Maximum_Hours_Continuously: 1, Students: "Y" })).violations(TYPE)).toBe(3);
    expect(ourVerdict(spec({ Maximum_Hours_Continuously: 1, Students: "G2" })).violations(TYPE)).toBe(1);
    expect(ourVerdict(spec({ Maximum_Hours_Continuously: 5, Students: "Y" })).violations(TYPE)).toBe(0);
  });

  it("refuses an unknown students set, naming the element and line", () => {
    const r = refusal(spec({ Maximum_Hours_Continuously: 2, Students: "Nobody" }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Students`);
    expect(r.message).toContain('unknown students set "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Maximum_Hours_Continuously: 2, Students: "G1" })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Maximum_Hours_Continuously: 1, Students: "Y" }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Maximum_Hours_Continuously: 5, Students: "G1" })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Maximum_Hours_Continuously: 5, Students: "G1" })).accepted).toBe(true);
      expect(ourVerdict(spec({ Maximum_Hours_Continuously: 4, Students: "G1" })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Maximum_Hours_Continuously: 4, Students: "G1" }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
