import { describe, expect, it } from "vitest";
import { boardDisagreements, element, studentsNotAvailable, fetClVerdict, REFUSE_SECONDS, hasFetCl, ourVerdict, refusal, week, type LockedSpec } from "../test/locked";

const TYPE = "ConstraintStudentsEarlyMaxBeginningsAtSecondHour";
const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
type Fields = Record<string, string | number | boolean>;
// S1 starts at hour 0, 1, 1; S2 at 0 every day; G2: free D0, starts at hour 1 on D1
const spec = (fields: Fields, weight = 100): LockedSpec => ({
  days: 3,
  hours: 6,
  teachers: ["T"],
  years,
  activities: [
    ...week(["XX....", ".X....", ".X...."], { students: ["S1"] }),
    ...week(["XX....", "XX....", "XX...."], { students: ["S2"] }),
    ...week(["......", ".X....", "......"], { students: ["G2"] }),
  ],
  constraints: [element(TYPE, weight, fields)],
});

describe(TYPE, () => {
  it("counts days starting after the second hour, and days starting at the second hour beyond the maximum, for every subgroup", () => {
    expect(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 0 })).violations(TYPE)).toBe(3); // S1 2 days, G2 1
    expect(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 1 })).violations(TYPE)).toBe(1); // S1
    expect(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 2 })).violations(TYPE)).toBe(0);
  });

  it("refuses a negative maximum, naming the field and line; one beyond the days never binds", () => {
    expect(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 9 })).violations(TYPE)).toBe(0);
    const r = refusal(spec({ Max_Beginnings_At_Second_Hour: -1 }), `<${TYPE}>`);
    expect(r.path).toBe(`Time_Constraints_List/${TYPE}[1]/Max_Beginnings_At_Second_Hour`);
    expect(r.message).toContain("from 0 to 35");
    expect(r.line).toBe(r.expectedLine);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation", () => {
    expect(boardDisagreements(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 0 })).problem)).toBe(0);
    expect(boardDisagreements(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 1 }, 60)).problem, 300, 13)).toBe(0);
  });

  it("counts a day starting after the second usable hour whatever the maximum; not-available hours are skipped", () => {
    const late = (na: boolean): LockedSpec => ({
      ...spec({}),
      activities: [...week(["XX....", ".X....", "..X..."], { students: ["S1"] }), ...week(["XX....", "XX....", "XX...."], { students: ["S2", "G2"] })],
      constraints: [element(TYPE, 100, { Max_Beginnings_At_Second_Hour: 3 }), ...(na ? [studentsNotAvailable("S1", [[2, 0]])] : [])],
    });
    expect(ourVerdict(late(false)).violations(TYPE)).toBe(1); // S1 starts at the third hour on D2
    expect(ourVerdict(late(true)).violations(TYPE)).toBe(0); // hour 0 of D2 is not available to S1: it starts at its second usable hour
    expect(boardDisagreements(ourVerdict(late(true)).problem)).toBe(0);
    if (hasFetCl) {
      expect(fetClVerdict(late(false), REFUSE_SECONDS).accepted).toBe(false);
      expect(fetClVerdict(late(true)).accepted).toBe(true);
    }
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts the locked timetable where we count no violation and refuses it where we count some, at 100%", () => {
      expect(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 2 })).evaluation.hard).toBe(0);
      expect(fetClVerdict(spec({ Max_Beginnings_At_Second_Hour: 2 })).accepted).toBe(true);
      expect(ourVerdict(spec({ Max_Beginnings_At_Second_Hour: 1 })).evaluation.hard).toBeGreaterThan(0);
      expect(fetClVerdict(spec({ Max_Beginnings_At_Second_Hour: 1 }), REFUSE_SECONDS).accepted).toBe(false);
    });
  });
});
