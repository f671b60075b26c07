import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ParameterError } from "../engine/errors";
import { runChunked, runStraight } from "../engine/determinism";
import { Rng } from "../engine/random";
import { compileTsp } from "./document";
import { tspKind } from "./index";
import { doubleBridgeKick } from "./kick";
import { activateAll, createLocalSearch, improve, loadTour } from "./local-search";
import { isPermutation, randomTour, tourLength } from "./tour";

const DATA = new URL("../../fixtures/tsplib/", import.meta.url);
const berlin = compileTsp({ kind: "tsp", format: "tsplib", text: readFileSync(new URL("berlin52.tsp", DATA), "utf8") });

function randomInstance(seed: number, n: number, float = false) {
  const rng = Rng.seeded(seed);
  const coordinates = Array.from({ length: n }, () => [rng.int(1000), rng.int(1000)]);
  return compileTsp({ kind: "tsp", coordinates, distance: float ? "euclidean" : "EUC_2D" });
}

const variants: [string, Record<string, unknown>][] = [
  ["memetic", {}],
  ["memetic", { crossover: "ox", crossoverRate: 0.5, popSize: 4 }],
  ["aco", {}],
  ["aco", { localSearch: false, ants: 3 }],
  ["ga", { popSize: 10 }],
  ["ga", { popSize: 10, crossover: "ox", init: "random" }],
];

describe("TSP algorithms: determinism across checkpoints", () => {
  for (const [id, params] of variants) {
    it(`${id} ${JSON.stringify(params)}: K evaluations straight = random chunks with checkpoint/restore`, () => {
      const solver = tspKind.algorithms[id].solver;
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          fc.boolean(),
          fc.integer({ min: 1, max: 300 }),
          fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 }),
          (seed, float, k, chunks) => {
            const problem = float ? randomInstance(seed, 40, true) : berlin;
            const straight = runStraight(solver, problem, params, seed, k);
            const chunked = runChunked(solver, problem, params, seed, k, chunks);
            expect(chunked.best).toEqual(straight.best);
            expect(chunked.progress).toEqual(straight.progress);
            expect(isPermutation(straight.best.solution as number[], problem.n)).toBe(true);
            expect(straight.best.value).toBeCloseTo(tourLength(problem, straight.best.solution as number[]), 6);
          },
        ),
        { numRuns: 8 },
      );
    });
  }

  it("bounds checkpoint size: 100 tours of 1,000 cities stay under 420 KB (4 bytes per city per member)", () => {
    const big = randomInstance(5, 1000);
    const out = runStraight(tspKind.algorithms.memetic.solver, big, { popSize: 100 }, 1, 3);
    // 3 of 100 members built; the population array is allocated in full, so this is the bound.
    expect(out.checkpointBytes).toBeLessThan(100 * 1000 * 4 + 1000 * 4 + 100 * 8 + 4096);
    expect(out.checkpointBytes).toBeLessThan(1_000_000);
    const aco = runStraight(tspKind.algorithms.aco.solver, big, {}, 1, 1);
    expect(aco.checkpointBytes).toBeLessThan(1000 * 10 * 8 + 1000 * 4 + 4096); // pheromone on candidate edges only
  });
});

describe("TSP algorithms: quality", () => {
  it("memetic solves berlin52 to optimality within 3,000 evaluations", () => {
    expect(runStraight(tspKind.algorithms.memetic.solver, berlin, {}, 7, 3000).best.value).toBe(7542);
  });
  it("aco with local search gets within 2% on berlin52 with 300 ants", () => {
    expect(runStraight(tspKind.algorithms.aco.solver, berlin, {}, 7, 300).best.value).toBeLessThan(7542 * 1.02);
  });
  it("ga improves on its initial tours", () => {
    const s = tspKind.algorithms.ga.solver;
    const first = runStraight(s, berlin, {}, 3, 100).best.value;
    expect(runStraight(s, berlin, {}, 3, 5000).best.value).toBeLessThan(first);
  });
});

describe("2-opt + Or-opt local search", () => {
  it("keeps a valid tour and reports exactly the length it removed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 5, max: 80 }), fc.boolean(), (seed, n, float) => {
        const p = randomInstance(seed, n, float);
        const tour = new Int32Array(n);
        randomTour(Rng.seeded(seed), tour);
        const ls = createLocalSearch(p);
        loadTour(ls, tour);
        activateAll(ls);
        const gain = improve(ls, p);
        expect(isPermutation(ls.tour, n)).toBe(true);
        expect(tourLength(p, tour) - gain).toBeCloseTo(tourLength(p, ls.tour), 6);
        for (let i = 0; i < n; i++) expect(ls.pos[ls.tour[i]]).toBe(i);
      }),
      { numRuns: 150 },
    );
  });
});

describe("segment-local double-bridge kick", () => {
  it("keeps a valid tour, reports the exact length change and changes two to four edges", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 8, max: 120 }), fc.integer({ min: 1, max: 50 }), (seed, n, maxLen) => {
        const p = randomInstance(seed, n, true);
        const rng = Rng.seeded(seed);
        const tour = new Int32Array(n);
        randomTour(rng, tour);
        const ls = createLocalSearch(p);
        loadTour(ls, tour);
        const delta = doubleBridgeKick(ls, p, rng, maxLen, new Int32Array(n));
        expect(isPermutation(ls.tour, n)).toBe(true);
        for (let i = 0; i < n; i++) expect(ls.pos[ls.tour[i]]).toBe(i);
        expect(tourLength(p, tour) + delta).toBeCloseTo(tourLength(p, ls.tour), 6);
        const edges = new Set<string>();
        for (let i = 0; i < n; i++) edges.add([tour[i], tour[(i + 1) % n]].sort((a, b) => a - b).join());
        let changed = 0;
        for (let i = 0; i < n; i++) if (!edges.has([ls.tour[i], ls.tour[(i + 1) % n]].sort((a, b) => a - b).join())) changed++;
        // Four edges, except when the middle segment and a neighbouring one are single cities.
        expect(changed).toBeGreaterThanOrEqual(2);
        expect(changed).toBeLessThanOrEqual(4);
      }),
      { numRuns: 100 },
    );
  });
});

describe("TSP parameters", () => {
  it("validates with the parameter's path", () => {
    for (const [id, params, name] of [
      ["memetic", { crossover: "pmx" }, "crossover"],
      ["aco", { q0: 2 }, "q0"],
      ["ga", { elites: 500 }, "elites"],
      ["memetic", { popSize: 0 }, "popSize"],
    ] as const) {
      try {
        tspKind.algorithms[id].solver.parameters(params, berlin);
        throw new Error("accepted");
      } catch (e) {
        expect(e).toBeInstanceOf(ParameterError);
        expect((e as ParameterError).issues[0].path).toEqual(["parameters", name]);
      }
    }
  });
});

describe("TSP algorithms on tiny instances", () => {
  it("every algorithm returns a valid tour for 3 to 9 cities with default parameters", () => {
    for (let n = 3; n <= 9; n++) {
      const p = randomInstance(n, n, true);
      for (const id of Object.keys(tspKind.algorithms)) {
        const out = runStraight(tspKind.algorithms[id].solver, p, {}, 1, 60);
        expect(isPermutation(out.best.solution as number[], n)).toBe(true);
        expect(out.best.value).toBeCloseTo(tourLength(p, out.best.solution as number[]), 9);
      }
    }
  });
});
