/**
 * Solver.warmStart of the school solver (warm-start.ts): an edited timetable becomes the state's
 * current and best one, the search continues from it, a lesson pinned through a 100% locked
 * preferred starting time (what the platform adds, worker/jobs/school-edit.ts) stays where it was
 * pinned, and a warm-started run cut into checkpointed chunks equals the straight run.
 */
import { describe, expect, it } from "vitest";
import { evaluateSchool, type SchoolTimetable } from "../evaluate";
import { writeFet } from "../fet/write";
import { compileFet, type SchoolProblem } from "../problem";
import { schoolSolver } from "../index";
import { TINY_SCHOOL_FET } from "../test/tiny-school";

const problem = compileFet(TINY_SCHOOL_FET);
const index = (p: SchoolProblem, id: number) => p.actId.indexOf(id);

function solved(p: SchoolProblem, seed = 2): SchoolTimetable {
  const st = schoolSolver.init(p, schoolSolver.parameters({}, p), seed, { maxEvaluations: 30_000 });
  schoolSolver.step(st, { evaluations: Infinity });
  const best = schoolSolver.best(st);
  expect(best.hard).toBe(0);
  return best.solution;
}

/** The tiny school with activity `id` pinned at `slot` (a locked 100% preferred starting time). */
function pinned(id: number, slot: number): SchoolProblem {
  const start = new Int32Array(problem.nActivities).fill(-1);
  start[index(problem, id)] = slot;
  return compileFet(writeFet(problem, { start, room: new Int32Array(problem.nActivities).fill(-1) }));
}

/** A free slot for activity 7 (Bob, Y2, one hour) other than its current one, where nothing of Bob's or Y2's is. */
function otherSlot(t: SchoolTimetable): number {
  const a7 = index(problem, 7);
  const busy = new Set<number>();
  for (let a = 0; a < problem.nActivities; a++) {
    if (a === a7 || t.start[a] < 0) continue;
    for (let k = 0; k < problem.actDuration[a]; k++) busy.add(t.start[a] + k);
  }
  for (let s = problem.nSlots - 1; s >= 0; s--) if (s !== t.start[a7] && !busy.has(s)) return s;
  throw new Error("no free slot");
}

describe("school solver warmStart", () => {
  it("makes the edited timetable the current and best one, scored by the evaluator", () => {
    const t = solved(problem);
    const a7 = index(problem, 7);
    const a6 = index(problem, 6);
    // Move activity 7 (Bob, Y2) onto activity 6's slot (Ann and Bob, Y2): a clash the evaluator counts.
    const edited = { start: t.start.slice(), room: t.room.slice() };
    edited.start[a7] = t.start[a6];
    const st = schoolSolver.init(problem, schoolSolver.parameters({}, problem), 5, { maxEvaluations: 1 });
    schoolSolver.warmStart!(st, edited);
    const best = schoolSolver.best(st);
    const e = evaluateSchool(problem, edited);
    expect(e.hard).toBeGreaterThan(0);
    expect([best.hard, best.soft]).toEqual([e.hard, e.soft]);
    expect(Array.from(best.solution.start)).toEqual(Array.from(edited.start));
  });

  it("continues from the edit with the pinned lesson kept where it was pinned, to hard 0", () => {
    const t = solved(problem);
    const slot = otherSlot(t);
    const p = pinned(7, slot);
    const edited = { start: t.start.slice(), room: t.room.slice() };
    edited.start[index(p, 7)] = slot;
    const st = schoolSolver.init(p, schoolSolver.parameters({}, p), 9, { maxEvaluations: 20_000 });
    schoolSolver.warmStart!(st, edited);
    schoolSolver.step(st, { evaluations: Infinity });
    const best = schoolSolver.best(st);
    expect(best.hard).toBe(0);
    expect(best.solution.start[index(p, 7)]).toBe(slot);
    expect(evaluateSchool(p, best.solution).hard).toBe(0);
  });

  it("a unit with an unplaced member waits whole; chunked with checkpoints equals straight after a warm start", () => {
    const t = solved(problem);
    const edited = { start: t.start.slice(), room: t.room.slice() };
    edited.start[index(problem, 4)] = -1;
    edited.room[index(problem, 4)] = -1;
    const params = schoolSolver.parameters({ segmentMoves: 500 }, problem);
    const straight = schoolSolver.init(problem, params, 3, { maxEvaluations: 8_000 });
    schoolSolver.warmStart!(straight, edited);
    expect(schoolSolver.best(straight).hard).toBe(evaluateSchool(problem, edited).hard);
    schoolSolver.step(straight, { evaluations: Infinity });

    let chunked = schoolSolver.init(problem, params, 3, { maxEvaluations: 8_000 });
    schoolSolver.warmStart!(chunked, edited);
    while (!schoolSolver.progress(chunked).done) {
      chunked = schoolSolver.restore(problem, schoolSolver.checkpoint(chunked));
      schoolSolver.step(chunked, { evaluations: 700 });
    }
    expect(schoolSolver.best(chunked)).toEqual(schoolSolver.best(straight));
  });

  it("refuses a timetable that does not fit the problem, naming the activity", () => {
    const st = schoolSolver.init(problem, schoolSolver.parameters({}, problem), 1, { maxEvaluations: 1 });
    const start = new Int32Array(problem.nActivities).fill(-1);
    const room = new Int32Array(problem.nActivities).fill(-1);
    expect(() => schoolSolver.warmStart!(st, { start: start.slice(1), room })).toThrow(/starts/);
    // Activity 4 is a double lesson: it cannot start in the day's last hour.
    start[index(problem, 4)] = problem.nHours - 1;
    expect(() => schoolSolver.warmStart!(st, { start, room })).toThrow(/activity 4: does not fit/);
  });
});
