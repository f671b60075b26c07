import { describe, expect, it } from "vitest";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs } from "../test/rooms";
import { TAG_WEEK, tagWeek } from "../test/tags";

const T = "ConstraintTeacherActivityTagMaxHoursDaily";
const spec = (n: number, weight = 100, tag = "A") =>
  tagWeek(T, weight, `\t<Teacher_Name>T1</Teacher_Name>\n\t<Activity_Tag_Name>${tag}</Activity_Tag_Name>\n\t<Maximum_Hours_Daily>${n}</Maximum_Hours_Daily>`);

describe(T, () => {
  it("one violation per day with more tagged hours than the maximum (untagged hours not counted)", () => {
    expect(ours(spec(1), TAG_WEEK).violations(T)).toBe(2);
    expect(ours(spec(2), TAG_WEEK).violations(T)).toBe(1);
    expect(ours(spec(3), TAG_WEEK).violations(T)).toBe(1); // day 0 has 4 tagged hours and one untagged
    expect(ours(spec(4), TAG_WEEK).violations(T)).toBe(0);
    expect(ours(spec(0, 100, "B"), TAG_WEEK).violations(T)).toBe(0);
  });

  it("is soft below 100%", () => {
    const e = ours(spec(1, 40), TAG_WEEK).evaluation;
    expect(e.hard).toBe(0);
    expect(e.soft).toBeCloseTo(0.4 * 2);
  });

  it("refuses bad references and values, naming the element", () => {
    expect(refused(spec(1, 100, "Nope"), `<${T}>`)).toMatchObject({ message: 'unknown activity tag "Nope"' });
    expect(refused(spec(9), `<${T}>`).path).toBe(`Time_Constraints_List/${T}[1]/Maximum_Hours_Daily`);
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreementsWithRooms(ours(spec(1), {}).problem)).toBe(0);
    expect(boardDisagreementsWithRooms(ours(spec(1, 70), {}).problem, 400, 3)).toBe(0);
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("accepts a week within the limit, refuses one beyond it at 100%, same soft conflicts below", () => {
      expect(theirs(spec(4), TAG_WEEK).accepted).toBe(true);
      expect(theirs(spec(1), TAG_WEEK).accepted).toBe(false);
      const soft = theirs(spec(1, 50), TAG_WEEK);
      expect(soft.accepted).toBe(true);
      expect(soft.softConflicts).toBeCloseTo(ours(spec(1, 50), TAG_WEEK).evaluation.soft);
    }, 40_000);
  });
});
