import { describe, expect, it } from "vitest";
import { buildingWeek, WEEK } from "../test/buildings";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs } from "../test/rooms";

const T = "ConstraintStudentsSetMaxBuildingChangesPerWeek";
const spec = (n: number, weight = 100, students = "Y1") =>
  buildingWeek([{ type: T, weight, fields: `\t<Students>${students}</Students>\n\t<Max_Building_Changes_Per_Week>${n}</Max_Building_Changes_Per_Week>` }]);

describe(T, () => {
  it("counts for the subgroups of that set only", () => {
    expect(ours(spec(2), WEEK).violations(T)).toBe(1);
    expect(ours(spec(0), WEEK).violations(T)).toBe(3);
    expect(ours(spec(0, 100, "Y2"), WEEK).violations(T)).toBe(1);
  });

  it("refuses a weight below 100% (as FET), an unknown students set or a bad value, naming the element", () => {
    expect(refused(spec(2, 40), `<${T}>`).path).toBe(`Space_Constraints_List/${T}[1]/Weight_Percentage`);
    expect(refused(spec(2, 100, "Y9"), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Students`, message: 'unknown students set "Y9"' });
    expect(refused(spec(-1), `<${T}>`).path).toBe(`Space_Constraints_List/${T}[1]/Max_Building_Changes_Per_Week`);
  });

  it("incremental Board agrees with the from-scratch evaluation (moves and room changes)", () => {
    expect(boardDisagreementsWithRooms(ours(spec(2), {}).problem)).toBe(0);
    expect(boardDisagreementsWithRooms(ours(spec(2, 100, "Y2"), {}).problem, 400, 3)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts a week within the limit and refuses one beyond it", () => {
      expect(theirs(spec(3), WEEK).accepted).toBe(true);
      expect(theirs(spec(2), WEEK).accepted).toBe(false);
    }, 40_000);
  });
});
