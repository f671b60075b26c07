import { describe, expect, it } from "vitest";
import { ParameterError, ProblemError } from "./engine/errors";
import { algorithmCatalogue, compileProblem, ENGINE_VERSION, kinds, problemFromFile, solverFor } from "./index";

describe("core public surface", () => {
  it("dispatches documents on kind and names the kind field when unknown", () => {
    expect(compileProblem({ kind: "continuous", function: "sphere", dimension: 2 }).size).toEqual({ dimensions: 2 });
    expect(
      compileProblem({
        kind: "tsp",
        coordinates: [
          [0, 0],
          [1, 0],
          [0, 1],
        ],
      }).size,
    ).toEqual({ cities: 3 });
    for (const doc of [{ kind: "knapsack" }, {}]) {
      try {
        compileProblem(doc);
        throw new Error("accepted");
      } catch (e) {
        expect(e).toBeInstanceOf(ProblemError);
        expect((e as ProblemError).issues[0].path).toEqual(["kind"]);
      }
    }
  });

  it("finds solvers, defaulting to each kind's strongest", () => {
    expect(solverFor("continuous").id).toBe("de");
    expect(solverFor("tsp").id).toBe("memetic");
    expect(solverFor("tsp", "aco").solver.id).toBe("aco");
    try {
      solverFor("tsp", "pso");
      throw new Error("accepted");
    } catch (e) {
      expect(e).toBeInstanceOf(ParameterError);
      expect((e as ParameterError).issues[0].path).toEqual(["algorithm"]);
    }
  });

  it("lists every algorithm with parameter schemas and defaults", () => {
    const cat = algorithmCatalogue();
    const ids = cat.items
      .filter((i) => i.kind !== "timetabling")
      .map((i) => `${i.kind}/${i.id}`)
      .sort();
    expect(ids).toEqual(["continuous/aco-r", "continuous/de", "continuous/ga", "continuous/pso", "continuous/sa", "permutation/ga", "permutation/sa", "tsp/aco", "tsp/ga", "tsp/memetic"]);
    const de = cat.items.find((i) => i.id === "de")!;
    expect(de.default).toBe(true);
    expect(de.defaults.strategy).toBe("lshade");
    expect((de.parameters as { properties: Record<string, unknown> }).properties.pBest).toMatchObject({ type: "number", default: 0.11 });
    expect(cat.engineVersion).toBe(ENGINE_VERSION);
    for (const k of cat.kinds) expect(k.algorithms).toContain(k.defaultAlgorithm);
    expect(Object.keys(kinds)).toEqual(expect.arrayContaining(["continuous", "tsp"]));
  });

  it("infers documents from file names", () => {
    expect(problemFromFile("dir/berlin52.tsp", "NAME: b")).toMatchObject({ kind: "tsp", format: "tsplib", name: "berlin52" });
    expect(problemFromFile("p.JSON", '{"kind":"continuous"}')).toEqual({ kind: "continuous" });
    expect(() => problemFromFile("p.json", "{nope")).toThrow(ProblemError);
    expect(() => problemFromFile("p.docx", "")).toThrow(ProblemError);
  });
});
