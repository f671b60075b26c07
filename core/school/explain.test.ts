import { describe, expect, it } from "vitest";
import { compileFet } from "./problem";
import { evaluateSchool } from "./evaluate";
import { explainSchool } from "./explain";
import { TINY_SCHOOL_FET } from "./test/tiny-school";

// Activities 0..6 are FET ids 1..7 (id 8 is inactive); slot = day * 4 + hour.
const problem = compileFet(TINY_SCHOOL_FET);
const timetable = {
  //                  id1 Mon 8  id2 Mon 9  id3 Tue 8  id4 Wed 8  id5 Wed 8  id6 Tue 10  id7 Wed 11
  start: Int32Array.of(0, 1, 4, 8, 8, 6, 11),
  room: Int32Array.of(-1, -1, -1, 1, -1, -1, -1),
};

describe("explainSchool", () => {
  const x = explainSchool(problem, timetable);
  const byType = (type: string) => x.constraints.find((c) => c.type === type)!;

  it("lists every violated element with type, weight, hard/soft, count and what it involves", () => {
    expect(byType("ConstraintBasicCompulsoryTime")).toMatchObject({ hard: true, weight: 100, violations: 1, teachers: ["Bob"], students: ["Y1 G1 a", "Y1 G1 b"] });
    expect(byType("ConstraintBasicCompulsoryTime").activities.map((a) => [a.id, a.subject, a.start])).toEqual([
      [4, "Art", "Wed 08:00"],
      [5, "Art", "Wed 08:00"],
    ]);
    expect(byType("ConstraintTeacherNotAvailableTimes")).toMatchObject({ hard: true, violations: 1, teachers: ["Ann"], students: ["Y1"] });
    expect(byType("ConstraintTeacherNotAvailableTimes").activities.map((a) => a.id)).toEqual([1]);
    expect(byType("ConstraintMinDaysBetweenActivities").activities.map((a) => a.id)).toEqual([1, 2, 3]);
    expect(byType("ConstraintActivityPreferredRoom")).toMatchObject({ hard: true, violations: 1, rooms: ["Hall"], path: "Space_Constraints_List/ConstraintActivityPreferredRoom[1]" });
    expect(byType("ConstraintActivityPreferredRoom").activities).toEqual([{ id: 4, subject: "Art", teachers: ["Bob"], students: ["Y1 G1 a"], start: "Wed 08:00", duration: 2, room: "Hall" }]);
    const soft = byType("ConstraintActivityPreferredStartingTime");
    expect(soft).toMatchObject({ hard: false, weight: 90, violations: 1, penalty: 0.9, teachers: ["Bob"], students: ["Y2"] });
    expect(soft.activities.map((a) => a.id)).toEqual([7]);
    expect(soft.description.length).toBeGreaterThan(10);
  });

  it("agrees with evaluateSchool: the same elements, hard total and soft penalty; hard ones first", () => {
    const e = evaluateSchool(problem, timetable);
    expect(x.hard).toBe(e.hard);
    expect(x.soft).toBeCloseTo(e.soft, 9);
    expect(x.constraints.map((c) => c.path).sort()).toEqual(e.constraints.map((c) => c.path).sort());
    expect(x.constraints.filter((c) => c.hard).reduce((s, c) => s + c.violations, 0)).toBe(e.hard);
    expect(x.constraints.reduce((s, c) => s + c.penalty, 0)).toBeCloseTo(e.soft, 9);
    const firstSoft = x.constraints.findIndex((c) => !c.hard);
    expect(x.constraints.slice(firstSoft).every((c) => !c.hard)).toBe(true);
  });

  it("names unplaced activities and says nothing about a clean timetable", () => {
    const partial = { start: Int32Array.of(5, 9, -1, 12 - 4, 2, 6, 5), room: Int32Array.of(-1, -1, -1, 0, -1, -1, -1) };
    const p = explainSchool(problem, partial);
    expect(p.unplaced).toBe(1);
    expect(p.constraints[0]).toMatchObject({ type: "Unplaced activities", hard: true, violations: 1 });
    expect(p.constraints[0].activities.map((a) => [a.id, a.start])).toEqual([[3, null]]);
    const clean = { start: Int32Array.of(9, 3, 5, 6, 8, 4, 5), room: Int32Array.of(-1, -1, -1, 0, -1, -1, -1) };
    expect(evaluateSchool(problem, clean)).toMatchObject({ hard: 0, soft: 0 });
    expect(explainSchool(problem, clean)).toEqual({ hard: 0, soft: 0, unplaced: 0, constraints: [] });
  });
});
