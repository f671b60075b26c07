import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeachersMaxHoursDaily";
const spec = (max: number | string, weight = 100): LockedSpec => ({
  days: 3,
  hours: 5,
  teachers: ["T", "U", "V"],
  // T: 3, 2, 4 hours; U: 5 hours on D0 only; V teaches nothing
  activities: [...week(["XX.X.", ".XX..", "XXXX."], { teachers: ["T"] }), ...week(["XXXXX", ".....", "....."], { teachers: ["U"] })],
  constraints: [element(TYPE, weight, { Maximum_Hours_Daily: max })],
});

describe(TYPE, () => {
  it("counts, for every teacher, one violation per day over the maximum", () => {
    expect(ourVerdict(spec(2)).violations(TYPE)).toBe(3); // T on D0, D2; U on D0
    expect(ourVerdict(spec(3)).violations(TYPE)).toBe(2); // T on D2; U on D0
    expect(ourVerdict(spec(5)).violations(TYPE)).toBe(0);
  });

  it("weights a soft element", () => {
    const e = ourVerdict(spec(3, 25)).evaluation;
    expect(e.hard).toBe(0);
    expect(e.soft).toBeCloseTo(0.5);
  });

  it("refuses a maximum that is not an integer, naming the field and line", () => {
    const r = refusal(spec("many"), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Maximum_Hours_Daily`);
    expect(r.message).toContain('got "many"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec(2)).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec(3, 70)).problem, 300, 11)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("soft count equals FET's and a timetable within the maximum is accepted at 100%", () => {
      const soft = fetClVerdict(spec(2, 50));
      expect(soft.accepted).toBe(true);
      expect(soft.softConflicts).toBeCloseTo(ourVerdict(spec(2, 50)).evaluation.soft);
      expect(fetClVerdict(spec(5)).accepted).toBe(true);
    });
    it("refuses a timetable over the maximum at 100%", () => {
      expect(fetClVerdict(spec(4), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
