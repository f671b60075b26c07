import { describe, expect, it } from "vitest";
import { buildingWeek, CALMER, WEEK } from "../test/buildings";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs } from "../test/rooms";

const T = "ConstraintTeacherMinGapsBetweenBuildingChanges";
const spec = (n: number, weight = 100, teacher = "T1") =>
  buildingWeek([{ type: T, weight, fields: `\t<Teacher>${teacher}</Teacher>\n\t<Min_Gaps_Between_Building_Changes>${n}</Min_Gaps_Between_Building_Changes>` }]);

describe(T, () => {
  it("counts each change with too few hours without a building before it (a lesson without a room counts as such an hour)", () => {
    expect(ours(spec(0), WEEK).violations(T)).toBe(0);
    expect(ours(spec(1), WEEK).violations(T)).toBe(1);
    expect(ours(spec(2), WEEK).violations(T)).toBe(2);
    expect(ours(spec(5), WEEK).violations(T)).toBe(3);
    expect(ours(spec(2), CALMER).violations(T)).toBe(0);
  });

  it("refuses a weight below 100% as FET does", () => {
    expect(refused(spec(2, 40), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Weight_Percentage` });
  });

  it("refuses a bad value or an unknown teacher, naming the element", () => {
    expect(refused(spec(1, 100, "Nobody"), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Teacher`, message: 'unknown teacher "Nobody"' });
    expect(refused(spec(7), `<${T}>`).path).toBe(`Space_Constraints_List/${T}[1]/Min_Gaps_Between_Building_Changes`);
  });

  it("incremental Board agrees with the from-scratch evaluation (moves and room changes)", () => {
    expect(boardDisagreementsWithRooms(ours(spec(2), {}).problem)).toBe(0);
    expect(boardDisagreementsWithRooms(ours(spec(2), {}).problem, 400, 3)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts a week within the limit, refuses one beyond it, and refuses a weight below 100%", () => {
      expect(theirs(spec(0), WEEK).accepted).toBe(true);
      expect(theirs(spec(2), WEEK).accepted).toBe(false);
      expect(theirs(spec(2, 50), WEEK).output).toContain("weight under 100%");
    }, 40_000);
  });
});
