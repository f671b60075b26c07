import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ParameterError } from "../engine/errors";
import { runChunked, runStraight } from "../engine/determinism";
import { compileContinuous } from "./document";
import { continuousKind } from "./index";
import { defineContinuousProblem, rowObjective } from "./problem";
import { FUNCTIONS } from "./functions";

const ids = Object.keys(continuousKind.algorithms);
// Each algorithm's variants worth checking separately (different code paths).
const variants: [string, Record<string, unknown>][] = [
  ...ids.map((id) => [id, {}] as [string, Record<string, unknown>]),
  ["de", { strategy: "rand1bin" }],
  ["de", { strategy: "current-to-best1" }],
  ["ga", { crossover: "blx", mutation: "gaussian" }],
  ["pso", { variant: "inertia", topology: "ring" }],
];

describe("continuous algorithms: determinism across checkpoints", () => {
  const problem = compileContinuous({ kind: "continuous", function: "rastrigin", dimension: 5 });
  for (const [id, params] of variants) {
    it(`${id} ${JSON.stringify(params)}: K evaluations straight = random chunks with checkpoint/restore`, () => {
      const solver = continuousKind.algorithms[id].solver;
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 1500 }), fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }), (seed, k, chunks) => {
          const straight = runStraight(solver, problem, params, seed, k);
          const chunked = runChunked(solver, problem, params, seed, k, chunks);
          expect(chunked.best).toEqual(straight.best);
          expect(chunked.progress).toEqual(straight.progress);
          expect(straight.progress.evaluations).toBe(k);
        }),
        { numRuns: 15 },
      );
    });
  }

  it("keeps checkpoints small: L-SHADE with 540 × 30 population and archive < 400 KB", () => {
    const p = compileContinuous({ kind: "continuous", function: "sphere", dimension: 30 });
    const out = runStraight(continuousKind.algorithms.de.solver, p, {}, 1, 600);
    // Bound: 8 bytes × dimension × (popSize × (1 + archiveRate)) + small header.
    expect(out.checkpointBytes).toBeLessThan(8 * 30 * 540 * 3.6 + 8 * 540 + 4096);
  });
});

describe("continuous algorithms: quality on small budgets", () => {
  for (const id of ids) {
    it(`${id} improves on sphere and stays in the box`, () => {
      const p = compileContinuous({ kind: "continuous", function: "sphere", dimension: 5 });
      const out = runStraight(continuousKind.algorithms[id].solver, p, {}, 3, 4000);
      expect(out.best.value).toBeLessThan(0.05);
      for (const v of out.best.solution as number[]) expect(Math.abs(v)).toBeLessThanOrEqual(5.12);
      expect(out.best.value).toBeCloseTo(FUNCTIONS.sphere.f(Float64Array.from(out.best.solution as number[]), 0, 5), 12);
    });
  }

  it("de (L-SHADE) solves 10-D rastrigin with 50,000 evaluations", () => {
    const p = compileContinuous({ kind: "continuous", function: "rastrigin", dimension: 10 });
    expect(runStraight(continuousKind.algorithms.de.solver, p, {}, 1, 50_000).best.value).toBeLessThan(1e-6);
  });

  it("maximises when asked: best value is the largest found", () => {
    const p = compileContinuous({ kind: "continuous", function: "sphere", dimension: 3, direction: "maximize" });
    const out = runStraight(continuousKind.algorithms.de.solver, p, {}, 1, 3000);
    expect(out.best.value).toBeGreaterThan(3 * 5.12 * 5.12 * 0.99);
  });

  it("evaluates external batch objectives in batches", () => {
    const calls: number[] = [];
    const inner = rowObjective(FUNCTIONS.sphere.f);
    const p = defineContinuousProblem({
      name: "batched",
      lower: [-1, -1, -1],
      upper: [1, 1, 1],
      objective: {
        evaluateBatch: (xs, count, dim, out) => {
          calls.push(count);
          inner.evaluateBatch(xs, count, dim, out);
        },
      },
    });
    const out = runStraight(continuousKind.algorithms.pso.solver, p, {}, 1, 400);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(400);
    expect(calls.length).toBe(10); // 40 particles per call
    expect(out.best.value).toBeLessThan(1);
  });
});

describe("continuous parameters", () => {
  const p = compileContinuous({ kind: "continuous", function: "sphere", dimension: 2 });
  it("fills documented defaults", () => {
    expect(continuousKind.algorithms.de.solver.parameters({}, p)).toMatchObject({ strategy: "lshade", pBest: 0.11 });
  });
  it("rejects unknown names, wrong types and out-of-range values with the parameter's path", () => {
    const bad: [string, Record<string, unknown>, string][] = [
      ["de", { strategy: "best9" }, "strategy"],
      ["de", { popSize: 3 }, "popSize"],
      ["pso", { swarmSize: 1 }, "swarmSize"],
      ["ga", { elites: 200 }, "elites"],
      ["ga", { crossoverRate: 2 }, "crossoverRate"],
      ["sa", { batch: "x" }, "batch"],
      ["aco-r", { ants: 60 }, "ants"],
      ["aco-r", { bogus: 1 }, "bogus"],
    ];
    for (const [id, params, name] of bad) {
      try {
        continuousKind.algorithms[id].solver.parameters(params, p);
        throw new Error(`${id} accepted ${JSON.stringify(params)}`);
      } catch (e) {
        expect(e).toBeInstanceOf(ParameterError);
        expect((e as ParameterError).issues[0].path).toEqual(["parameters", name]);
      }
    }
  });
});

describe("continuous island migration hooks", () => {
  const p = compileContinuous({ kind: "continuous", function: "rastrigin", dimension: 4 });
  for (const id of ids) {
    it(`${id}: migrants from a better island raise the receiver's best, garbage is ignored`, () => {
      const s = continuousKind.algorithms[id].solver;
      const a = s.init(p, s.parameters({}, p), 1, { maxEvaluations: 20_000 });
      const b = s.init(p, s.parameters({}, p), 2, { maxEvaluations: 20_000 });
      s.step(a, { evaluations: 5000 });
      s.step(b, { evaluations: 200 });
      const m = s.emigrants!(a, 3);
      expect(m.count).toBeGreaterThan(0);
      expect(m.costs[0]).toBe(s.progress(a).best);
      s.immigrate!(b, { count: 1, width: 99, rows: new Float64Array(99), costs: new Float64Array(1) });
      const before = s.progress(b).best;
      s.immigrate!(b, m);
      expect(s.progress(b).best).toBe(Math.min(before, s.progress(a).best));
      // A restored receiver continues exactly like the live one.
      const restored = s.restore(p, s.checkpoint(b));
      s.step(b, { evaluations: 300 });
      s.step(restored, { evaluations: 300 });
      expect(s.best(restored)).toEqual(s.best(b));
    });
  }
});
