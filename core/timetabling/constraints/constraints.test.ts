/**
 * Every constraint on hand-built placements, checked against the competition's definitions
 * (docs/itc2007-format.md): each case states which figure the official validator prints for it.
 */
import { describe, expect, it } from "vitest";
import { evaluatePlacements } from "../evaluate";
import { readCttSolution } from "../itc/sol";
import { tiny } from "../test/fixtures";

const p = tiny();
/** A feasible, zero-cost base: A r1 d0s0 + d1s0... adjusted per test. */
function score(lines: string) {
  const read = readCttSolution(p, lines);
  return evaluatePlacements(p, read.placements);
}
// A (30 students, min 2 days) and B (10) share q1; A and C share t1; C (50) is banned at day 1 slot 2.
const BASE = "A r1 0 0\nB r2 0 1\nA r1 1 0\nB r2 1 1\nC r1 0 2\n";

describe("ITC-2007 constraints on hand-built cases", () => {
  it("base timetable: only C's capacity (50 in 40 seats)", () => {
    const e = score(BASE);
    expect(e.hard).toBe(0);
    expect(e.byConstraint.roomCapacity).toBe(10);
    expect(e.soft).toBe(10 + 2 * 0);
  });

  it("Lectures: a missing and an extra lecture count 1 each", () => {
    expect(score(BASE.replace("A r1 1 0\n", "")).byConstraint.lectures).toBe(1);
    expect(score(BASE + "B r2 0 2\n").byConstraint.lectures).toBe(1);
  });

  it("Lectures: a repeated course/period line is skipped, so it counts as missing", () => {
    const read = readCttSolution(p, BASE.replace("A r1 1 0", "A r2 0 0"));
    expect(read.warnings).toHaveLength(1);
    expect(evaluatePlacements(p, read.placements).byConstraint.lectures).toBe(1);
  });

  it("Conflicts: same curriculum or same instructor in one period, once per pair", () => {
    expect(score(BASE.replace("B r2 0 1", "B r2 0 0")).byConstraint.conflicts).toBe(1); // A-B share q1
    expect(score(BASE.replace("C r1 0 2", "C r2 1 0")).byConstraint.conflicts).toBe(1); // A-C share t1
  });

  it("Availability: a lecture in a banned period counts 1", () => {
    expect(score(BASE.replace("C r1 0 2", "C r1 1 2")).byConstraint.availability).toBe(1);
  });

  it("RoomOccupancy: n lectures in one room and period count n − 1", () => {
    expect(score(BASE.replace("C r1 0 2", "C r2 0 1")).byConstraint.roomOccupancy).toBe(1);
  });

  it("RoomCapacity: students above capacity, per lecture", () => {
    // A (30) in r2 (20) twice: 10 + 10, plus C's 10.
    expect(score(BASE.replaceAll("A r1", "A r2").replace("B r2 0 1", "B r1 0 1").replace("B r2 1 1", "B r1 1 1")).byConstraint.roomCapacity).toBe(30);
  });

  it("MinWorkingDays: 5 per missing day", () => {
    const e = score(BASE.replace("A r1 1 0", "A r1 0 2").replace("C r1 0 2", "C r1 1 0"));
    expect(e.byConstraint.minWorkingDays).toBe(5);
  });

  it("CurriculumCompactness: 2 per isolated lecture, adjacency within a day only", () => {
    // A at d0s0, B at d0s2: both isolated on day 0 (day 1 stays compact).
    expect(score(BASE.replace("B r2 0 1", "B r2 0 2").replace("C r1 0 2", "C r1 0 1")).byConstraint.curriculumCompactness).toBe(4);
    // A at d0s2 and B at d1s0 are consecutive periods but on different days: both isolated.
    const cross = "A r1 0 2\nB r2 1 0\nA r1 1 2\nB r2 0 0\nC r1 0 1\n";
    expect(score(cross).byConstraint.curriculumCompactness).toBe(8);
  });

  it("RoomStability: 1 per room beyond the first", () => {
    expect(score(BASE.replace("A r1 1 0", "A r2 1 0").replace("B r2 1 1", "B r1 1 1")).byConstraint.roomStability).toBe(2);
  });

  it("Total cost is the weighted sum", () => {
    const e = score(BASE.replace("B r2 0 1", "B r2 0 2").replace("C r1 0 2", "C r1 0 1"));
    expect(e.soft).toBe(e.byConstraint.roomCapacity + e.byConstraint.minWorkingDays + e.byConstraint.curriculumCompactness + e.byConstraint.roomStability);
  });
});
