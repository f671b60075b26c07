/** Island migration (emigrants / immigrate): the best timetable travels, only a better valid one is taken. */
import { describe, expect, it } from "vitest";
import { evaluate } from "../evaluate";
import { memeticSolver } from "../index";
import { readCtt } from "../itc/ctt";
import { comp } from "../test/fixtures";
import type { TimetablingState } from "./engine";

const comp01 = readCtt(comp("comp01"));
const params = memeticSolver.parameters({ populationSize: 2, segmentMoves: 5000 }, comp01);
const L = comp01.lectureCourse.length;

/** A run of `evaluations` from `seed`, stepped in one go. */
function run(seed: number, evaluations: number, max = 200_000): TimetablingState {
  const s = memeticSolver.init(comp01, params, seed, { maxEvaluations: max });
  memeticSolver.step(s, { evaluations });
  return s;
}

describe("timetabling island migration", () => {
  it("sends the best timetable as one row of periods then rooms, with its objective", () => {
    const s = run(1, 60_000);
    const m = memeticSolver.emigrants!(s, 2);
    const best = memeticSolver.best(s);
    expect(m).toMatchObject({ count: 1, width: 2 * L });
    expect([...m.rows.subarray(0, L)]).toEqual([...best.solution.period]);
    expect([...m.rows.subarray(L)]).toEqual([...best.solution.room]);
    expect(m.costs[0]).toBe(best.value);
    expect(memeticSolver.emigrants!(s, 0).count).toBe(0);
    // Nothing to send before the first complete timetable.
    expect(memeticSolver.emigrants!(memeticSolver.init(comp01, params, 1, { maxEvaluations: 1000 }), 1).count).toBe(0);
  });

  it("takes a better migrant as its best and goes on from it, feasible and scored as the evaluator scores it", () => {
    const good = run(1, 150_000);
    const poor = run(2, 3_000);
    const m = memeticSolver.emigrants!(good, 1);
    expect(memeticSolver.best(poor).value).toBeGreaterThan(m.costs[0]);
    memeticSolver.immigrate!(poor, m);
    const taken = memeticSolver.best(poor);
    expect(taken.value).toBe(m.costs[0]);
    expect([...taken.solution.period]).toEqual([...m.rows.subarray(0, L)]);
    memeticSolver.step(poor, { evaluations: 20_000 });
    const after = memeticSolver.best(poor);
    expect(after.value).toBeLessThanOrEqual(taken.value);
    expect(evaluate(comp01, after.solution)).toMatchObject({ hard: 0, soft: after.soft });
  });

  it("ignores a worse migrant and rows that are not timetables of this problem", () => {
    const good = run(1, 150_000);
    const poor = run(2, 3_000);
    const before = memeticSolver.best(good);
    memeticSolver.immigrate!(good, memeticSolver.emigrants!(poor, 1));
    expect(memeticSolver.best(good).value).toBe(before.value);

    const m = memeticSolver.emigrants!(good, 1);
    const target = run(2, 3_000);
    const value = memeticSolver.best(target).value;
    const broken = (edit: (rows: Float64Array) => void, width = m.width) => {
      const rows = m.rows.slice();
      edit(rows);
      return { count: 1, width, rows, costs: Float64Array.of(0) };
    };
    for (const bad of [
      broken(() => {}, m.width - 1), // another width
      broken((r) => (r[0] = comp01.periods)), // period out of range
      broken((r) => (r[L] = comp01.roomIds.length)), // room out of range
      broken((r) => (r[3] = 1.5)), // not an integer
      broken((r) => (r[4] = Number.NaN)),
      broken((r) => (r[L + 5] = -1)), // a period without a room
    ]) {
      memeticSolver.immigrate!(target, bad);
      expect(memeticSolver.best(target).value).toBe(value);
    }
    // The same row, intact, is taken (so the refusals above were the edits').
    memeticSolver.immigrate!(target, m);
    expect(memeticSolver.best(target).value).toBe(m.costs[0]);
  });

  it("is replayable: migrating into a state restored from its checkpoint gives the same run as into the live state", () => {
    const donor = run(1, 150_000);
    const live = run(3, 20_000);
    const restored = memeticSolver.restore(comp01, memeticSolver.checkpoint(live));
    const m = memeticSolver.emigrants!(donor, 1);
    memeticSolver.immigrate!(live, m);
    memeticSolver.immigrate!(restored, m);
    memeticSolver.step(live, { evaluations: 30_000 });
    memeticSolver.step(restored, { evaluations: 30_000 });
    const a = memeticSolver.best(live);
    const b = memeticSolver.best(restored);
    expect(b.value).toBe(a.value);
    expect([...b.solution.period]).toEqual([...a.solution.period]);
    expect([...b.solution.room]).toEqual([...a.solution.room]);
  });
});
