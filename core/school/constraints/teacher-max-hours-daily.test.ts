import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeacherMaxHoursDaily";
const spec = (max: number, weight = 100, teacher = "T"): LockedSpec => ({
  days: 3,
  hours: 5,
  teachers: ["T", "U"],
  // T: 3 hours on D0, 2 on D1, 4 on D2; U: 5 hours on D0 (U is not constrained)
  activities: [...week(["XX.X.", ".XX..", "XXXX."], { teachers: ["T"] }), ...week(["XXXXX", ".....", "....."], { teachers: ["U"] })],
  constraints: [element(TYPE, weight, { Teacher_Name: teacher, Maximum_Hours_Daily: max })],
});

describe(TYPE, () => {
  it("counts one violation per day over the maximum, for that teacher only", () => {
    expect(ourVerdict(spec(2)).violations(TYPE)).toBe(2);
    expect(ourVerdict(spec(3)).violations(TYPE)).toBe(1);
    expect(ourVerdict(spec(4)).violations(TYPE)).toBe(0);
    expect(ourVerdict(spec(0)).violations(TYPE)).toBe(3);
  });

  it("is hard at 100% and soft below", () => {
    expect(ourVerdict(spec(2)).evaluation.hard).toBe(2);
    const soft = ourVerdict(spec(2, 40)).evaluation;
    expect(soft.hard).toBe(0);
    expect(soft.soft).toBeCloseTo(0.8);
  });

  it("refuses an unknown teacher, naming the element and line", () => {
    const r = refusal(spec(2, 100, "Nobody"), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Teacher_Name`);
    expect(r.message).toContain('unknown teacher "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("accepts a maximum beyond the hours of a day, which never binds (FET accepts such files too)", () => {
    expect(ourVerdict(spec(9)).violations(TYPE)).toBe(0);
    const r = refusal(spec(61), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Maximum_Hours_Daily`);
    expect(r.message).toContain("from 0 to 60");
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec(2)).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec(1, 55)).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts a locked timetable within the maximum at 100% and reports our soft count below 100%", () => {
      expect(fetClVerdict(spec(4)).accepted).toBe(true);
      const soft = fetClVerdict(spec(2, 50));
      expect(soft.accepted).toBe(true);
      expect(soft.softConflicts).toBeCloseTo(ourVerdict(spec(2, 50)).evaluation.soft);
    });
    it("refuses a locked timetable over the maximum at 100%", () => {
      expect(fetClVerdict(spec(3), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
