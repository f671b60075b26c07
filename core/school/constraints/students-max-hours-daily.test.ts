import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsMaxHoursDaily";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
const spec = (max: number, weight = 100): LockedSpec => ({
  days: 3,
  hours: 5,
  years,
  teachers: ["T"],
  // the whole year (S1, S2, G2) 2 hours on D0; S1 alone 2 more on D0; G2 4 hours on D1
  activities: [...week(["XX...", ".....", "....."], { students: ["Y"] }), ...week(["..XX.", ".....", "....."], { students: ["S1"] }), ...week([".....", "XXXX.", "....."], { students: ["G2"] })],
  constraints: [element(TYPE, weight, { Maximum_Hours_Daily: max })],
});

describe(TYPE, () => {
  it("counts, for every subgroup, one violation per day over the maximum", () => {
    expect(ourVerdict(spec(3)).violations(TYPE)).toBe(2); // S1 on D0 (4 h), G2 on D1 (4 h)
    expect(ourVerdict(spec(1)).violations(TYPE)).toBe(4); // S1 D0, S2 D0, G2 D0, G2 D1
    expect(ourVerdict(spec(4)).violations(TYPE)).toBe(0);
  });

  it("refuses a negative maximum, naming the field and line", () => {
    const r = refusal(spec(-1), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Maximum_Hours_Daily`);
    expect(r.line).toBe(r.expectedLine);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec(2)).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec(1, 30)).problem, 300, 5)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("soft count equals FET's; within the maximum is accepted at 100%, over it refused", () => {
      const soft = fetClVerdict(spec(1, 50));
      expect(soft.accepted).toBe(true);
      expect(soft.softConflicts).toBeCloseTo(ourVerdict(spec(1, 50)).evaluation.soft);
      expect(fetClVerdict(spec(4)).accepted).toBe(true);
      expect(fetClVerdict(spec(3), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
