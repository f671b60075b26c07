/**
 * Forks of school jobs (retune.ts, reweigh.ts): the parent's checkpoint continues under the child's
 * parameters and soft weights, its current timetable as the warm start, its best re-scored.
 */
import { describe, expect, it } from "vitest";
import { ProblemError } from "../../engine/errors";
import { evaluateSchool } from "../evaluate";
import { readFet } from "../fet/read";
import { compileSchool, fetToModel, schoolSolver } from "../index";
import { reweighSchool } from "../reweigh";
import { fetText } from "../test/fet";
import { syntheticSchool } from "../test/synthetic";
import type { SchoolState } from "./engine";

const doc = { kind: "timetabling", format: "fet", text: fetText(syntheticSchool(4, 12, 5)) };
const parentProblem = compileSchool(doc);

function parentRun(evaluations = 20_000) {
  const st = schoolSolver.init(parentProblem, schoolSolver.parameters({}, parentProblem), 11, { maxEvaluations: evaluations });
  schoolSolver.step(st, { evaluations: Infinity });
  return st;
}

describe("school solver fork (retune + rescore)", () => {
  it("new soft weights: the parent's timetable carries over and the best is re-scored under the child's weights", () => {
    const parent = parentRun();
    const parentBest = schoolSolver.best(parent);
    expect(parentBest.hard).toBe(0);
    expect(parentBest.soft).toBeGreaterThan(0); // 80% preferred slots that cannot all be met
    const bytes = schoolSolver.checkpoint(parent);

    // the only soft constraint goes from 80% to 20%: every soft cost is a quarter of the parent's
    const childDoc = reweighSchool(doc, { ActivitiesPreferredTimeSlots: 20 });
    const child = compileSchool(childDoc);
    const st = schoolSolver.restore(child, bytes);
    schoolSolver.retune!(st, { initialTemperature: 0.5 }, { maxEvaluations: parent.evaluations + 10_000 });
    schoolSolver.rescore!(child, st);

    expect(Array.from(st.board.start)).toEqual(Array.from(parent.board.start));
    const rescored = schoolSolver.best(st);
    expect(rescored.hard).toBe(0);
    expect(rescored.soft).toBeCloseTo(parentBest.soft! / 4, 9);
    expect(rescored.soft).toBeCloseTo(evaluateSchool(child, rescored.solution).soft, 9);
    expect(st.params.initialTemperature).toBe(0.5);
    expect(schoolSolver.progress(st).done).toBe(false);

    // it continues to the new limit, never worse than where it started, and the best re-evaluates exactly
    schoolSolver.step(st, { evaluations: Infinity });
    const after = schoolSolver.best(st);
    expect(schoolSolver.progress(st).evaluations).toBeGreaterThanOrEqual(parent.evaluations + 10_000);
    expect(after.hard).toBe(0);
    expect(after.soft).toBeLessThanOrEqual(rescored.soft! + 1e-12);
    const e = evaluateSchool(child, after.solution);
    expect([e.hard, e.soft]).toEqual([after.hard, after.soft]);
  });

  it("a fork is reproducible: the same checkpoint, weights and limit give the same result in one run or in chunks", () => {
    const bytes = schoolSolver.checkpoint(parentRun());
    const child = compileSchool(reweighSchool(doc, { ActivitiesPreferredTimeSlots: 35 }));
    const run = (chunk: number) => {
      const st = schoolSolver.restore(child, bytes);
      schoolSolver.retune!(st, {}, { maxEvaluations: st.evaluations + 6_000 });
      schoolSolver.rescore!(child, st);
      let s: SchoolState = st;
      while (!schoolSolver.progress(s).done) s = schoolSolver.restore(child, schoolSolver.checkpoint(schoolSolver.step(s, { evaluations: chunk })));
      return schoolSolver.best(s);
    };
    const straight = run(1e12);
    const chunked = run(700);
    expect(Array.from(chunked.solution.start)).toEqual(Array.from(straight.solution.start));
    expect([chunked.hard, chunked.soft]).toEqual([straight.hard, straight.soft]);
  });

  it("refuses to re-score a state under another school (hard constraints or sizes differ)", () => {
    const bytes = schoolSolver.checkpoint(parentRun(2_000));
    const other = compileSchool({ kind: "timetabling", format: "fet", text: fetText(syntheticSchool(4, 15, 5)) });
    const st = schoolSolver.restore(parentProblem, bytes);
    expect(() => schoolSolver.rescore!(other, st)).toThrow(/activities: 48 in the saved state, 60 in the problem/);
    const hardChanged = compileSchool({ ...doc, text: doc.text.replace("<Max_Gaps>3</Max_Gaps>", "<Max_Gaps>2</Max_Gaps>") });
    expect(() => schoolSolver.rescore!(hardChanged, st)).toThrow(/hard constraints differ \(Time_Constraints_List\/ConstraintStudentsMaxGapsPerWeek\[1\]\)/);
    const hardened = compileSchool({ ...doc, text: doc.text.replace("<Weight_Percentage>80</Weight_Percentage>", "<Weight_Percentage>100</Weight_Percentage>") });
    expect(() => schoolSolver.rescore!(hardened, st)).toThrow(/hard constraints differ/);
    expect(st.problem).toBe(parentProblem);
    // the same school compiled again (another object) with other soft weights is taken over
    const again = compileSchool(reweighSchool(doc, { ActivitiesPreferredTimeSlots: 60 }));
    schoolSolver.rescore!(again, st);
    expect(st.problem).toBe(again);
    expect(st.board.p).toBe(again);
    expect(schoolSolver.best(st).soft).toBeCloseTo(evaluateSchool(again, schoolSolver.best(st).solution).soft, 9);
  });
});

describe("reweighSchool", () => {
  it("changes only the soft elements of the named types, in place in a .fet and in a JSON model", () => {
    const out = reweighSchool(doc, { ConstraintActivitiesPreferredTimeSlots: 42.5 }) as { text: string };
    const before = readFet(doc.text);
    const after = readFet(out.text);
    expect(after.timeConstraints.map((c) => c.weight)).toEqual(before.timeConstraints.map((c) => (c.type === "ConstraintActivitiesPreferredTimeSlots" ? 42.5 : c.weight)));
    // nothing else in the file moved
    expect(out.text.replace(/42\.5/g, "80")).toBe(doc.text);

    const model = { kind: "timetabling", ...fetToModel(before) };
    const m = reweighSchool(model, { ActivitiesPreferredTimeSlots: 10 }) as { timeConstraints: { type: string; weight?: number }[] };
    expect(m.timeConstraints.filter((c) => c.type === "ActivitiesPreferredTimeSlots").map((c) => c.weight)).toEqual([10]);
    expect(compileSchool(m).instances.find((i) => i.source.type === "ConstraintActivitiesPreferredTimeSlots")?.weight).toBe(10);
  });

  it("refuses hard types, weights of 0 or 100, and types the school does not have, naming the key", () => {
    const issues = (w: unknown) => {
      try {
        reweighSchool(doc, w);
      } catch (e) {
        expect(e).toBeInstanceOf(ProblemError);
        return (e as ProblemError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      }
      throw new Error("expected a ProblemError");
    };
    expect(issues({ StudentsMaxGapsPerWeek: 50 })[0]).toMatch(/^weights\.StudentsMaxGapsPerWeek: the school has no active soft/);
    expect(issues({ ActivitiesPreferredTimeSlots: 100 })[0]).toMatch(/^weights\.ActivitiesPreferredTimeSlots: must be a number greater than 0 and less than 100/);
    expect(issues({ ActivitiesPreferredTimeSlots: 0 })[0]).toMatch(/less than 100/);
    expect(issues({ "Bad type!": 5 })[0]).toMatch(/must be a FET constraint type/);
    expect(issues({ roomStability: 2 })[0]).toBe("weights.roomStability: unknown FET constraint type ConstraintroomStability (or one this engine does not support)");
    expect(issues([1])[0]).toMatch(/^weights: must be an object/);
  });
});
