import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../engine/random";
import { evaluate, evaluatePlacements } from "../evaluate";
import { explain } from "../explain";
import { compileTimetabling, memeticSolver, saSolver, withWarmStart } from "../index";
import { readCtt } from "../itc/ctt";
import { readCttSolution, writeCttSolution } from "../itc/sol";
import { TINY, comp } from "../test/fixtures";
import { anneal, type Incumbent } from "./anneal";
import { Board } from "./board";
import { courseDifficulty, ifsStep } from "./construct";
import { kempeMove } from "./kempe";

const comp01 = readCtt(comp("comp01"));

function solve(problem = comp01, evaluations = 300_000, seed = 1, params: Record<string, number> = { segmentMoves: 50_000 }) {
  const s = memeticSolver.init(problem, memeticSolver.parameters(params, problem), seed, { maxEvaluations: evaluations });
  while (!memeticSolver.progress(s).done) memeticSolver.step(s, { evaluations: 1e9 });
  return { state: s, best: memeticSolver.best(s) };
}

describe("incremental board", () => {
  it("keeps the evaluator's soft cost through construction, moves, swaps and Kempe chains", () => {
    const b = new Board(comp01);
    const rng = Rng.seeded(7);
    const bumps = new Int32Array(comp01.lectureCourse.length);
    const diff = courseDifficulty(b);
    for (let i = 0; i < 20_000 && b.nFree > 0; i++) ifsStep(b, rng, diff, bumps);
    expect(b.nFree).toBe(0);
    expect(evaluate(comp01, b.snapshot())).toMatchObject({ hard: 0, soft: b.soft });
    const best: Incumbent = { hard: 0, soft: Infinity, period: b.period.slice(), room: b.room.slice() };
    for (let round = 0; round < 20; round++) {
      anneal(b, rng, 2000, 1.5, 0.1, best);
      for (let k = 0; k < 50; k++) kempeMove(b, rng, 3);
      const e = evaluate(comp01, b.snapshot());
      expect(e.hard).toBe(0);
      expect(e.soft).toBe(b.soft);
    }
  });
});

describe("memetic solver", () => {
  it("round trip: read → solve → write → read → evaluate equals the solver's cost", () => {
    const { best } = solve();
    expect(best.hard).toBe(0);
    const text = writeCttSolution(comp01, best.solution);
    expect(text.trim().split("\n")).toHaveLength(160);
    const again = readCtt(comp("comp01"));
    const read = readCttSolution(again, text);
    expect(read.warnings).toEqual([]);
    const e = evaluatePlacements(again, read.placements);
    expect([e.hard, e.soft]).toEqual([best.hard, best.soft]);
  });

  it("explanation totals per constraint add up to the evaluator's and the solver's cost", () => {
    const { best } = solve(comp01, 100_000, 3);
    const ex = explain(comp01, best.solution);
    const e = evaluate(comp01, best.solution);
    const soft = ex.constraints.filter((c) => !c.hard).reduce((s, c) => s + c.total, 0);
    expect(soft).toBe(best.soft);
    expect(ex.soft).toBe(e.soft);
    for (const c of ex.constraints) {
      expect(c.total).toBe(e.byConstraint[c.constraint]);
      expect(c.items.reduce((s, i) => s + i.cost, 0)).toBe(c.total);
      for (const item of c.items) expect(item.label.length).toBeGreaterThan(10);
    }
  });

  it("is deterministic across random checkpoint/restore chunking", () => {
    const problem = readCtt(comp("comp01"));
    const params = memeticSolver.parameters({ populationSize: 2, segmentMoves: 4000 }, problem);
    const max = 40_000;
    const straight = memeticSolver.init(problem, params, 11, { maxEvaluations: max });
    memeticSolver.step(straight, { evaluations: Infinity });
    const ref = memeticSolver.best(straight);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 15_000 }), { minLength: 1, maxLength: 8 }), (chunks) => {
        let s = memeticSolver.init(problem, params, 11, { maxEvaluations: max });
        let i = 0;
        while (!memeticSolver.progress(s).done) {
          s = memeticSolver.step(s, { evaluations: chunks[i++ % chunks.length] });
          s = memeticSolver.restore(problem, memeticSolver.checkpoint(s));
        }
        const got = memeticSolver.best(s);
        expect(s.evaluations).toBe(straight.evaluations);
        expect([got.hard, got.soft]).toEqual([ref.hard, ref.soft]);
        expect([...got.solution.period]).toEqual([...ref.solution.period]);
        expect([...got.solution.room]).toEqual([...ref.solution.room]);
      }),
      { numRuns: 6 },
    );
  });

  it("never exceeds the evaluation cap and honours chunk budgets to within one iteration", () => {
    const s = saSolver.init(comp01, saSolver.parameters({}, comp01), 2, { maxEvaluations: 25_000 });
    saSolver.step(s, { evaluations: 5000 });
    expect(s.evaluations).toBeGreaterThanOrEqual(5000);
    expect(s.evaluations).toBeLessThan(5000 + 2000 + 1);
    saSolver.step(s, { evaluations: Infinity });
    expect(s.evaluations).toBe(25_000);
    expect(saSolver.progress(s).done).toBe(true);
  });

  it("never moves pinned lectures", () => {
    const { best } = solve(comp01, 60_000, 5);
    const pins = writeCttSolution(comp01, best.solution)
      .split("\n")
      .filter((_, i) => i % 7 === 0)
      .join("\n");
    const pinned = compileTimetabling({ kind: "timetabling", format: "ctt", text: comp("comp01"), pinned: pins });
    const fixed = [...pinned.pinPeriod.keys()].filter((l) => pinned.pinPeriod[l] >= 0);
    expect(fixed.length).toBeGreaterThan(10);
    const { state, best: after } = solve(pinned, 150_000, 9, { populationSize: 3, segmentMoves: 20_000 });
    expect(after.hard).toBe(0);
    const L = pinned.lectureCourse.length;
    for (let k = 0; k < 3; k++)
      for (const l of fixed) {
        expect(state.popPeriod[k * L + l]).toBe(pinned.pinPeriod[l]);
        expect(state.popRoom[k * L + l]).toBe(pinned.pinRoom[l]);
      }
    for (const l of fixed) expect([after.solution.period[l], after.solution.room[l]]).toEqual([pinned.pinPeriod[l], pinned.pinRoom[l]]);
  });

  it("leaves a pin that clashes with another pin unassigned instead of moving it", () => {
    const clash = compileTimetabling({ kind: "timetabling", format: "ctt", text: TINY, pinned: "A r1 0 0\nB r1 0 0\n" });
    const { best } = solve(clash, 20_000, 2, { segmentMoves: 2000 });
    expect(best.hard).toBe(1);
    const a = clash.courseFirstLecture[0];
    const b = clash.courseFirstLecture[1];
    expect([best.solution.period[a], best.solution.room[a]]).toEqual([0, 0]);
    expect(best.solution.period[b]).toBe(-1);
    expect(evaluate(clash, best.solution).byConstraint.lectures).toBe(1);
  });

  it("warm start: a run seeded with a solution starts from its cost", () => {
    const { best } = solve(comp01, 200_000, 4);
    const seeded = withWarmStart(comp01, best.solution);
    const s = saSolver.init(seeded, saSolver.parameters({}, seeded), 8, { maxEvaluations: 2000 });
    saSolver.step(s, { evaluations: Infinity });
    expect(saSolver.best(s).soft).toBe(best.soft);
    const fromText = compileTimetabling({ kind: "timetabling", format: "ctt", text: comp("comp01"), start: writeCttSolution(comp01, best.solution) });
    expect(evaluate(fromText, fromText.initial!).soft).toBe(best.soft);
  });
});
