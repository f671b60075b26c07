import { describe, expect, it } from "vitest";
import { boardDisagreements, breaks, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeacherMinRestingHours";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// T: ends at hour 5 on D0 and starts at 0 on D1 (rest 0); ends at 2 on D1, starts at 1 on D2 (rest 3 + 1); D2 → D0 rests 4 + 0
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T", "U"],
  years,
  activities: [...week(["X....X", "XXX...", ".X...."], { teachers: ["T"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts the pairs of consecutive days with fewer free hours between them than the minimum", () => {
    expect(ourVerdict(spec({ Teacher_Name: "T", Minimum_Resting_Hours: 1, Circular: false })).violations(TYPE)).toBe(1); // D0 → D1
    expect(ourVerdict(spec({ Teacher_Name: "T", Minimum_Resting_Hours: 5, Circular: false })).violations(TYPE)).toBe(2);
    expect(ourVerdict(spec({ Teacher_Name: "T", Minimum_Resting_Hours: 5, Circular: true })).violations(TYPE)).toBe(3); // and D2 → D0
    expect(ourVerdict(spec({ Teacher_Name: "U", Minimum_Resting_Hours: 6, Circular: true })).violations(TYPE)).toBe(0); // empty days rest a whole day
  });

  it("refuses an unknown teacher, naming the element and line", () => {
    const r = refusal(spec({ Teacher_Name: "Nobody", Minimum_Resting_Hours: 2, Circular: false }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Teacher_Name`);
    expect(r.message).toContain('unknown teacher "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("refuses more resting hours than a day has (as FET does), naming the field and line", () => {
    const r = refusal(spec({ Teacher_Name: "T", Minimum_Resting_Hours: 7, Circular: false }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Minimum_Resting_Hours`);
    expect(r.message).toContain("from 0 to 6");
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Minimum_Resting_Hours: 1, Circular: false })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Teacher_Name: "T", Minimum_Resting_Hours: 5, Circular: false }, 60)).problem, 300, 13)).toBe(0);
  });

  it("a break at the end of the day counts as rest (FET agrees)", () => {
    const s: LockedSpec = {
      days: 2,
      hours: 6,
      teachers: ["T"],
      activities: week(["XX.XX.", "X....."], { teachers: ["T"] }),
      constraints: [element(TYPE, 100, { Teacher_Name: "T", Minimum_Resting_Hours: 1, Circular: false }), breaks([[0, 5]])],
    };
    expect(ourVerdict(s).violations(TYPE)).toBe(0);
    if (hasFetCl) expect(fetClVerdict(s).accepted).toBe(true);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Teacher_Name: "U", Minimum_Resting_Hours: 6, Circular: true })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Teacher_Name: "U", Minimum_Resting_Hours: 6, Circular: true })).accepted).toBe(true);
      expect(ourVerdict(spec({ Teacher_Name: "T", Minimum_Resting_Hours: 1, Circular: false })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Teacher_Name: "T", Minimum_Resting_Hours: 1, Circular: false }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
