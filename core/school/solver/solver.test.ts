import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../engine/random";
import { Board } from "../board";
import { evaluateSchool } from "../evaluate";
import { readFet } from "../fet/read";
import { writeFet } from "../fet/write";
import { compileFet, SOFT_SCALE } from "../problem";
import { schoolSolver } from "../index";
import { fetText } from "../test/fet";
import { FETCL } from "../test/harness";
import { runFetCl } from "../cli/fetcl";
import { syntheticSchool } from "../test/synthetic";

const text = fetText(syntheticSchool());
const problem = compileFet(text);

function solve(evaluations: number, seed = 1) {
  const st = schoolSolver.init(problem, schoolSolver.parameters({}, problem), seed, { maxEvaluations: evaluations });
  schoolSolver.step(st, { evaluations: Infinity });
  return { st, best: schoolSolver.best(st) };
}

describe("incremental board", () => {
  it("keeps the from-scratch evaluation through random moves", () => {
    const b = new Board(problem);
    const rng = Rng.seeded(3);
    const n = problem.nActivities;
    const starts = (a: number) => [...Array(problem.nSlots).keys()].filter((s) => problem.fits[a * problem.nSlots + s]);
    for (let a = 0; a < n; a++) b.place(a, starts(a)[rng.int(starts(a).length)], -1);
    for (let i = 0; i < 3000; i++) {
      const a = rng.int(n);
      if (i % 7 === 0) b.unplace(a);
      else {
        b.unplace(a);
        const l = starts(a);
        b.place(a, l[rng.int(l.length)], -1);
      }
      if (i % 500 === 0) {
        const e = evaluateSchool(problem, { start: b.start, room: b.room });
        expect([b.hard, b.soft / SOFT_SCALE]).toEqual([e.hard, e.soft]);
      }
    }
  });
});

describe("school solver", () => {
  it("reaches zero hard violations on a feasible school and its best re-evaluates to the same costs", () => {
    const { best } = solve(400_000);
    expect(best.hard).toBe(0);
    const e = evaluateSchool(problem, best.solution);
    expect([e.hard, e.soft]).toEqual([best.hard, best.soft]);
    expect([...best.solution.start].every((s) => s >= 0)).toBe(true);
  });

  it("is deterministic across random checkpoint/restore chunking", () => {
    const params = schoolSolver.parameters({ segmentMoves: 5000 }, problem);
    const max = 60_000;
    const straight = schoolSolver.init(problem, params, 11, { maxEvaluations: max });
    schoolSolver.step(straight, { evaluations: Infinity });
    const ref = schoolSolver.best(straight);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 6 }), (chunks) => {
        let s = schoolSolver.init(problem, params, 11, { maxEvaluations: max });
        let i = 0;
        while (!schoolSolver.progress(s).done) {
          s = schoolSolver.step(s, { evaluations: chunks[i++ % chunks.length] });
          s = schoolSolver.restore(problem, schoolSolver.checkpoint(s));
        }
        const got = schoolSolver.best(s);
        expect(s.evaluations).toBe(straight.evaluations);
        expect([got.hard, got.soft]).toEqual([ref.hard, ref.soft]);
        expect([...got.solution.start]).toEqual([...ref.solution.start]);
        expect([...got.solution.room]).toEqual([...ref.solution.room]);
      }),
      { numRuns: 5 },
    );
  });

  it("with breakout weighting and ejection tabu on: reaches zero hard, raises weights only on hard rules, and chunked runs equal the straight run", () => {
    const params = schoolSolver.parameters({ breakoutCap: 8, ejectTabu: 5, segmentMoves: 5000 }, problem);
    const max = 200_000;
    const straight = schoolSolver.init(problem, params, 7, { maxEvaluations: max });
    schoolSolver.step(straight, { evaluations: Infinity });
    const ref = schoolSolver.best(straight);
    expect(ref.hard).toBe(0);
    // weights stay within 1 .. cap, and only hard teacher / subgroup rules are ever raised
    problem.resources.forEach((r, i) => {
      expect(straight.resWeight[i]).toBeGreaterThanOrEqual(1);
      expect(straight.resWeight[i]).toBeLessThanOrEqual(8);
      if (r.weight < 100) expect(straight.resWeight[i]).toBe(1);
    });
    let s = schoolSolver.init(problem, params, 7, { maxEvaluations: max });
    while (!schoolSolver.progress(s).done) {
      s = schoolSolver.step(s, { evaluations: 3_333 });
      s = schoolSolver.restore(problem, schoolSolver.checkpoint(s));
    }
    expect([...s.resWeight]).toEqual([...straight.resWeight]);
    expect([...schoolSolver.best(s).solution.start]).toEqual([...ref.solution.start]);
  });

  it("never runs past the evaluation cap by more than one iteration", () => {
    const st = schoolSolver.init(problem, schoolSolver.parameters({}, problem), 2, { maxEvaluations: 20_000 });
    schoolSolver.step(st, { evaluations: 5000 });
    expect(schoolSolver.progress(st).done).toBe(false);
    expect(st.evaluations).toBeGreaterThanOrEqual(5000);
    // the chunk stopped right after the iteration that crossed the budget
    expect(st.evaluations - st.lastIterationEvaluations).toBeLessThan(5000);
    schoolSolver.step(st, { evaluations: Infinity });
    expect(schoolSolver.progress(st).done).toBe(true);
    expect(st.evaluations).toBeGreaterThanOrEqual(20_000);
    expect(st.evaluations - st.lastIterationEvaluations).toBeLessThan(20_000);
  });
});

describe("writer", () => {
  it("writes the input plus one locked starting time per activity; FET-readable and the same verdict", () => {
    const { best } = solve(400_000, 5);
    const out = writeFet(problem, best.solution);
    const back = readFet(out);
    const locks = back.timeConstraints.filter((c) => c.type === "ConstraintActivityPreferredStartingTime");
    expect(locks).toHaveLength(problem.nActivities);
    expect(locks.every((c) => c.weight === 100 && c.node.children.some((n) => n.name === "Permanently_Locked" && n.text === "true"))).toBe(true);
    expect(out.startsWith(text.slice(0, text.indexOf("</Time_Constraints_List>")))).toBe(true);
    const again = compileFet(out);
    const e = evaluateSchool(again, best.solution);
    expect(e.hard).toBe(0);
    if (FETCL) expect(runFetCl(out, 20).success).toBe(true);
    else console.warn("fet-cl not installed: skipping FET's check of the written timetable");
  }, 60_000);
});
