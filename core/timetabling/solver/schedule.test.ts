/** Single-stage annealing on finite budgets, the instance temperature scale, and timed runs. */
import { describe, expect, it } from "vitest";
import { memeticSolver, saSolver } from "../index";
import { readCtt } from "../itc/ctt";
import { comp } from "../test/fixtures";
import { finalLength, type TimetablingState } from "./engine";
import { CURRICULA_PER_COURSE_REFERENCE, temperatureScale } from "./temperature";
import { runTimed } from "./timed";

const comp01 = readCtt(comp("comp01"));

describe("temperatureScale (start temperature from the instance's curricula per course)", () => {
  it("is 1 when courses sit in few curricula, and grows with curricula per course and the compactness weight", () => {
    // comp01: 14 curricula over 30 courses, 1.4 per course.
    expect(temperatureScale(comp01)).toBe(1);
    const many = { ...comp01, courseCurricula: comp01.courseCurricula.map(() => Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])) };
    expect(temperatureScale(many)).toBeCloseTo(10 / CURRICULA_PER_COURSE_REFERENCE, 10);
    const heavier = { ...many, weights: { ...many.weights, curriculumCompactness: 4 } };
    expect(temperatureScale(heavier)).toBeCloseTo(20 / CURRICULA_PER_COURSE_REFERENCE, 10);
    const none = { ...many, weights: { ...many.weights, curriculumCompactness: 0 } };
    expect(temperatureScale(none)).toBe(1);
  });
});

function run(solver: typeof memeticSolver, params: Record<string, number>, max: number, seed = 3): TimetablingState {
  const s = solver.init(comp01, solver.parameters(params, comp01), seed, { maxEvaluations: max });
  while (!solver.progress(s).done) solver.step(s, { evaluations: 1e9 });
  return s;
}

describe("finite budgets end with one long anneal", () => {
  it("a population of one anneals once over the whole budget", () => {
    const s = run(saSolver, {}, 200_000);
    expect(s.segment).toBe(1);
    expect(s.segFinal).toBe(1);
    expect(s.best.hard).toBe(0);
  });

  it("a population anneals its best for the last finalShare of the budget", () => {
    const max = 300_000;
    const s = run(memeticSolver, { segmentMoves: 10_000, finalShare: 0.6 }, max);
    expect(s.segFinal).toBe(1);
    // The final segment started once no more than 60 % of the budget was left, and ran to the end.
    expect(s.evaluations - s.segLength).toBeGreaterThanOrEqual(0.4 * max - 2000);
    expect(s.segMoves).toBe(s.segLength);
    expect(s.segment).toBeGreaterThan(3);
  });

  it("the final anneal starts at finalStartShare of the segments' start temperature; the population's first segments do not", () => {
    for (const share of [1, 0.5, 0.25]) {
      const s = memeticSolver.init(comp01, memeticSolver.parameters({ segmentMoves: 10_000, finalStartShare: share }, comp01), 3, { maxEvaluations: 300_000 });
      const starts: { final: number; t0: number }[] = [];
      let segment = 0;
      while (!memeticSolver.progress(s).done) {
        memeticSolver.step(s, { evaluations: 2000 });
        if (s.segment !== segment) starts.push({ final: s.segFinal, t0: s.segT0 });
        segment = s.segment;
      }
      const T0 = s.params.initialTemperature * temperatureScale(comp01);
      // Polishing the constructed members: the full start temperature, whatever the share.
      expect(starts[0]).toEqual({ final: 0, t0: T0 });
      const finals = starts.filter((x) => x.final === 1);
      expect(finals.length).toBe(1);
      expect(finals[0].t0).toBeCloseTo(share * T0, 12);
      expect(s.best.hard).toBe(0);
    }
  });

  it("retune stretches the final anneal to the new limit", () => {
    const s = saSolver.init(comp01, saSolver.parameters({}, comp01), 5, { maxEvaluations: 100_000 });
    saSolver.step(s, { evaluations: 50_000 });
    expect(s.phase).toBe(1);
    saSolver.retune!(s, {}, { maxEvaluations: 400_000 });
    expect(s.segLength - s.segMoves).toBe(400_000 - s.evaluations);
    while (!saSolver.progress(s).done) saSolver.step(s, { evaluations: 1e9 });
    expect(s.segment).toBe(1);
    expect(s.evaluations).toBe(400_000);
  });
});

describe("final anneals no longer than finalAnnealEvaluations", () => {
  it("splits the final part of the budget into the fewest equal anneals no longer than the cap", () => {
    expect(finalLength(0, 1000, 0)).toBe(1000);
    expect(finalLength(0, 1000, 1000)).toBe(1000);
    expect(finalLength(0, 1001, 1000)).toBe(501);
    expect(finalLength(0, 2500, 1000)).toBe(833);
    // Part-way through an anneal (a retune): its length is planned with what it has done.
    expect(finalLength(400, 2100, 1000)).toBe(833);
    // Never shorter than what is done.
    expect(finalLength(900, 1600, 1000)).toBe(901);
  });

  it("a population runs several final anneals from its best and keeps the best; a cap above the budget changes nothing", () => {
    const max = 400_000;
    const finals: number[] = [];
    const s = memeticSolver.init(comp01, memeticSolver.parameters({ segmentMoves: 10_000, finalAnnealEvaluations: 100_000 }, comp01), 3, { maxEvaluations: max });
    let segment = 0;
    while (!memeticSolver.progress(s).done) {
      memeticSolver.step(s, { evaluations: 2000 });
      if (s.segment !== segment && s.segFinal === 1 && s.segLength <= 100_000) finals.push(s.segLength);
      segment = s.segment;
    }
    // 70 % of 400,000 in anneals of at most 100,000: three of about 93,000.
    expect(finals.length).toBe(3);
    for (const f of finals) expect(Math.abs(f - (0.7 * max) / 3)).toBeLessThan(2000);
    expect(s.evaluations).toBe(max);
    expect(s.best.hard).toBe(0);
    const uncapped = run(memeticSolver, { segmentMoves: 10_000, finalAnnealEvaluations: 0 }, max);
    const capAbove = run(memeticSolver, { segmentMoves: 10_000, finalAnnealEvaluations: max }, max);
    expect([...capAbove.best.period]).toEqual([...uncapped.best.period]);
    expect(capAbove.best.soft).toBe(uncapped.best.soft);
  });

  it("by default, a final part longer than 400 million evaluations is split (a shorter one is not)", () => {
    const s = saSolver.init(comp01, saSolver.parameters({}, comp01), 5, { maxEvaluations: 100_000 });
    saSolver.step(s, { evaluations: 50_000 });
    saSolver.retune!(s, {}, { maxEvaluations: 300_000_000 });
    expect(s.segLength).toBe(s.segMoves + 300_000_000 - s.evaluations);
    saSolver.retune!(s, {}, { maxEvaluations: 1_000_000_000 });
    // About a billion evaluations left: three anneals of about 333 million.
    expect(s.segLength).toBe(Math.round((s.segMoves + 1_000_000_000 - s.evaluations) / 3));
  });

  it("retune plans the running final anneal as its share of the new limit", () => {
    const s = saSolver.init(comp01, saSolver.parameters({ finalAnnealEvaluations: 150_000 }, comp01), 5, { maxEvaluations: 100_000 });
    saSolver.step(s, { evaluations: 50_000 });
    saSolver.retune!(s, {}, { maxEvaluations: 400_000 });
    // What construction left of 400,000, in anneals of at most 150,000: three equal ones.
    const annealing = s.segMoves + 400_000 - s.evaluations;
    expect(annealing).toBeGreaterThan(300_000);
    expect(s.segLength).toBe(Math.round(annealing / 3));
    while (!saSolver.progress(s).done) saSolver.step(s, { evaluations: 1e9 });
    expect(s.segment).toBe(3);
    expect(s.evaluations).toBe(400_000);
  });
});

describe("runTimed (seconds → evaluation budget)", () => {
  it("sets a limit from the measured rate, corrects it, and ends with the clock", () => {
    for (const solver of [memeticSolver, saSolver]) {
      const s = solver.init(comp01, solver.parameters({ segmentMoves: 20_000 }, comp01), 2, { maxEvaluations: Infinity });
      // A clock that advances with the work done: 1 second per million evaluations.
      const clock = () => s.evaluations / 1e6;
      const r = runTimed(solver, s, 0.6, clock);
      expect(r.limits.length).toBeGreaterThanOrEqual(2);
      expect(r.firstFeasible).toBeGreaterThanOrEqual(0);
      expect(r.firstFeasible).toBeLessThan(0.6);
      expect(Number.isFinite(s.maxEvaluations)).toBe(true);
      // The schedule planned for the time it had: it ends at 97–100 % of 600,000 evaluations.
      expect(s.evaluations).toBeGreaterThanOrEqual(0.95 * 600_000);
      expect(s.evaluations).toBeLessThanOrEqual(600_000 + 2000);
      expect(s.segFinal).toBe(1);
      expect(s.best.hard).toBe(0);
    }
  });

  it("stops on time when the state cannot be retuned", () => {
    const s = saSolver.init(comp01, saSolver.parameters({}, comp01), 2, { maxEvaluations: Infinity });
    const clock = () => s.evaluations / 1e6;
    const r = runTimed({ step: saSolver.step, progress: saSolver.progress }, s, 0.1, clock);
    expect(r.limits).toEqual([]);
    expect(s.evaluations).toBeGreaterThanOrEqual(100_000);
    expect(s.maxEvaluations).toBe(Infinity);
  });
});
