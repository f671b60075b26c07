import { describe, expect, it } from "vitest";
import { ProblemError } from "../engine/errors";
import { compileContinuous } from "./document";
import { defineContinuousProblem, evaluateCosts } from "./problem";

function issuesOf(doc: unknown) {
  try {
    compileContinuous(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemError);
    return (e as ProblemError).issues;
  }
  throw new Error("expected a ProblemError");
}

describe("continuous problem document", () => {
  it("compiles with the function's default domain", () => {
    const p = compileContinuous({ kind: "continuous", function: "rosenbrock", dimension: 3 });
    expect(Array.from(p.lower)).toEqual([-5, -5, -5]);
    expect(Array.from(p.upper)).toEqual([10, 10, 10]);
    expect(p.direction).toBe("minimize");
    expect(p.optimum).toBe(0);
  });

  it("accepts one box or one box per coordinate, and maximisation", () => {
    const a = compileContinuous({ kind: "continuous", function: "sphere", dimension: 2, bounds: [-1, 2] });
    expect(Array.from(a.upper)).toEqual([2, 2]);
    const b = compileContinuous({
      kind: "continuous",
      function: "sphere",
      dimension: 2,
      bounds: [
        [-1, 1],
        [0, 3],
      ],
      direction: "maximize",
    });
    expect(Array.from(b.lower)).toEqual([-1, 0]);
    expect(b.direction).toBe("maximize");
    const out = new Float64Array(1);
    evaluateCosts(b, new Float64Array([1, 2]), 1, out);
    expect(out[0]).toBe(-5); // algorithms minimise −f when maximising
  });

  it("names the field of each mistake", () => {
    expect(issuesOf({ kind: "continuous", function: "nope", dimension: 3 })[0].path).toEqual(["function"]);
    expect(issuesOf({ kind: "continuous", function: "sphere", dimension: 2.5 })[0].path).toEqual(["dimension"]);
    expect(issuesOf({ kind: "continuous", function: "sphere", dimension: 0 })[0].path).toEqual(["dimension"]);
    expect(issuesOf({ kind: "continuous", function: "sphere", dimension: 1e6 })[0].path).toEqual(["dimension"]);
    expect(issuesOf({ kind: "continuous", function: "sphere", dimension: 2, bounds: [Number.NaN, 1] })[0].path).toEqual(["bounds"]);
    expect(issuesOf({ kind: "continuous", function: "sphere", dimension: 2, bounds: [3, 1] })[0].message).toMatch(/below/);
    expect(
      issuesOf({
        kind: "continuous",
        function: "sphere",
        dimension: 3,
        bounds: [
          [0, 1],
          [0, 1],
        ],
      })[0].path,
    ).toEqual(["bounds"]);
    expect(
      issuesOf({
        kind: "continuous",
        function: "sphere",
        dimension: 2,
        bounds: [
          [0, 1],
          [2, 1],
        ],
      })[0].path,
    ).toEqual(["bounds", 1]);
    expect(issuesOf({ kind: "continuous", function: "sphere", dimension: 2, direction: "up" })[0].path).toEqual(["direction"]);
    expect(issuesOf({ kind: "tsp", function: "sphere", dimension: 2 })[0].path).toEqual(["kind"]);
    expect(issuesOf(null)[0].path).toEqual([]);
  });

  it("reports several issues at once", () => {
    expect(issuesOf({ kind: "continuous", function: "x", dimension: -1, extra: 1 })).toHaveLength(3);
  });

  it("wraps external batch objectives and treats NaN results as worst", () => {
    const p = defineContinuousProblem({
      name: "custom",
      lower: [0, 0],
      upper: [1, 1],
      objective: {
        evaluateBatch: (xs, count, dim, out) => {
          for (let i = 0; i < count; i++) out[i] = i === 1 ? Number.NaN : xs[i * dim];
        },
      },
    });
    const out = new Float64Array(2);
    evaluateCosts(p, new Float64Array([0.5, 0, 0.2, 0]), 2, out);
    expect(Array.from(out)).toEqual([0.5, Number.POSITIVE_INFINITY]);
    expect(() => defineContinuousProblem({ name: "x", lower: [1], upper: [0], objective: p.objective })).toThrow(ProblemError);
  });
});
