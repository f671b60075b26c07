/**
 * Issue #3: GA and ACO-R allocate nothing per evaluation once warmed up. Measured as the growth
 * of the V8 heap over synchronous windows of 10,000 evaluations (nothing else runs inside a
 * window); the median of five windows ignores one window that a scavenge or a re-optimisation
 * happens to fall in. A boxed double per gene or a sort buffer per generation shows up as
 * hundreds of kilobytes per window.
 *
 * The objective is the test's own closure so that only the algorithm is measured (the shared
 * built-in row objective is polymorphic once several functions have run in one process).
 * Not covered: GA with gaussian mutation, whose rare rng.normal() calls are not inlined and box
 * their results (~33 B per evaluation).
 */
import { describe, expect, it } from "vitest";
import { continuousKind } from "./index";
import { defineContinuousProblem } from "./problem";

const dim = 30;
const box = { lower: new Array(dim).fill(-5.12), upper: new Array(dim).fill(5.12) };
const rastrigin = defineContinuousProblem({
  name: "rastrigin-local",
  ...box,
  objective: {
    evaluateBatch(xs, count, d, out) {
      for (let i = 0; i < count; i++) {
        let s = 10 * d;
        for (let j = i * d; j < (i + 1) * d; j++) s += xs[j] * xs[j] - 10 * Math.cos(2 * Math.PI * xs[j]);
        out[i] = s;
      }
    },
  },
});
// Sphere keeps improving, so ACO-R's archive changes often (widths recomputed, rows shifted).
const sphere = defineContinuousProblem({
  name: "sphere-local",
  ...box,
  objective: {
    evaluateBatch(xs, count, d, out) {
      for (let i = 0; i < count; i++) {
        let s = 0;
        for (let j = i * d; j < (i + 1) * d; j++) s += xs[j] * xs[j];
        out[i] = s;
      }
    },
  },
});

function bytesPerEvaluation(problem: typeof sphere, id: string, params: Record<string, unknown>): number {
  const solver = continuousKind.algorithms[id].solver;
  const run = solver.init(problem, solver.parameters(params, problem), 1, { maxEvaluations: Number.POSITIVE_INFINITY });
  solver.step(run, { evaluations: 80_000 }); // warm-up: optimised code, steady state
  const window = 10_000;
  const growth: number[] = [];
  for (let w = 0; w < 5; w++) {
    const before = process.memoryUsage().heapUsed;
    solver.step(run, { evaluations: window });
    growth.push(process.memoryUsage().heapUsed - before);
  }
  growth.sort((a, b) => a - b);
  return growth[2] / window;
}

describe("continuous algorithms: no allocation per evaluation in steady state", () => {
  for (const [problem, id, params] of [
    [rastrigin, "ga", {}],
    [rastrigin, "ga", { sbxEta: 2.5, mutationEta: 7.3 }], // the exp/log path of the written-out powers
    [rastrigin, "aco-r", {}],
    [sphere, "aco-r", {}],
  ] as const) {
    it(`${id} ${JSON.stringify(params)} on ${problem.name}: under 2 bytes per evaluation`, () => {
      expect(bytesPerEvaluation(problem, id, params)).toBeLessThan(2);
    });
  }
});
