import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsSetMinHoursDaily";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// subgroups S1, S2 (group G1) and G2: the whole year 2 h on D0 and 3 h on D2; S1 1 h on D1
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T"],
  years,
  activities: [...week(["XX....", "......", "XXX..."], { students: ["Y"] }), ...week(["......", "X.....", "......"], { students: ["S1"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every subgroup of the set, the hours missing to the minimum on each day", () => {
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 2, Students: "G1", Allow_Empty_Days: false })).violations(TYPE)).toBe(3); // S1 D1: 1; S2 empty D1: 2
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 2, Students: "G2", Allow_Empty_Days: false })).violations(TYPE)).toBe(2); // G2 empty D1
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 2, Students: "S1", Allow_Empty_Days: true })).violations(TYPE)).toBe(1);
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 3, Students: "Y", Allow_Empty_Days: true })).violations(TYPE)).toBe(5); // S1: 1 + 2; S2: 1; G2: 1
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 2, Students: "S2", Allow_Empty_Days: true })).violations(TYPE)).toBe(0);
  });

  it("refuses an unknown students set, naming the element and line", () => {
    const r = refusal(spec({ Minimum_Hours_Daily: 2, Students: "Nobody", Allow_Empty_Days: true }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Students`);
    expect(r.message).toContain('unknown students set "Nobody"');
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Minimum_Hours_Daily: 2, Students: "G1", Allow_Empty_Days: false })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Minimum_Hours_Daily: 2, Students: "G2", Allow_Empty_Days: false }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Minimum_Hours_Daily: 2, Students: "S2", Allow_Empty_Days: true })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Minimum_Hours_Daily: 2, Students: "S2", Allow_Empty_Days: true })).accepted).toBe(true);
      expect(ourVerdict(spec({ Minimum_Hours_Daily: 2, Students: "G1", Allow_Empty_Days: true })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Minimum_Hours_Daily: 2, Students: "G1", Allow_Empty_Days: true }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
