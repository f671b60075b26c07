import { describe, expect, it } from "vitest";
import { boardDisagreements, breaks, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeacherMaxHoursContinuously";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// T: runs of 3 and 2 on D0, 4 on D1; U (not constrained): a run of 6
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T", "U"],
  years,
  activities: [...week(["XXX.XX", "XXXX..", "......"], { teachers: ["T"] }), ...week(["XXXXXX", "......", "......"], { teachers: ["U"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts each run of consecutive busy hours of that teacher longer than the maximum", () => {
    expect(ourVerdict(spec({ Teacher_Name: "T", Maximum_Hours_Continuously: 1 })).violations(TYPE)).toBe(3);
    expect(ourVerdict(spec({ Teacher_Name: "T", Maximum_Hours_Continuously: 2 })).violations(TYPE)).toBe(2);
    expect(ourVerdict(spec({ Teacher_Name: "T", Maximum_Hours_Continuously: 3 })).violations(TYPE)).toBe(1);
    expect(ourVerdict(spec({ Teacher_Name: "T", Maximum_Hours_Continuously: 4 })).violations(TYPE)).toBe(0);
  });

  it("refuses an unknown teacher, naming the element and line", () => {
    const r = refusal(spec({ Teacher_Name: "Nobody", Maximum_Hours_Continuously: 2 }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Teacher_Name`);
    expect(r.message).toContain('unknown teacher "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Maximum_Hours_Continuously: 1 })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Maximum_Hours_Continuously: 2 }, 60)).problem, 300, 13)).toBe(0);
  });

  it("a break hour ends a run (FET agrees)", () => {
    const s: LockedSpec = {
      days: 2,
      hours: 6,
      teachers: ["T"],
      activities: week(["XX.XX.", "X....."], { teachers: ["T"] }),
      constraints: [
        element(TYPE, 100, { Teacher_Name: "T", Maximum_Hours_Continuously: 2 }),
        breaks([
          [0, 2],
          [1, 2],
        ]),
      ],
    };
    expect(ourVerdict(s).violations(TYPE)).toBe(0);
    if (hasFetCl) expect(fetClVerdict(s).accepted).toBe(true);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Teacher_Name: "T", Maximum_Hours_Continuously: 4 })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Teacher_Name: "T", Maximum_Hours_Continuously: 4 })).accepted).toBe(true);
      expect(ourVerdict(spec({ Teacher_Name: "T", Maximum_Hours_Continuously: 3 })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Teacher_Name: "T", Maximum_Hours_Continuously: 3 }), REFUSE_SECONDS).accepted).toBe(false);
    });
    it("reports FET's soft conflicts below 100% (FET allows a soft weight for this type)", () => {
      const fet = fetClVerdict(spec({ Teacher_Name: "T", Maximum_Hours_Continuously: 1 }, 50));
      expect(fet.accepted).toBe(true);
      expect(fet.softConflicts).toBeCloseTo(ourVerdict(spec({ Teacher_Name: "T", Maximum_Hours_Continuously: 1 }, 50)).evaluation.soft);
      expect(fet.softConflicts).toBeGreaterThan(0);
    });
  });
});
