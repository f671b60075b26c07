import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsMinHoursDaily";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// subgroups S1, S2 (group G1) and G2 (a group without subgroups): the whole year 2 h on D0 and 3 h on D2; S1 1 h on D1
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T"],
  years,
  activities: [...week(["XX....", "......", "XXX..."], { students: ["Y"] }), ...week(["......", "X.....", "......"], { students: ["S1"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every subgroup, the hours missing to the minimum on each day (empty days too unless allowed)", () => {
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 2, Allow_Empty_Days: false })).violations(TYPE)).toBe(5); // S1 D1: 1; S2, G2 empty D1: 2 each
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 2, Allow_Empty_Days: true })).violations(TYPE)).toBe(1); // S1 on D1
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 3, Allow_Empty_Days: true })).violations(TYPE)).toBe(5); // S1: 1 + 2; S2: 1; G2: 1
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 2 })).violations(TYPE)).toBe(5); // Allow_Empty_Days defaults to false for students
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 1, Allow_Empty_Days: true })).violations(TYPE)).toBe(0);
  });

  it("refuses a missing minimum, naming the element and line", () => {
    const r = refusal(spec({ Allow_Empty_Days: true }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Minimum_Hours_Daily`);
    expect(r.message).toContain("is missing");
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Minimum_Hours_Daily: 2, Allow_Empty_Days: false })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Minimum_Hours_Daily: 2, Allow_Empty_Days: true }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      const ok: LockedSpec = { ...spec({ Minimum_Hours_Daily: 2, Allow_Empty_Days: false }), activities: week(["XX....", "XX....", "XXX..."], { students: ["Y"] }) }; // FET refuses a minimum of 1 with empty days allowed as trivial, so every subgroup gets 2 hours a day
      expect(ourVerdict(ok).evaluation.hard).toBe(0);
      expect(fetClVerdict(ok).accepted).toBe(true);
      expect(ourVerdict(spec({ Minimum_Hours_Daily: 2, Allow_Empty_Days: false })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Minimum_Hours_Daily: 2, Allow_Empty_Days: false }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
