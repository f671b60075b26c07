import { describe, expect, it } from "vitest";
import { ProblemError } from "../engine/errors";
import { compileContinuous } from "./document";
import { centreOf, defineCustomContinuous, readCustomContinuous } from "./custom";
import { evaluateCosts } from "./problem";

const code = "export function fitness(x) { return x[0]; }";

describe("custom-objective documents (shape only: core never runs the code)", () => {
  it("reads a valid document with per-coordinate bounds and a penalty policy", () => {
    const spec = readCustomContinuous({
      kind: "continuous",
      dimension: 2,
      bounds: [
        [-1, 1],
        [0, 4],
      ],
      direction: "maximize",
      objective: { language: "javascript", code, onError: "penalty", penalty: -1e9 },
    });
    expect(spec.objective).toEqual({ language: "javascript", code, onError: "penalty", penalty: -1e9 });
    expect(Array.from(spec.lower)).toEqual([-1, 0]);
    expect(Array.from(centreOf(spec))).toEqual([0, 2]);
    const problem = defineCustomContinuous(spec, { evaluateBatch: (_xs, n, _d, out) => out.fill(3, 0, n) });
    const out = new Float64Array(1);
    evaluateCosts(problem, new Float64Array([0, 0]), 1, out);
    expect(out[0]).toBe(-3); // maximisation → algorithms minimise −f
  });

  it("reports every issue with its path, prefixed as the API asks", () => {
    try {
      readCustomContinuous({ kind: "continuous", function: "sphere", dimension: 2, objective: { language: "python", code: "", penalty: 1 } }, ["problem"]);
      throw new Error("expected a ProblemError");
    } catch (e) {
      expect(e).toBeInstanceOf(ProblemError);
      const paths = (e as ProblemError).issues.map((i) => i.path.join("."));
      expect(paths).toEqual(expect.arrayContaining(["problem.function", "problem.objective.language", "problem.objective.code", "problem.objective.penalty", "problem.bounds"]));
    }
  });

  it("compileContinuous refuses to run tenant code and says where it runs", () => {
    expect(() => compileContinuous({ kind: "continuous", dimension: 1, bounds: [0, 1], objective: { language: "javascript", code } })).toThrow(/compile only on the platform/);
  });
});
