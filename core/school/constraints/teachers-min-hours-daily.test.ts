import { describe, expect, it } from "vitest";
import { boardDisagreements, element, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintTeachersMinHoursDaily";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// T: 2, 1, 0 hours; U: 3, 0, 0 hours; V teaches nothing
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T", "U", "V"],
  years,
  activities: [...week(["XX....", "X.....", "......"], { teachers: ["T"] }), ...week(["XXX...", "......", "......"], { teachers: ["U"] })],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts, for every teacher, the hours missing to the minimum on each day", () => {
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 2, Allow_Empty_Days: true })).violations(TYPE)).toBe(1); // T on D1
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 3, Allow_Empty_Days: true })).violations(TYPE)).toBe(3); // T: D0 1 + D1 2
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 1, Allow_Empty_Days: false })).violations(TYPE)).toBe(6); // T: D2; U: D1, D2; V: every day
    expect(ourVerdict(spec({ Minimum_Hours_Daily: 1, Allow_Empty_Days: true })).violations(TYPE)).toBe(0);
  });

  it("refuses a minimum beyond the hours of a day, naming the field and line", () => {
    const r = refusal(spec({ Minimum_Hours_Daily: 7, Allow_Empty_Days: true }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Minimum_Hours_Daily`);
    expect(r.message).toContain("from 0 to 6");
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Minimum_Hours_Daily: 2, Allow_Empty_Days: true })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Minimum_Hours_Daily: 3, Allow_Empty_Days: true }, 60)).problem, 300, 13)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      const ok: LockedSpec = {
        ...spec({ Minimum_Hours_Daily: 2, Allow_Empty_Days: true }),
        activities: [...week(["XX....", "XX....", "......"], { teachers: ["T"] }), ...week(["XXX...", "......", "......"], { teachers: ["U"] })],
      }; // FET refuses a minimum of 1 with empty days allowed as trivial, so T gets 2 hours on D1
      expect(ourVerdict(ok).evaluation.hard).toBe(0);
      expect(fetClVerdict(ok).accepted).toBe(true);
      expect(ourVerdict(spec({ Minimum_Hours_Daily: 2, Allow_Empty_Days: true })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Minimum_Hours_Daily: 2, Allow_Empty_Days: true }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
