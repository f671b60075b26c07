import { describe, expect, it } from "vitest";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs } from "../test/rooms";
import { TAG_WEEK, tagWeek } from "../test/tags";

const T = "ConstraintStudentsSetActivityTagMaxHoursContinuously";
const spec = (n: number, weight = 100, tag = "A") =>
  tagWeek(T, weight, `\t<Students>Y1</Students>\n\t<Activity_Tag>${tag}</Activity_Tag>\n\t<Maximum_Hours_Continuously>${n}</Maximum_Hours_Continuously>`);

describe(T, () => {
  it("one violation per run of consecutive tagged hours longer than the maximum, per subgroup", () => {
    expect(ours(spec(1), TAG_WEEK).violations(T)).toBe(2); // Y1 only: runs of 3 and 2
    expect(ours(spec(2), TAG_WEEK).violations(T)).toBe(1);
    expect(ours(spec(3), TAG_WEEK).violations(T)).toBe(0);
  });

  it("is soft below 100%", () => {
    const e = ours(spec(2, 40), TAG_WEEK).evaluation;
    expect(e.hard).toBe(0);
    expect(e.soft).toBeCloseTo(0.4 * 1);
  });

  it("refuses bad references and values, naming the element", () => {
    expect(refused(spec(1, 100, "Nope"), `<${T}>`)).toMatchObject({ message: 'unknown activity tag "Nope"' });
    expect(refused(spec(99), `<${T}>`).path).toBe(`Time_Constraints_List/${T}[1]/Maximum_Hours_Continuously`);
    const bad = { ...spec(1), time: [spec(1).time![0].replace("<Students>Y1</Students>", "<Students>Y9</Students>")] };
    expect(refused(bad, `<${T}>`)).toMatchObject({ path: `Time_Constraints_List/${T}[1]/Students`, message: 'unknown students set "Y9"' });
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreementsWithRooms(ours(spec(2), {}).problem)).toBe(0);
    expect(boardDisagreementsWithRooms(ours(spec(2, 70), {}).problem, 400, 3)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts a week within the limit, refuses one beyond it at 100%, same soft conflicts below", () => {
      expect(theirs(spec(3), TAG_WEEK).accepted).toBe(true);
      expect(theirs(spec(2), TAG_WEEK).accepted).toBe(false);
      const soft = theirs(spec(2, 50), TAG_WEEK);
      expect(soft.accepted).toBe(true);
      expect(soft.softConflicts).toBeCloseTo(ours(spec(2, 50), TAG_WEEK).evaluation.soft);
    }, 40_000);
  });
});
