import { describe, expect, it } from "vitest";
import { boardDisagreements, breaks, element, ourVerdict, studentsNotAvailable, type LockedSpec } from "../test/locked";
import { busyEdges, busyInInterval, daysOverSpan, firstBusy, lastBusy, lateStartOfDay, lateStarts, missingHours, runsLongerThan, shortRests, spanOfDay } from "./resource-scope";

/** One day's occupancy from a picture: X = busy, anything else free. */
const day = (row: string) => Int32Array.from(row, (c) => (c === "X" ? 1 : 0));
const mask = (row: string) => Uint8Array.from(row, (c) => (c === "b" ? 1 : 0));

describe("per-day measures", () => {
  it("runsLongerThan counts maximal busy runs over the maximum", () => {
    expect(runsLongerThan(day("XXX.XX"), 0, 6, 1)).toBe(2);
    expect(runsLongerThan(day("XXX.XX"), 0, 6, 2)).toBe(1);
    expect(runsLongerThan(day("XXXXXX"), 0, 6, 5)).toBe(1);
    expect(runsLongerThan(day("......"), 0, 6, 0)).toBe(0);
  });

  it("spanOfDay is first to last busy hour inclusive, 0 when empty", () => {
    expect(spanOfDay(day(".X..X."), 0, 6)).toBe(4);
    expect(spanOfDay(day("...X.."), 0, 6)).toBe(1);
    expect(spanOfDay(day("......"), 0, 6)).toBe(0);
  });

  it("busyInInterval looks at [from, to) only", () => {
    expect(busyInInterval(day("...X.."), 0, 0, 3)).toBe(0);
    expect(busyInInterval(day("...X.."), 0, 3, 4)).toBe(1);
  });

  it("lateStartOfDay counts usable free hours before the first lesson, capped at 2", () => {
    const none = mask("......");
    expect(lateStartOfDay(day("X....."), none, 0, 6)).toBe(0);
    expect(lateStartOfDay(day(".X...."), none, 0, 6)).toBe(1);
    expect(lateStartOfDay(day("....X."), none, 0, 6)).toBe(2);
    expect(lateStartOfDay(day("......"), none, 0, 6)).toBe(0);
    expect(lateStartOfDay(day("..X..."), mask("b....."), 0, 6)).toBe(1); // the blocked first hour is skipped
  });

  it("lateStarts: days starting too late, plus second-hour starts beyond the maximum", () => {
    expect(lateStarts(Int32Array.of(0, 1, 2, 1), 4, 1)).toBe(1 + 2);
    expect(lateStarts(Int32Array.of(0, 1, 0, 1), 4, 2)).toBe(0);
  });

  it("busyEdges packs the first and last busy hour, 0 when empty", () => {
    const v = busyEdges(day(".X..X."), 0, 6);
    expect(firstBusy(v, 6)).toBe(1);
    expect(lastBusy(v, 6)).toBe(4);
    expect(busyEdges(day("......"), 0, 6)).toBe(0);
  });

  it("shortRests counts consecutive-day pairs resting less than the minimum; empty days rest a whole day", () => {
    const edges = ["X....X", "XX....", "......", "....XX"].map((r) => busyEdges(day(r), 0, 6));
    const v = Int32Array.from(edges);
    expect(shortRests(v, 4, 6, 1, false)).toBe(1); // D0 → D1 rests 0
    expect(shortRests(v, 4, 6, 1, true)).toBe(2); // and D3 → D0 rests 0
    expect(shortRests(Int32Array.of(edges[3], edges[0]), 2, 6, 1, true)).toBe(1); // D3 → D0 rests 0, D0 → D3 rests 0 + 4
    expect(shortRests(v, 4, 6, 6, true)).toBe(2);
  });

  it("missingHours skips empty days only when allowed", () => {
    expect(missingHours(Int32Array.of(1, 0, 3), 3, 2, true)).toBe(1);
    expect(missingHours(Int32Array.of(1, 0, 3), 3, 2, false)).toBe(3);
  });

  it("daysOverSpan forgives one day of exactly max + 1 when allowed", () => {
    expect(daysOverSpan(Int32Array.of(4, 4, 2), 3, 3, true)).toBe(1);
    expect(daysOverSpan(Int32Array.of(4, 4, 2), 3, 3, false)).toBe(2);
    expect(daysOverSpan(Int32Array.of(5, 2, 2), 3, 3, true)).toBe(1);
  });
});

describe("all resource types together", () => {
  // A busier school: lessons of 1 to 3 hours, a break, a not-available hour, every type at mixed weights.
  const years = [{ name: "Y", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, "G2"] }];
  const who = [
    { teachers: ["T"], students: ["S1"] },
    { teachers: ["U"], students: ["G1"] },
    { teachers: ["T", "U"], students: ["G2"] },
    { teachers: ["V"], students: ["Y"] },
    { teachers: ["V"], students: ["S2"] },
  ];
  const activities = Array.from({ length: 18 }, (_, i) => ({ ...who[i % who.length], day: i % 4, hour: (i * 5) % 6, duration: 1 + (i % 3) })).map((a) => ({
    ...a,
    hour: Math.min(a.hour, 6 - a.duration),
  }));
  const w = (i: number) => (i % 3 === 0 ? 100 : 35 + i);
  const E = (type: string, i: number, fields: Record<string, string | number | boolean>) => element(`Constraint${type}`, w(i), fields);
  const constraints = [
    E("TeachersMaxHoursDaily", 0, { Maximum_Hours_Daily: 3 }),
    E("TeacherMaxHoursDaily", 1, { Teacher_Name: "T", Maximum_Hours_Daily: 2 }),
    E("TeacherMinHoursDaily", 2, { Teacher_Name: "U", Minimum_Hours_Daily: 2, Allow_Empty_Days: true }),
    E("TeachersMaxGapsPerDay", 3, { Max_Gaps: 1 }),
    E("StudentsSetMinHoursDaily", 4, { Students: "G1", Minimum_Hours_Daily: 2, Allow_Empty_Days: false }),
    E("TeachersMinHoursDaily", 5, { Minimum_Hours_Daily: 2, Allow_Empty_Days: true }),
    E("StudentsMinHoursDaily", 6, { Minimum_Hours_Daily: 3, Allow_Empty_Days: false }),
    E("StudentsSetMaxGapsPerWeek", 7, { Students: "Y", Max_Gaps: 1 }),
    E("StudentsEarlyMaxBeginningsAtSecondHour", 8, { Max_Beginnings_At_Second_Hour: 1 }),
    E("StudentsSetEarlyMaxBeginningsAtSecondHour", 9, { Students: "G2", Max_Beginnings_At_Second_Hour: 0 }),
    E("TeachersMaxHoursContinuously", 10, { Maximum_Hours_Continuously: 2 }),
    E("TeacherMaxGapsPerDay", 11, { Teacher_Name: "V", Max_Gaps: 0 }),
    E("TeachersMaxDaysPerWeek", 12, { Max_Days_Per_Week: 2 }),
    E("StudentsMaxHoursDaily", 13, { Maximum_Hours_Daily: 4 }),
    E("TeacherMaxHoursContinuously", 14, { Teacher_Name: "U", Maximum_Hours_Continuously: 1 }),
    E("StudentsSetMaxHoursDaily", 15, { Students: "S1", Maximum_Hours_Daily: 2 }),
    E("TeacherMinDaysPerWeek", 16, { Teacher_Name: "T", Minimum_Days_Per_Week: 3 }),
    E("TeacherIntervalMaxDaysPerWeek", 17, { Teacher_Name: "V", Interval_Start_Hour: "H3", Interval_End_Hour: "", Max_Days_Per_Week: 1 }),
    E("StudentsSetMaxGapsPerDay", 18, { Students: "G1", Max_Gaps: 0 }),
    E("StudentsSetIntervalMaxDaysPerWeek", 19, { Students: "G2", Interval_Start_Hour: "H0", Interval_End_Hour: "H2", Max_Days_Per_Week: 1 }),
    E("StudentsMaxGapsPerDay", 20, { Max_Gaps: 1 }),
    E("TeachersIntervalMaxDaysPerWeek", 21, { Interval_Start_Hour: "H4", Interval_End_Hour: "", Max_Days_Per_Week: 1 }),
    E("StudentsMaxHoursContinuously", 22, { Maximum_Hours_Continuously: 3 }),
    E("StudentsIntervalMaxDaysPerWeek", 23, { Interval_Start_Hour: "H0", Interval_End_Hour: "H1", Max_Days_Per_Week: 2 }),
    E("TeachersMaxSpanPerDay", 24, { Max_Span: 4, Allow_One_Day_Exception_of_Plus_One: true }),
    E("TeacherMinRestingHours", 25, { Teacher_Name: "T", Minimum_Resting_Hours: 4, Circular: true }),
    E("TeachersMinDaysPerWeek", 26, { Minimum_Days_Per_Week: 2 }),
    E("TeacherMaxSpanPerDay", 27, { Teacher_Name: "U", Max_Span: 3 }),
    E("TeachersMinRestingHours", 28, { Minimum_Resting_Hours: 3, Circular: false }),
    E("StudentsSetMinRestingHours", 29, { Students: "G1", Minimum_Resting_Hours: 5, Circular: true }),
    E("StudentsMinRestingHours", 30, { Minimum_Resting_Hours: 2, Circular: false }),
    E("StudentsMaxSpanPerDay", 31, { Max_Span: 3 }),
    E("StudentsSetMaxHoursContinuously", 32, { Students: "G1", Maximum_Hours_Continuously: 2 }),
    E("StudentsSetMaxSpanPerDay", 33, { Students: "Y", Max_Span: 4 }),
    E("StudentsSetMaxDaysPerWeek", 34, { Students: "G2", Max_Days_Per_Week: 2 }),
    E("StudentsMaxDaysPerWeek", 35, { Max_Days_Per_Week: 3 }),
    breaks([
      [0, 3],
      [2, 3],
    ]),
    studentsNotAvailable("S2", [
      [1, 0],
      [3, 5],
    ]),
  ];
  const spec: LockedSpec = { days: 4, hours: 6, teachers: ["T", "U", "V"], years, activities, constraints };

  it("compiles every type and counts something for most of them on a busy timetable", () => {
    const v = ourVerdict(spec);
    const counted = new Set(v.evaluation.constraints.map((c) => c.type));
    expect(counted.size).toBeGreaterThanOrEqual(20);
  });

  it("keeps the incremental Board equal to the from-scratch evaluation over many random moves", () => {
    const p = ourVerdict(spec).problem;
    expect(boardDisagreements(p, 1500, 1)).toBe(0);
    expect(boardDisagreements(p, 1500, 99)).toBe(0);
  });
});
