import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { solveFileParallel } from "./cli";
import { evaluatePlacements } from "./evaluate";
import { readCttSolution } from "./itc/sol";
import { memeticSolver } from "./index";
import { readCtt } from "./itc/ctt";
import { MAX_PARALLEL, pickBest, solveParallel, workerSeed, type WorkerResult } from "./parallel";
import { runSearch } from "./parallel-worker";
import { placementsOf, type Timetable } from "./solution";
import { adoptBest } from "./solver/engine";
import { comp } from "./test/fixtures";

const text = comp("comp01");
const doc = { kind: "timetabling", format: "ctt", text };
const EVALS = 30_000;
const params = { segmentMoves: 10_000 };

describe("parallel searches (npm run solve -- FILE --parallel N)", () => {
  it("search 0 keeps the run's seed and the others get distinct seeds", () => {
    expect(workerSeed(7, 0)).toBe(7);
    const seeds = Array.from({ length: MAX_PARALLEL }, (_, i) => workerSeed(7, i));
    expect(new Set(seeds).size).toBe(MAX_PARALLEL);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });

  it("the best is the lowest value, ties to the lowest index", () => {
    const r = (index: number, value: number): WorkerResult => ({ index, seed: index, value, solution: null, evaluations: 1 });
    expect(pickBest([r(0, 9), r(1, 4), r(2, 4), r(3, 5)]).index).toBe(1);
    expect(pickBest([r(0, 3), r(1, 3)]).index).toBe(0);
  });

  it("independent searches (exchangeEvery 0): each equals a single run with its seed, the answer is their best, and it repeats", async () => {
    const a = await solveParallel(doc, { workers: 3, seed: 5, evaluations: EVALS, params, exchangeEvery: 0 });
    const b = await solveParallel(doc, { workers: 3, seed: 5, evaluations: EVALS, params, exchangeEvery: 0 });
    expect(a.runs.map((r) => [r.seed, r.value])).toEqual(b.runs.map((r) => [r.seed, r.value]));
    expect(a.best.value).toBe(Math.min(...a.runs.map((r) => r.value)));
    expect(a.best.hard).toBe(0);

    // Search i is exactly the plain solver with seed workerSeed(5, i).
    const problem = readCtt(text);
    for (const r of a.runs) {
      const s = memeticSolver.init(problem, memeticSolver.parameters(params, problem), r.seed, { maxEvaluations: EVALS });
      memeticSolver.step(s, { evaluations: Infinity });
      expect(memeticSolver.best(s).value).toBe(r.value);
      expect(r.evaluations).toBe(EVALS);
    }
    // And the in-thread search function agrees with the worker's answer.
    const again = runSearch({ index: 1, doc, seed: a.runs[1].seed, params, seconds: 0, evaluations: EVALS });
    expect(again.value).toBe(a.runs[1].value);
  }, 120_000);

  it("cooperating searches exchange their best at fixed evaluation counts: the run repeats exactly, and searches adopt better timetables", async () => {
    const o = { workers: 3, seed: 2, evaluations: 150_000, params: { segmentMoves: 10_000 }, exchangeEvery: 10_000 };
    const a = await solveParallel(doc, o);
    const b = await solveParallel(doc, o);
    expect(a.runs.map((r) => [r.seed, r.value, r.rounds, r.adopted])).toEqual(b.runs.map((r) => [r.seed, r.value, r.rounds, r.adopted]));
    // Round k happens once every search has passed k × 10,000 evaluations, below the 150,000 budget.
    for (const r of a.runs) {
      expect(r.rounds).toBe(14);
      expect(r.evaluations).toBe(150_000);
    }
    expect(a.runs.reduce((s, r) => s + (r.adopted ?? 0), 0)).toBeGreaterThan(0);
    expect(a.best.hard).toBe(0);
    expect(a.best.value).toBe(Math.min(...a.runs.map((r) => r.value)));
    // The answer is a real timetable with the cost reported.
    const problem = readCtt(text);
    const e = evaluatePlacements(problem, placementsOf(problem, a.best.solution as Timetable));
    expect([e.hard, e.soft]).toEqual([a.best.hard, a.best.soft]);
  }, 120_000);

  it("adoptBest takes a better timetable as the state's best and current one, and refuses a worse one", () => {
    const problem = readCtt(text);
    const run = (seed: number, evaluations: number) => {
      const s = memeticSolver.init(problem, memeticSolver.parameters({ segmentMoves: 20_000 }, problem), seed, { maxEvaluations: evaluations });
      memeticSolver.step(s, { evaluations: Infinity });
      return s;
    };
    const good = memeticSolver.best(run(1, 300_000));
    const weak = run(2, 30_000);
    const before = memeticSolver.best(weak);
    expect(good.value).toBeLessThan(before.value);
    expect(adoptBest(weak, good.solution)).toBe(true);
    expect(memeticSolver.best(weak).value).toBe(good.value);
    expect(memeticSolver.best(weak).solution).toEqual(good.solution);
    expect(Array.from(weak.curPeriod)).toEqual(Array.from(good.solution.period));
    // A worse timetable (the weak run's former best) is refused, and the state is unchanged.
    expect(adoptBest(weak, before.solution)).toBe(false);
    expect(memeticSolver.best(weak).value).toBe(good.value);
    expect(() => adoptBest(weak, { period: new Int16Array(3), room: new Int16Array(3) })).toThrow(RangeError);
  });

  it("refuses a worker count out of range and a problem that is not timetabling", async () => {
    await expect(solveParallel(doc, { workers: 0, evaluations: 10 })).rejects.toThrow(/--parallel must be an integer from 1 to 64/);
    await expect(solveParallel(doc, { workers: 1.5, evaluations: 10 })).rejects.toThrow(RangeError);
    await expect(
      solveParallel(
        {
          kind: "tsp",
          coordinates: [
            [0, 0],
            [1, 1],
            [2, 0],
            [3, 3],
          ],
        },
        { workers: 2, evaluations: 10 },
      ),
    ).rejects.toThrow(/timetabling problems only/);
  });

  it("solveFileParallel (the CLI's --parallel): writes the best search's .sol and reports every search", async () => {
    const file = new URL("../../fixtures/itc2007/comp01.ctt", import.meta.url).pathname;
    const out = join(mkdtempSync(join(tmpdir(), "evolve-parallel-")), "comp01.sol");
    const r = await solveFileParallel(file, { workers: 2, seed: 4, evaluations: EVALS, params, out });
    expect(r).toMatchObject({ kind: "timetabling", algorithm: "memetic", seed: 4, parallel: 2, evaluations: 2 * EVALS, hard: 0 });
    const searches = r.searches as { seed: number; best: number }[];
    expect(searches.map((x) => x.seed)).toEqual([workerSeed(4, 0), workerSeed(4, 1)]);
    expect(r.best).toBe(Math.min(...searches.map((x) => x.best)));
    // The written file is the best timetable: the independent evaluator gives the same cost.
    const problem = readCtt(text);
    const read = readCttSolution(problem, readFileSync(out, "utf8"));
    const e = evaluatePlacements(problem, read.placements);
    expect([e.hard, e.soft]).toEqual([r.hard, r.soft]);
  }, 120_000);
});
