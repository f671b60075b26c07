/** Relaxed annealing (hardWeight > 0): conflicts are allowed at a cost, counted exactly, and never recorded as a result. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../engine/random";
import { evaluate } from "../evaluate";
import { memeticSolver, saSolver } from "../index";
import { readCtt } from "../itc/ctt";
import { comp } from "../test/fixtures";
import { anneal, type Incumbent } from "./anneal";
import { Board } from "./board";
import { feasibleBoard } from "../test/feasible-board";
import { conflictWeight, STRICT_RATIO } from "./temperature";
import { kempeMove } from "./kempe";

const comp01 = readCtt(comp("comp01"));

/** Conflict units counted from scratch: per curriculum and per instructor, lectures in one period beyond the first. */
function recount(b: Board): number {
  const pr = b.pr;
  const q = new Map<string, number>();
  const bump = (key: string) => q.set(key, (q.get(key) ?? 0) + 1);
  for (let l = 0; l < b.period.length; l++) {
    const p = b.period[l];
    if (p < 0) continue;
    const c = pr.lectureCourse[l];
    for (const cu of pr.courseCurricula[c]) bump(`q${cu}:${p}`);
    if (pr.courseInstructor[c] >= 0) bump(`t${pr.courseInstructor[c]}:${p}`);
  }
  let n = 0;
  for (const v of q.values()) n += Math.max(0, v - 1);
  return n;
}

describe("conflict weight", () => {
  it("is 0 without a weight, grows as the temperature falls, and turns strict only on a conflict-free board", () => {
    expect(conflictWeight(0, 2.5, 1, 0)).toBe(0);
    expect(conflictWeight(2, 2.5, 2.5, 3)).toBe(2);
    expect(conflictWeight(2, 2.5, 0.5, 3)).toBe(10);
    // weight / T = 2 * 2.5 / 0.1 / 0.1 = 500 > STRICT_RATIO: strict once no conflict is left.
    expect(500).toBeGreaterThan(STRICT_RATIO);
    expect(conflictWeight(2, 2.5, 0.1, 1)).toBeCloseTo(50);
    expect(conflictWeight(2, 2.5, 0.1, 0)).toBe(0);
    // Hot: conflicts stay allowed even on a conflict-free board.
    expect(conflictWeight(2, 2.5, 2, 0)).toBeCloseTo(2.5);
  });
});

describe("relaxed annealing", () => {
  it("counts conflicts exactly, rebuilds the same board from the timetable, and records only conflict-free timetables", () => {
    const b = feasibleBoard(comp01, 4);
    const rng = Rng.seeded(9);
    const best: Incumbent = { hard: 0, soft: b.soft, period: b.period.slice(), room: b.room.slice() };
    let sawConflicts = 0;
    for (let round = 0; round < 30; round++) {
      // Hot enough that conflicts are taken in.
      anneal(b, rng, 2000, 20, 0.05, best, 2);
      for (let k = 0; k < 30; k++) kempeMove(b, rng, 20, 2);
      expect(b.conflicts).toBe(recount(b));
      expect(b.nFree).toBe(0);
      if (b.conflicts > 0) sawConflicts++;
      else expect(evaluate(comp01, b.snapshot())).toMatchObject({ hard: 0, soft: b.soft });
      const again = Board.from(comp01, b.snapshot(), true);
      expect([again.conflicts, again.soft, again.nFree]).toEqual([b.conflicts, b.soft, 0]);
      const e = evaluate(comp01, best);
      expect([e.hard, e.soft]).toEqual([0, best.soft]);
    }
    expect(sawConflicts).toBeGreaterThan(10);
    // Cold: the weight drives the conflicts out again.
    anneal(b, rng, 200_000, 0.05, 0.02, best, 2);
    expect(b.conflicts).toBe(0);
    expect(evaluate(comp01, b.snapshot())).toMatchObject({ hard: 0, soft: b.soft });
  });

  it("is deterministic across random checkpoint/restore chunking", () => {
    const params = memeticSolver.parameters({ populationSize: 2, segmentMoves: 4000, hardWeight: 1, initialTemperature: 10 }, comp01);
    const max = 40_000;
    const straight = memeticSolver.init(comp01, params, 5, { maxEvaluations: max });
    memeticSolver.step(straight, { evaluations: Infinity });
    const ref = memeticSolver.best(straight);
    expect(ref.hard).toBe(0);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 15_000 }), { minLength: 1, maxLength: 8 }), (chunks) => {
        let s = memeticSolver.init(comp01, params, 5, { maxEvaluations: max });
        let i = 0;
        while (!memeticSolver.progress(s).done) {
          s = memeticSolver.step(s, { evaluations: chunks[i++ % chunks.length] });
          s = memeticSolver.restore(comp01, memeticSolver.checkpoint(s));
        }
        const got = memeticSolver.best(s);
        expect([got.hard, got.soft]).toEqual([ref.hard, ref.soft]);
        expect([...got.solution.period]).toEqual([...ref.solution.period]);
        expect([...got.solution.room]).toEqual([...ref.solution.room]);
      }),
      { numRuns: 6 },
    );
  });

  it("ends with a conflict-free best that the evaluator agrees with (plain annealing)", () => {
    const s = saSolver.init(comp01, saSolver.parameters({ hardWeight: 2 }, comp01), 3, { maxEvaluations: 300_000 });
    while (!saSolver.progress(s).done) saSolver.step(s, { evaluations: 1e9 });
    const best = saSolver.best(s);
    const e = evaluate(comp01, best.solution);
    expect([e.hard, e.soft]).toEqual([0, best.soft]);
    expect(best.hard).toBe(0);
  });
});
