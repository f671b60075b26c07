import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeachersMaxHoursContinuously";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// T: runs of 3 and 2 on D0, 4 on D1; U: a run of 6 on D0
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T", "U"],
  years,
  activities: [...week(["XXX.XX", "XXXX..", "......"], { teachers: ["T"] }), ...week(["XXXXXX", "......", "......"], { teachers: ["U"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every teacher, each run of consecutive busy hours longer than the maximum", () => {
    expect(ourVerdict(spec({ Maximum_Hours_Continuously: 1 })).violations(TYPE)).toBe(4);
    expect(ourVerdict(spec({ Maximum_Hours_Continuously: 2 })).violations(TYPE)).toBe(3);
    expect(ourVerdict(spec({ Maximum_Hours_Continuously: 3 })).violations(TYPE)).toBe(2); // T D1, U D0
    expect(ourVerdict(spec({ Maximum_Hours_Continuously: 6 })).violations(TYPE)).toBe(0);
  });

  it("refuses a maximum that is not an integer, naming the field and line", () => {
    const r = refusal(spec({ Maximum_Hours_Continuously: "two" }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Maximum_Hours_Continuously`);
    expect(r.message).toContain('got "two"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Maximum_Hours_Continuously: 1 })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Maximum_Hours_Continuously: 2 }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Maximum_Hours_Continuously: 6 })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Maximum_Hours_Continuously: 6 })).accepted).toBe(true);
      expect(ourVerdict(spec({ Maximum_Hours_Continuously: 5 })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Maximum_Hours_Continuously: 5 }), REFUSE_SECONDS).accepted).toBe(false);
    });
    it("reports FET's soft conflicts below 100% (FET allows a soft weight for this type)", () => {
      const fet = fetClVerdict(spec({ Maximum_Hours_Continuously: 1 }, 50));
      expect(fet.accepted).toBe(true);
      expect(fet.softConflicts).toBeCloseTo(ourVerdict(spec({ Maximum_Hours_Continuously: 1 }, 50)).evaluation.soft);
      expect(fet.softConflicts).toBeGreaterThan(0);
    });
  });
});
