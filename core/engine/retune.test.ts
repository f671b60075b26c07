/**
 * Solver.retune (core/engine/contract.ts): a state restored from a checkpoint continues with
 * changed numeric parameters and a larger evaluation limit, as a job fork does. Checked for
 * every algorithm of the built-in kinds (continuous, TSP, timetabling on ITC-2007 comp01, and the
 * school algorithm on a synthetic FET school: core/school/test/synthetic.ts).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileProblem, kinds } from "../index";
import type { ParamSpec } from "./params";
import { fetText } from "../school/test/fet";
import { syntheticSchool } from "../school/test/synthetic";

const documents: Record<string, unknown> = {
  continuous: { kind: "continuous", function: "rastrigin", dimension: 5 },
  tsp: { kind: "tsp", coordinates: Array.from({ length: 14 }, (_, i) => [Math.round(50 + 40 * Math.cos(i * 1.7)), Math.round(50 + 40 * Math.sin(i * 2.3))]) },
  timetabling: { kind: "timetabling", format: "ctt", text: readFileSync(new URL("../../fixtures/itc2007/comp01.ctt", import.meta.url), "utf8") },
};
/** Algorithms that solve another family of documents of their kind (timetabling: FET schools). */
const documentFor: Record<string, unknown> = {
  // 80% preferred slots for one class that cannot all be met: the soft penalty never reaches 0
  "timetabling/school": { kind: "timetabling", format: "fet", text: fetText(syntheticSchool(4, 12, 5)) },
};

/** A numeric parameter's new value: its default moved towards the middle of its range. */
function changed(spec: Extract<ParamSpec, { type: "number" }>): number {
  const d = Number(spec.default);
  const min = spec.min ?? d - 1;
  const max = spec.max ?? d + 1;
  const v = (d + (min + max) / 2) / 2;
  return v === d ? (d + max) / 2 : v;
}

/** Where the two state shapes keep their run fields (core/engine/machine.ts `data`, or top level). */
function runFields(state: unknown): { params: Record<string, unknown>; maxEvaluations: number } {
  const s = state as { data?: { params: Record<string, unknown>; maxEvaluations: number }; params: Record<string, unknown>; maxEvaluations: number };
  return s.data ?? s;
}

describe("Solver.retune", () => {
  for (const [kind, doc] of Object.entries(documents)) {
    const module = kinds[kind as keyof typeof kinds]!;
    for (const entry of Object.values(module.algorithms)) {
      it(`${kind}/${entry.id}: a restored state continues to the new limit with the changed rates`, () => {
        const { problem } = compileProblem(documentFor[`${kind}/${entry.id}`] ?? doc);
        const solver = entry.solver;
        const first = 3_000;
        const state = solver.init(problem, solver.parameters({}, problem), 7, { maxEvaluations: first });
        while (!solver.progress(state).done) solver.step(state, { evaluations: Number.POSITIVE_INFINITY });
        const spent = solver.progress(state).evaluations;
        expect(spent).toBeGreaterThanOrEqual(first);

        const restored = solver.restore(problem, solver.checkpoint(state));
        const numeric = entry.params.find((p): p is Extract<ParamSpec, { type: "number" }> => p.type === "number");
        const params = numeric ? { [numeric.name]: changed(numeric) } : {};
        expect(solver.retune).toBeTypeOf("function");
        solver.retune!(restored, params, { maxEvaluations: spent + 3_000 });
        expect(solver.progress(restored).done).toBe(false);
        // The change survives a checkpoint (the child's runs restore from it).
        const again = solver.restore(problem, solver.checkpoint(restored));
        expect(runFields(again).maxEvaluations).toBe(spent + 3_000);
        if (numeric) expect(runFields(again).params[numeric.name]).toBe(params[numeric.name]);

        while (!solver.progress(again).done) solver.step(again, { evaluations: Number.POSITIVE_INFINITY });
        expect(solver.progress(again).evaluations).toBeGreaterThanOrEqual(spent + 3_000);
      });
    }
  }
});
