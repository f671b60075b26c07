import { describe, expect, it } from "vitest";
import { boardDisagreements, breaks, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeacherMaxGapsPerDay";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// T: gaps 3 on D0 (hours 0, 2, 5), 2 on D1 (hours 0, 3), 0 on D2; U (not constrained): 3 on D0
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T", "U"],
  years,
  activities: [...week(["X.X..X", "X..X..", "XX...."], { teachers: ["T"] }), ...week(["X...X.", "......", "......"], { teachers: ["U"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for that teacher and each day, the gaps beyond the maximum", () => {
    expect(ourVerdict(spec({ Teacher_Name: "T", Max_Gaps: 0 })).violations(TYPE)).toBe(5);
    expect(ourVerdict(spec({ Teacher_Name: "T", Max_Gaps: 1 })).violations(TYPE)).toBe(3);
    expect(ourVerdict(spec({ Teacher_Name: "T", Max_Gaps: 2 })).violations(TYPE)).toBe(1);
    expect(ourVerdict(spec({ Teacher_Name: "T", Max_Gaps: 3 })).violations(TYPE)).toBe(0);
  });

  it("refuses an unknown teacher, naming the element and line", () => {
    const r = refusal(spec({ Teacher_Name: "Nobody", Max_Gaps: 1 }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Teacher_Name`);
    expect(r.message).toContain('unknown teacher "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Max_Gaps: 0 })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Max_Gaps: 1 }, 60)).problem, 300, 13)).toBe(0);
  });

  it("does not count a 100% break as a gap", () => {
    const s: LockedSpec = {
      ...spec({}),
      constraints: [
        element(TYPE, 100, { Teacher_Name: "T", Max_Gaps: 0 }),
        breaks([
          [0, 1],
          [1, 1],
          [2, 1],
        ]),
      ],
    };
    expect(ourVerdict(s).violations(TYPE)).toBe(3); // D0: hours 3, 4; D1: hour 2
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Teacher_Name: "T", Max_Gaps: 3 })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Teacher_Name: "T", Max_Gaps: 3 })).accepted).toBe(true);
      expect(ourVerdict(spec({ Teacher_Name: "T", Max_Gaps: 2 })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Teacher_Name: "T", Max_Gaps: 2 }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
