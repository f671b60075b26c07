import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsSetMaxHoursDaily";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
const spec = (set: string, max: number, weight = 100): LockedSpec => ({
  days: 3,
  hours: 5,
  years,
  teachers: ["T"],
  // the whole year 2 hours on D0; S1 2 more on D0; G2 4 hours on D1
  activities: [...week(["XX...", ".....", "....."], { students: ["Y"] }), ...week(["..XX.", ".....", "....."], { students: ["S1"] }), ...week([".....", "XXXX.", "....."], { students: ["G2"] })],
  constraints: [element(TYPE, weight, { Maximum_Hours_Daily: max, Students: set })],
});

describe(TYPE, () => {
  it("counts, for every subgroup of the set, one violation per day over the maximum", () => {
    expect(ourVerdict(spec("G1", 1)).violations(TYPE)).toBe(2); // S1 and S2 on D0
    expect(ourVerdict(spec("G1", 3)).violations(TYPE)).toBe(1); // S1 on D0
    expect(ourVerdict(spec("S2", 2)).violations(TYPE)).toBe(0);
    expect(ourVerdict(spec("Y", 3)).violations(TYPE)).toBe(2); // S1 D0, G2 D1
  });

  it("refuses an unknown students set, naming the element and line", () => {
    const r = refusal(spec("Z", 2), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Students`);
    expect(r.message).toContain('unknown students set "Z"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec("G1", 1)).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec("Y", 2, 60)).problem, 300, 3)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("soft count equals FET's; within the maximum accepted at 100%, over it refused", () => {
      const soft = fetClVerdict(spec("G1", 1, 50));
      expect(soft.accepted).toBe(true);
      expect(soft.softConflicts).toBeCloseTo(ourVerdict(spec("G1", 1, 50)).evaluation.soft);
      expect(fetClVerdict(spec("S2", 2)).accepted).toBe(true);
      expect(fetClVerdict(spec("G1", 3), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
