/** Forks with new soft-constraint weights: documents carry weights, and a restored state is re-scored. */
import { describe, expect, it } from "vitest";
import { ProblemError } from "../../engine/errors";
import { evaluate } from "../evaluate";
import { compileTimetabling, memeticSolver } from "../index";
import { comp } from "../test/fixtures";
import { HARD_WEIGHT } from "./engine";

const text = comp("comp01");

describe("soft-constraint weights in documents", () => {
  it("a .ctt document's weights override the competition's, the rest stay", () => {
    const p = compileTimetabling({ kind: "timetabling", format: "ctt", text, weights: { curriculumCompactness: 0, roomStability: 7 } });
    expect(p.weights).toMatchObject({ curriculumCompactness: 0, roomStability: 7, minWorkingDays: 5, roomCapacity: 1 });
  });

  it("rejects unknown constraints and bad numbers with their paths", () => {
    try {
      compileTimetabling({ kind: "timetabling", format: "ctt", text, weights: { compactness: 1, roomStability: -1 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProblemError);
      expect((e as ProblemError).issues.map((i) => i.path.join("."))).toEqual(["weights.compactness", "weights.roomStability"]);
    }
  });
});

describe("rescore after a fork with new weights", () => {
  it("every stored cost and the best equal the evaluator's under the new weights", () => {
    const before = compileTimetabling({ kind: "timetabling", format: "ctt", text });
    const params = memeticSolver.parameters({ populationSize: 4, segmentMoves: 20_000 }, before);
    const s = memeticSolver.init(before, params, 3, { maxEvaluations: 200_000 });
    while (!memeticSolver.progress(s).done) memeticSolver.step(s, { evaluations: 1e9 });
    const oldBest = memeticSolver.best(s);
    expect(oldBest.hard).toBe(0);

    const after = compileTimetabling({ kind: "timetabling", format: "ctt", text, weights: { curriculumCompactness: 0, roomStability: 20 } });
    const restored = memeticSolver.restore(after, memeticSolver.checkpoint(s));
    memeticSolver.rescore!(after, restored);

    const best = memeticSolver.best(restored);
    const e = evaluate(after, best.solution);
    expect(best.hard).toBe(e.hard);
    expect(best.soft).toBe(e.soft);
    expect(e.byConstraint.curriculumCompactness ?? 0).toBe(0);
    // The best under the new weights is at least as good as every population member under them.
    for (let i = 0; i < params.populationSize; i++) {
      const L = after.lectureCourse.length;
      const member = { period: restored.popPeriod.subarray(i * L, (i + 1) * L), room: restored.popRoom.subarray(i * L, (i + 1) * L) };
      const m = evaluate(after, member);
      expect(restored.popSoft[i]).toBe(m.soft);
      expect(best.value).toBeLessThanOrEqual(m.hard * HARD_WEIGHT + m.soft);
    }
    // And the run continues from there under the new weights.
    restored.maxEvaluations += 50_000;
    while (!memeticSolver.progress(restored).done) memeticSolver.step(restored, { evaluations: 1e9 });
    const end = memeticSolver.best(restored);
    expect(end.soft).toBe(evaluate(after, end.solution).soft);
    expect(end.value).toBeLessThanOrEqual(best.value);
  });
});
