import { describe, expect, it } from "vitest";
import { buildingWeek, WEEK } from "../test/buildings";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs } from "../test/rooms";

// test/buildings.ts: T1 / Y1 go A1, B, (no room), A2 on day 0 and B, N, A1 on day 1; T2 / Y2 go B, A1 on day 0.
const T = "ConstraintStudentsSetMinGapsBetweenRoomChanges";
const spec = (n: number, weight = 100, who = "Y1") =>
  buildingWeek([{ type: T, weight, fields: `\t<Students>${who}</Students>\n\t<Min_Gaps_Between_Room_Changes>${n}</Min_Gaps_Between_Room_Changes>` }]);

describe(T, () => {
  it("counts each room change with too few hours without a room before it", () => {
    expect(ours(spec(1), WEEK).violations(T)).toBe(2);
    expect(ours(spec(2, 100, "Y2"), WEEK).violations(T)).toBe(1);
  });

  it("is soft below 100% (fet-cl refuses such a file; we optimise it); refuses an unknown students set or a bad value, naming the element", () => {
    const soft = ours(spec(4, 40), WEEK).evaluation;
    expect(soft.hard).toBe(0);
    expect(soft.soft).toBeCloseTo(0.4 * ours(spec(4), WEEK).violations(T));
    expect(soft.soft).toBeGreaterThan(0);
    expect(refused(spec(1, 100, "Nobody"), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Students`, message: 'unknown students set "Nobody"' });
    expect(refused(spec(-1), `<${T}>`).path).toBe(`Space_Constraints_List/${T}[1]/Min_Gaps_Between_Room_Changes`);
  });

  it("incremental Board agrees with the from-scratch evaluation (moves and room changes)", () => {
    expect(boardDisagreementsWithRooms(ours(spec(1), {}).problem)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts a week within the limit, refuses one beyond it and a weight below 100%", () => {
      expect(theirs(spec(0), WEEK).accepted).toBe(true);
      expect(theirs(spec(1), WEEK).accepted).toBe(false);
      expect(theirs(spec(0, 50), WEEK).accepted).toBe(false);
    }, 40_000);
  });
});
