import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProblemError } from "../engine/errors";
import { compileTsp } from "../tsp/document";
import { readTour } from "../tsp/tour-file";
import { tourLength } from "../tsp/tour";
import { solveFile } from "./run-file";

const DATA = new URL("../../fixtures/tsplib/", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "evolve-cli-"));

describe("solve CLI (solveFile)", () => {
  it("gives the same answer for the same seed and evaluation budget, and writes a valid .tour", () => {
    const file = new URL("eil51.tsp", DATA).pathname;
    const out = join(dir, "eil51.tour");
    const a = solveFile(file, { evaluations: 400, seed: 9, out });
    const b = solveFile(file, { evaluations: 400, seed: 9 });
    expect(a).toMatchObject({ kind: "tsp", algorithm: "memetic", seed: 9, evaluations: 400, instance: "eil51" });
    expect(b.best).toBe(a.best);
    const problem = compileTsp({ kind: "tsp", format: "tsplib", text: readFileSync(file, "utf8") });
    expect(tourLength(problem, readTour(readFileSync(out, "utf8"), problem.n))).toBe(a.best);
  });

  it("solves a continuous JSON document with a chosen algorithm and writes JSON", () => {
    const file = join(dir, "sphere.json");
    writeFileSync(file, JSON.stringify({ kind: "continuous", function: "sphere", dimension: 4 }));
    const out = join(dir, "sphere.out.json");
    const r = solveFile(file, { algorithm: "pso", evaluations: 2000, seed: 1, out });
    expect(r).toMatchObject({ kind: "continuous", algorithm: "pso", evaluations: 2000 });
    const written = JSON.parse(readFileSync(out, "utf8"));
    expect(written.value).toBe(r.best);
    expect(written.solution).toHaveLength(4);
  });

  it("reports bad files as ProblemError", () => {
    const file = join(dir, "bad.tsp");
    writeFileSync(file, "NAME: x\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 0 x\n3 1 1\nEOF\n");
    expect(() => solveFile(file, { evaluations: 10 })).toThrow(ProblemError);
    expect(() => solveFile(join(dir, "x.doc"), { evaluations: 10 })).toThrow();
  });
  it("turns seconds into an evaluation budget for a timetable (the final anneal needs one) and ends feasible", () => {
    const file = new URL("../../fixtures/itc2007/comp01.ctt", import.meta.url).pathname;
    const out = join(dir, "comp01.sol");
    const lines: string[] = [];
    const r = solveFile(file, { seconds: 1.5, seed: 2, out, log: (l) => lines.push(l) });
    expect(r).toMatchObject({ kind: "timetabling", instance: "Fis0506-1", hard: 0 });
    // The seconds became a finite evaluation limit (planned from the measured rate), which the run did not exceed.
    expect(r.plannedEvaluations).toBeGreaterThan(0);
    expect(Number.isFinite(r.plannedEvaluations)).toBe(true);
    expect(r.evaluations).toBeLessThanOrEqual(r.plannedEvaluations as number);
    // The run stops on its evaluation limit or its clock, whichever comes first, and logs at most about once a second.
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(readFileSync(out, "utf8").trim().split("\n").length).toBeGreaterThan(100);
  });
});
