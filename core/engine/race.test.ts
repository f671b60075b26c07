/**
 * Race of algorithms: the scheduling rules (core/engine/race.ts) and the in-process runner
 * (core/engine/race-run.ts), including chunked = straight and same seed → same result.
 */
import { describe, expect, it } from "vitest";
import { compileProblem, continuousKind, kinds, permutationKind, tspKind } from "../index";
import { definePermutationProblem } from "../permutation/index";
import {
  advance,
  betterValue,
  chunkEvaluations,
  raceAlgorithms,
  RaceError,
  raceFinished,
  racePlan,
  raceStart,
  raceSummary,
  rank,
  rungComplete,
  rungSeed,
  runEvaluations,
  survivorCounts,
  type RaceIsland,
} from "./race";
import { raceEntrants, runRace } from "./race-run";

const fig = (evaluations: number, best: number | null, done = false): RaceIsland => ({ evaluations, best, done });

describe("racePlan", () => {
  it("halves the survivors until one is left", () => {
    expect(survivorCounts(5)).toEqual([5, 3, 2, 1]);
    expect(survivorCounts(3)).toEqual([3, 2, 1]);
    expect(survivorCounts(2)).toEqual([2, 1]);
  });

  it("growth 1 gives every rung the same budget, split among its survivors", () => {
    const plan = racePlan(["a", "b", "c", "d", "e"], 120_000, 1);
    expect(plan.rungs.map((r) => r.perSurvivor)).toEqual([6000, 10000, 15000, 30000]);
    expect(plan.rungs.map((r) => r.target)).toEqual([6000, 16000, 31000, 61000]);
    expect(plan.islandMaxEvaluations).toBe(61_000);
    const spent = plan.rungs.reduce((s, r) => s + r.survivors * r.perSurvivor, 0);
    expect(spent).toBe(120_000);
  });

  it("growth 2 doubles each rung's budget and never plans more than the total", () => {
    const plan = racePlan(["a", "b", "c"], 70_001, 2);
    // rung shares 1/7, 2/7, 4/7 of 70,001 over 3, 2, 1 survivors
    expect(plan.rungs.map((r) => r.perSurvivor)).toEqual([3333, 10000, 40000]);
    expect(plan.rungs.reduce((s, r) => s + r.survivors * r.perSurvivor, 0)).toBeLessThanOrEqual(70_001);
  });

  it("refuses a budget too small for the rungs, naming budget.evaluations and the minimum", () => {
    const e = catchError(() => racePlan(["a", "b", "c", "d", "e"], 19, 1));
    expect(e).toBeInstanceOf(RaceError);
    expect((e as RaceError).path).toEqual(["budget", "evaluations"]);
    expect(e.message).toMatch(/at least 20/);
    expect(() => racePlan(["a", "b", "c", "d", "e"], 19, 1)).toThrow(/too few/);
    expect((catchError(() => racePlan(["a", "b"], 1.5)) as RaceError).path).toEqual(["budget", "evaluations"]);
  });

  it("refuses fewer than two algorithms or a repeated one, naming algorithm", () => {
    expect((catchError(() => racePlan(["de"], 1000)) as RaceError).path).toEqual(["algorithm"]);
    expect((catchError(() => racePlan(["de", "de"], 1000)) as RaceError).path).toEqual(["algorithm"]);
  });
});

describe("raceAlgorithms", () => {
  it("races every algorithm of continuous, tsp and permutation, the default first", () => {
    expect(raceAlgorithms(continuousKind)).toEqual(["de", "pso", "ga", "sa", "aco-r"]);
    expect(raceAlgorithms(tspKind)[0]).toBe("memetic");
    expect(raceAlgorithms(tspKind)).toHaveLength(3);
    expect(raceAlgorithms(permutationKind).sort()).toEqual(["ga", "sa"]);
  });

  it("refuses timetabling with a RaceError at algorithm", () => {
    const e = catchError(() => raceAlgorithms(kinds.timetabling!)) as RaceError;
    expect(e.path).toEqual(["algorithm"]);
    expect(e.message).toMatch(/not timetabling/);
  });
});

describe("chunks and rungs", () => {
  const plan = racePlan(["a", "b", "c"], 7000, 1); // per survivor 777, 1166, 2333 → targets 777, 1943, 4276

  it("cuts the last chunk of a rung at the rung's target", () => {
    const s = raceStart();
    expect(chunkEvaluations(plan, s, 0, fig(0, null), 500)).toBe(500);
    expect(chunkEvaluations(plan, s, 0, fig(500, 3), 500)).toBe(277);
    expect(chunkEvaluations(plan, s, 0, fig(790, 3), 500)).toBe(0); // past the target (an iteration's overshoot)
    expect(chunkEvaluations(plan, s, 0, fig(10, 3, true), 500)).toBe(0); // the solver is done
  });

  it("a rung is complete when every survivor reached its target or is done", () => {
    const s = raceStart();
    expect(rungComplete(plan, s, [fig(777, 1), fig(800, 2), fig(700, 3)])).toBe(false);
    expect(rungComplete(plan, s, [fig(777, 1), fig(800, 2), fig(700, 3, true)])).toBe(true);
  });

  it("drops the worse half, ranks missing values last and ties by island, and migrates from the best", () => {
    const s = raceStart();
    const islands = [fig(777, 5), fig(790, null), fig(780, 5)];
    const a = advance(plan, s, islands, "minimize");
    expect(a.dropped).toEqual([1]);
    expect(a.state.rung).toBe(1);
    expect(a.state.dropped[0]).toMatchObject({ island: 1, algorithm: "b", rung: 0, evaluations: 790, best: null, raceEvaluations: 2347 });
    expect(a.from).toBe(0); // tie 5 vs 5: the lower island
    expect(a.to).toEqual([2]);
    // rung 1: island 1 is out; island 0 and 2 run to 1943
    expect(chunkEvaluations(plan, a.state, 1, islands[1], 500)).toBe(0);
    expect(chunkEvaluations(plan, a.state, 2, islands[2], 5000)).toBe(1943 - 780);
    const b = advance(plan, a.state, [fig(1943, 4), fig(790, null), fig(1950, 2)], "minimize");
    expect(b.dropped).toEqual([0]);
    expect(b.from).toBe(2);
    expect(b.to).toEqual([]);
    const end = [fig(1943, 4), fig(790, null), fig(4276, 1, true)];
    expect(raceFinished(plan, b.state, end)).toBe(true);
    const summary = raceSummary(plan, b.state, end);
    expect(summary.winner).toBe("c");
    expect(summary.algorithms.map((x) => [x.algorithm, x.evaluations, x.droppedAfterRung])).toEqual([
      ["a", 1943, 1],
      ["b", 790, 0],
      ["c", 4276, null],
    ]);
    expect(() => advance(plan, b.state, end, "minimize")).toThrow(/cannot be closed/);
  });

  it("with restarts, every survivor (the best one too) is re-initialised and receives the migrants", () => {
    const restarting = racePlan(["a", "b", "c"], 7000, 1, true);
    const a = advance(restarting, raceStart(), [fig(777, 5), fig(790, 1), fig(780, 9)], "minimize");
    expect(a.from).toBe(1);
    expect(a.survivors).toEqual([1, 0]);
    expect(a.to).toEqual([1, 0]);
    expect(runEvaluations(restarting, 1)).toBe(restarting.rungs[1].perSurvivor);
    expect(runEvaluations(plan, 1)).toBe(plan.islandMaxEvaluations);
    expect(rungSeed(99, 0)).toBe(99);
    expect(new Set([rungSeed(99, 1), rungSeed(99, 2), rungSeed(100, 1), 99]).size).toBe(4);
  });

  it("ranks in the problem's direction", () => {
    const islands = [fig(1, 3), fig(1, 7), fig(1, Number.NaN)];
    expect(rank([0, 1, 2], islands, "minimize")).toEqual([0, 1, 2]);
    expect(rank([0, 1, 2], islands, "maximize")).toEqual([1, 0, 2]);
    expect(betterValue(null, 1, "minimize")).toBe(false);
  });
});

describe("runRace", () => {
  const { problem } = compileProblem({ kind: "continuous", function: "rastrigin", dimension: 5 });
  const entrants = () => raceEntrants(continuousKind, problem as never, (i) => 11 + i);

  it("gives the same result whatever the chunk size (chunked = straight), and the same result again, with and without restarts", () => {
    for (const restart of [true, false]) {
      const straight = runRace(problem, entrants(), 30_000, { growth: 2, restart });
      expect(straight.summary.restart).toBe(restart);
      for (const chunk of [97, 1000, 4321]) {
        const chunked = runRace(problem, entrants(), 30_000, { growth: 2, chunk, restart });
        expect(chunked.best.value).toBe(straight.best.value);
        expect(chunked.summary).toEqual(straight.summary);
        expect(chunked.best.solution).toEqual(straight.best.solution);
      }
    }
  });

  it("restarts continuous survivors by default and keeps the best through the restarts", () => {
    const r = runRace(problem, entrants(), 30_000, { growth: 1 });
    expect(r.plan.restart).toBe(true);
    // Evaluations stay cumulative over an island's runs: the winner ran every rung's share.
    const winner = r.summary.algorithms.find((a) => a.algorithm === r.summary.winner)!;
    expect(winner.evaluations).toBeGreaterThanOrEqual(r.plan.islandMaxEvaluations);
    expect(winner.evaluations).toBeLessThan(r.plan.islandMaxEvaluations + 4 * 200);
    const rung0Best = Math.min(...r.summary.algorithms.filter((a) => a.droppedAfterRung === 0).map((a) => a.best!));
    expect(r.best.value).toBeLessThanOrEqual(rung0Best);
  });

  it("records how the budget was spent: four rungs, drops 2 then 1 then 1, within the total plus an iteration per island", () => {
    const r = runRace(problem, entrants(), 30_000, { growth: 1 });
    const drops = r.summary.algorithms.filter((a) => a.droppedAfterRung !== null);
    expect(drops.map((d) => d.droppedAfterRung).sort()).toEqual([0, 0, 1, 2]);
    expect(r.summary.winner).not.toBeNull();
    const winner = r.summary.algorithms.find((a) => a.algorithm === r.summary.winner)!;
    expect(winner.evaluations).toBeGreaterThanOrEqual(r.plan.islandMaxEvaluations);
    // Each island may overshoot its last target by one iteration (a population at most here).
    expect(r.evaluations).toBeGreaterThanOrEqual(30_000 - 10);
    expect(r.evaluations).toBeLessThan(30_000 + 5 * 200);
    for (const d of drops) expect(d.evaluations).toBeGreaterThanOrEqual(r.plan.rungs[d.droppedAfterRung!].target);
    // The race's best is at least as good as every island's own best.
    for (const a of r.summary.algorithms) expect(r.best.value).toBeLessThanOrEqual(a.best!);
  });

  it("migrates the leader's best into the survivors (a survivor's best never lags the leader's at the rung's end)", () => {
    const r = runRace(problem, entrants(), 30_000, { growth: 1, migrants: 1 });
    const winner = r.summary.algorithms.find((a) => a.algorithm === r.summary.winner)!;
    for (const d of r.summary.algorithms) if (d.best !== null) expect(winner.best!).toBeLessThanOrEqual(d.best);
  });

  it("races permutation algorithms (with migration) and tsp (without) to the end", () => {
    const n = 12;
    const perm = definePermutationProblem({
      name: "displacement",
      n,
      direction: "minimize",
      objective: {
        evaluateBatch(perms, count, size, out) {
          for (let i = 0; i < count; i++) {
            let s = 0;
            for (let j = 0; j < size; j++) s += Math.abs(perms[i * size + j] - (size - 1 - j));
            out[i] = s;
          }
        },
      },
    });
    const p = runRace(
      perm,
      raceEntrants(permutationKind, perm, (i) => 3 + i),
      4000,
      { chunk: 333 },
    );
    expect(p.summary.winner).not.toBeNull();
    expect(p.best.value).toBeGreaterThanOrEqual(0);
    const tsp = compileProblem({ kind: "tsp", coordinates: Array.from({ length: 14 }, (_, i) => [Math.round(50 + 40 * Math.cos(i * 1.7)), Math.round(50 + 40 * Math.sin(i * 2.3))]) }).problem;
    const t = runRace(
      tsp,
      raceEntrants(tspKind, tsp as never, (i) => 5 + i),
      6000,
    );
    expect(t.plan.restart).toBe(false); // tsp solvers have no migration hooks: islands run on
    expect(p.plan.restart).toBe(true);
    expect(t.summary.algorithms).toHaveLength(3);
    expect(t.summary.winner).not.toBeNull();
    expect(t.best.solution).toHaveLength(14);
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}
