import { describe, expect, it } from "vitest";
import { boardDisagreements, element, studentsNotAvailable, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsMaxGapsPerDay";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// S1: gaps 1 on D0, 2 on D1; S2: 4 on D0 (hours 0, 5); G2: none
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T"],
  years,
  activities: [
    ...week(["X.X...", "X..X..", "......"], { students: ["S1"] }),
    ...week(["X....X", "......", "......"], { students: ["S2"] }),
    ...week(["XX....", "......", "......"], { students: ["G2"] }),
  ],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every subgroup and day, the gaps beyond the maximum", () => {
    expect(ourVerdict(spec({ Max_Gaps: 0 })).violations(TYPE)).toBe(7);
    expect(ourVerdict(spec({ Max_Gaps: 1 })).violations(TYPE)).toBe(4); // S1 1, S2 3
    expect(ourVerdict(spec({ Max_Gaps: 2 })).violations(TYPE)).toBe(2); // S2
    expect(ourVerdict(spec({ Max_Gaps: 4 })).violations(TYPE)).toBe(0);
  });

  it("refuses a missing maximum, naming the element and line", () => {
    const r = refusal(spec({}), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Max_Gaps`);
    expect(r.message).toContain("is missing");
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Max_Gaps: 0 })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Max_Gaps: 1 }, 60)).problem, 300, 13)).toBe(0);
  });

  it("does not count a 100% not-available hour of the subgroup as a gap", () => {
    const na = studentsNotAvailable("S2", [
      [0, 2],
      [0, 3],
    ]);
    const s: LockedSpec = { ...spec({}), constraints: [element(TYPE, 100, { Max_Gaps: 1 }), na] };
    expect(ourVerdict(s).violations(TYPE)).toBe(2); // S1 D1: 1; S2 D0: 2 gaps left (hours 1, 4)
    expect(boardDisagreements(ourVerdict(s).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Max_Gaps: 4 })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Max_Gaps: 4 })).accepted).toBe(true);
      expect(ourVerdict(spec({ Max_Gaps: 3 })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Max_Gaps: 3 }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
