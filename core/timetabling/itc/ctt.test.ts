import { describe, expect, it } from "vitest";
import { ProblemError } from "../../engine/errors";
import { TINY, comp } from "../test/fixtures";
import { readCtt } from "./ctt";

function issues(text: string) {
  try {
    readCtt(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemError);
    return (e as ProblemError).issues;
  }
  throw new Error("expected a ProblemError");
}

describe("readCtt", () => {
  it("reads the tiny instance with derived conflicts", () => {
    const p = readCtt(TINY);
    expect(p.courseIds).toEqual(["A", "B", "C"]);
    expect(p.periods).toBe(6);
    expect(p.lectureCourse.length).toBe(5);
    expect([...p.courseConflicts[0]]).toEqual([1, 2]); // A: curriculum with B, instructor with C
    expect([...p.courseConflicts[1]]).toEqual([0]);
    expect(p.courseUnavailable[2 * 6 + 5]).toBe(1);
  });

  it("reads comp01 with the figures in FORMAT.md", () => {
    const p = readCtt(comp("comp01"));
    expect([p.courseIds.length, p.lectureCourse.length, p.roomIds.length, p.days, p.slotsPerDay, p.curriculumIds.length]).toEqual([30, 160, 6, 5, 6, 14]);
  });

  it("names the line of an unknown course in a curriculum", () => {
    const [i] = issues(TINY.replace("q1 2 A B", "q1 2 A Z"));
    expect(i.line).toBe(19);
    expect(i.column).toBe(8);
    expect(i.message).toMatch(/unknown course Z/);
  });

  it("names the line of an unknown course in an unavailability constraint", () => {
    const [i] = issues(TINY.replace("C 1 2", "X 1 2"));
    expect(i.line).toBe(22);
    expect(i.message).toMatch(/unknown course X/);
  });

  it("rejects a negative capacity on its line and column", () => {
    const [i] = issues(TINY.replace("r2 20", "r2 -5"));
    expect(i.line).toBe(16);
    expect(i.column).toBe(4);
    expect(i.message).toMatch(/capacity of room r2 must be at least 0/);
  });

  it("reports a section holding fewer records than the header announced", () => {
    const [i] = issues(TINY.replace("Courses: 3", "Courses: 4"));
    expect(i.message).toMatch(/COURSES: has 3 courses but the header announced 4/);
    expect(i.line).toBe(14); // the ROOMS: line that ended the section
  });

  it("rejects more lectures than periods × rooms", () => {
    const all = issues(TINY.replace("Rooms: 2", "Rooms: 1").replace("r2 20\n", "").replace("B t2 2 1 10", "B t2 4 1 10"));
    expect(all.some((i) => /7 lectures cannot fit in 6 periods × 1 rooms/.test(i.message))).toBe(true);
  });

  it("rejects an out-of-range day and a missing END.", () => {
    const all = issues(TINY.replace("C 1 2", "C 2 2").replace("END.", ""));
    expect(all.map((i) => i.message)).toEqual(expect.arrayContaining([expect.stringMatching(/day 2 is out of range/), expect.stringMatching(/expected "END."/)]));
  });

  it("rejects a bad header value with its line", () => {
    const [i] = issues(TINY.replace("Days: 2", "Days: two"));
    expect(i.line).toBe(4);
    expect(i.message).toMatch(/Days must be an integer/);
  });
});
