import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runChunked, runStraight } from "../engine/determinism";
import { ProblemError } from "../engine/errors";
import { Rng } from "../engine/random";
import { renderExport } from "../exports/index";
import { compileProblem, solverFor } from "../index";
import { isPermutation } from "../tsp/tour";
import { compilePermutation, readPermutationDocument } from "./document";
import { permutationKind } from "./index";
import { applyMove, createScratch, insertMove, orderCrossover, pmxCrossover, randomPermutation } from "./operators";
import { definePermutationProblem, functionObjective, type PermutationObjective } from "./problem";

/** Single-machine total weighted completion time: the optimum is Smith's rule (WSPT), so it is known. */
function weightedCompletion(n: number, seed: number) {
  const rng = Rng.seeded(seed);
  const p = Array.from({ length: n }, () => 1 + rng.int(20));
  const w = Array.from({ length: n }, () => 1 + rng.int(10));
  const f = (order: ArrayLike<number>) => {
    let t = 0;
    let s = 0;
    for (let k = 0; k < order.length; k++) {
      t += p[order[k]];
      s += w[order[k]] * t;
    }
    return s;
  };
  const wspt = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] / w[a] - p[b] / w[b]);
  return { f, optimum: f(wspt) };
}

/** A plain TS batch objective that records how many rows each call scored (core has no sandbox). */
function counting(f: (p: Int32Array) => number): { objective: PermutationObjective; calls: number[] } {
  const calls: number[] = [];
  const inner = functionObjective(f);
  return {
    calls,
    objective: {
      evaluateBatch(perms, count, n, out) {
        calls.push(count);
        for (let i = 0; i < count; i++) expect(isPermutation(perms.subarray(i * n, i * n + n), n)).toBe(true);
        inner.evaluateBatch(perms, count, n, out);
      },
    },
  };
}

const code = "export function fitness(p) { return p[0]; }";

describe("permutation documents (shape only: core never runs the code)", () => {
  it("reads a valid document", () => {
    const spec = readPermutationDocument({ kind: "permutation", size: 12, direction: "maximize", name: "jobs", objective: { language: "javascript", code, onError: "penalty", penalty: -1 } });
    expect(spec).toEqual({ name: "jobs", size: 12, direction: "maximize", objective: { language: "javascript", code, onError: "penalty", penalty: -1 } });
  });

  it("reports every issue with its path, prefixed as the API asks", () => {
    const e = (() => {
      try {
        readPermutationDocument({ kind: "permutation", size: 1, direction: "up", extra: 1, objective: { language: "python", code: " " } }, ["problem"]);
      } catch (err) {
        return err as ProblemError;
      }
      throw new Error("expected a ProblemError");
    })();
    expect(e).toBeInstanceOf(ProblemError);
    expect(e.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["problem.size", "problem.direction", "problem.extra", "problem.objective.language", "problem.objective.code"]));
    expect(() => readPermutationDocument({ kind: "permutation", size: 5 })).toThrow(ProblemError);
  });

  it("core refuses to run tenant code, through the kind table too", () => {
    const doc = { kind: "permutation", size: 5, objective: { language: "javascript", code } };
    expect(() => compilePermutation(doc)).toThrow(/compile only on the platform/);
    expect(() => compileProblem(doc)).toThrow(/compile only on the platform/);
    expect(solverFor("permutation").id).toBe(permutationKind.defaultAlgorithm);
  });
});

describe("permutation operators keep orderings valid", () => {
  it("moves and crossovers always give permutations; PMX keeps parent a's slice in place", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: 40 }), (seed, n) => {
        const rng = Rng.seeded(seed);
        const pop = new Int32Array(2 * n);
        randomPermutation(rng, pop.subarray(0, n));
        randomPermutation(rng, pop.subarray(n));
        const child = new Int32Array(n);
        const scratch = createScratch(n);
        pmxCrossover(rng, pop, 0, n, child, scratch);
        expect(isPermutation(child, n)).toBe(true);
        let same = 0;
        for (let k = 0; k < n; k++) if (child[k] === pop[k]) same++;
        expect(same).toBeGreaterThanOrEqual(2); // the slice has at least two positions
        orderCrossover(rng, pop, 0, n, child, scratch);
        expect(isPermutation(child, n)).toBe(true);
        for (const m of ["swap", "insert", "inversion", "mixed"] as const) {
          const before = Array.from(child);
          applyMove(rng, child, m);
          expect(isPermutation(child, n)).toBe(true);
          if (m === "swap" || m === "inversion") expect(Array.from(child)).not.toEqual(before);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("insert moves one item and shifts the rest", () => {
    // Find a seed-independent check: whatever positions are drawn, the other items keep their order.
    const rng = Rng.seeded(3);
    for (let t = 0; t < 50; t++) {
      const p = Int32Array.from([0, 1, 2, 3, 4, 5, 6]);
      insertMove(rng, p);
      const moved = Array.from(p).find((v, k) => {
        const rest = Array.from(p).filter((x) => x !== v);
        return rest.every((x, i) => i === 0 || rest[i - 1] < x) && k >= 0;
      });
      expect(moved).toBeDefined();
    }
  });
});

const variants: [string, Record<string, unknown>][] = [
  ["sa", {}],
  ["sa", { move: "insert", batch: 1 }],
  ["sa", { move: "inversion", batch: 5, t0: 3 }],
  ["ga", {}],
  ["ga", { crossover: "pmx", mutation: "swap", popSize: 12, elites: 1 }],
  ["ga", { crossover: "ox", mutation: "insert", crossoverRate: 0.5 }],
];

describe("permutation algorithms: determinism across checkpoints", () => {
  const { f } = weightedCompletion(15, 7);
  const problem = definePermutationProblem({ name: "wct", n: 15, objective: functionObjective(f) });
  for (const [id, params] of variants) {
    it(`${id} ${JSON.stringify(params)}: K evaluations straight = random chunks with checkpoint/restore`, () => {
      const solver = permutationKind.algorithms[id].solver;
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 1500 }), fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }), (seed, k, chunks) => {
          const straight = runStraight(solver, problem, params, seed, k);
          const chunked = runChunked(solver, problem, params, seed, k, chunks);
          expect(chunked.best).toEqual(straight.best);
          expect(chunked.progress).toEqual(straight.progress);
          expect(straight.progress.evaluations).toBe(k);
          expect(isPermutation(straight.best.solution as number[], 15)).toBe(true);
        }),
        { numRuns: 15 },
      );
    });
  }
});

describe("permutation algorithms: batches and quality", () => {
  it("score a whole generation (GA) or neighbour batch (SA) per objective call", () => {
    const { f } = weightedCompletion(10, 1);
    const ga = counting(f);
    runStraight(permutationKind.algorithms.ga.solver, definePermutationProblem({ n: 10, objective: ga.objective }), { popSize: 30, elites: 2 }, 1, 30 + 28 * 5);
    expect(ga.calls).toEqual([30, 28, 28, 28, 28, 28]);
    const sa = counting(f);
    runStraight(permutationKind.algorithms.sa.solver, definePermutationProblem({ n: 10, objective: sa.objective }), { batch: 16 }, 1, 16 * 4 + 3);
    expect(sa.calls).toEqual([16, 16, 16, 16, 3]);
  });

  for (const id of ["sa", "ga"]) {
    it(`${id} finds the WSPT optimum of 20-job weighted completion time within 30,000 evaluations`, () => {
      const { f, optimum } = weightedCompletion(20, 11);
      const problem = definePermutationProblem({ n: 20, objective: functionObjective(f) });
      const out = runStraight(permutationKind.algorithms[id].solver, problem, {}, 5, 30_000);
      expect(out.best.value).toBe(f(out.best.solution as number[]));
      expect(out.best.value).toBeLessThanOrEqual(optimum * 1.002);
    });
  }

  it("maximises when asked (best is the largest found) and reports it in the problem's direction", () => {
    const { f, optimum } = weightedCompletion(12, 2);
    const problem = definePermutationProblem({ n: 12, objective: functionObjective((p) => -f(p)), direction: "maximize" });
    const out = runStraight(permutationKind.algorithms.sa.solver, problem, {}, 1, 20_000);
    expect(out.best.value).toBeLessThanOrEqual(-optimum);
    expect(out.best.value).toBeGreaterThanOrEqual(-optimum * 1.002);
  });

  it("non-finite objective values count as the worst, never as the best", () => {
    const problem = definePermutationProblem({ n: 6, objective: functionObjective((p) => (p[0] === 0 ? Number.NaN : p[0])) });
    for (const id of ["sa", "ga"]) {
      const out = runStraight(permutationKind.algorithms[id].solver, problem, {}, 2, 2000);
      expect(out.best.value).toBe(1);
    }
  });

  it("islands: GA emigrants are its best rows; SA and GA accept better migrants and ignore non-permutations", () => {
    const { f } = weightedCompletion(8, 4);
    const problem = definePermutationProblem({ n: 8, objective: functionObjective(f) });
    const ga = permutationKind.algorithms.ga.solver;
    const s = ga.init(problem, ga.parameters({ popSize: 10, elites: 1 }, problem), 1, { maxEvaluations: 100 });
    ga.step(s, {});
    const out = ga.emigrants!(s, 3);
    expect(out.count).toBe(3);
    expect(out.costs[0]).toBe(ga.best(s).value);
    const sa = permutationKind.algorithms.sa.solver;
    const t = sa.init(problem, sa.parameters({}, problem), 9, { maxEvaluations: 1000 });
    sa.step(t, {});
    const good = { count: 2, width: 8, rows: Float64Array.from([...[0, 0, 1, 2, 3, 4, 5, 6], ...Array.from(out.rows.subarray(0, 8))]), costs: Float64Array.from([-1e9, out.costs[0]]) };
    sa.immigrate!(t, good);
    expect(sa.best(t).value).toBeLessThanOrEqual(out.costs[0]);
    expect(sa.best(t).value).not.toBe(-1e9); // the non-permutation row was ignored
    expect(isPermutation(sa.best(t).solution as number[], 8)).toBe(true);
  });
});

describe("permutation exports", () => {
  it("JSON and CSV of the best ordering, convergence like other kinds", () => {
    const bundle = {
      kind: "permutation" as const,
      name: "schedule",
      history: [
        { evaluations: 10, best: 5 },
        { evaluations: 20, best: 3 },
      ],
      producedAt: new Date("2026-01-01T00:00:00Z"),
      meta: { jobId: "job_1" },
      ordering: { name: "schedule", order: [2, 0, 1], value: 3 },
    };
    const json = JSON.parse(new TextDecoder().decode(renderExport(bundle, "json").body));
    expect(json).toMatchObject({ kind: "permutation", jobId: "job_1", value: 3, size: 3, order: [2, 0, 1] });
    expect(new TextDecoder().decode(renderExport(bundle, "csv").body).trim().split(/\r?\n/)).toEqual(["position,item", "0,2", "1,0", "2,1", "objective,3"]);
    expect(new TextDecoder().decode(renderExport(bundle, "convergence.csv").body).split(/\r?\n/).slice(1, 3)).toEqual([",10,5,,,,", ",20,3,,,,"]);
    expect(renderExport(bundle, "zip").filename).toBe("schedule.zip");
  });
});
