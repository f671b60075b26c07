import { describe, expect, it } from "vitest";
import { canForkAlgorithm, figureLabelsOf } from "./catalogue.server";

describe("figureLabelsOf (core's registry words for a job's figures)", () => {
  it("uses the kind's words, and a FET school's own", () => {
    expect(figureLabelsOf("tsp", "memetic")).toEqual({ best: "Tour length" });
    expect(figureLabelsOf("timetabling", "memetic")).toMatchObject({ hard: "Hard violations", soft: "Soft cost (weighted)" });
    expect(figureLabelsOf("timetabling", "school")).toEqual({ best: "Penalty", hard: "Hard violations", soft: "Soft penalty (FET weights)" });
    expect(figureLabelsOf("continuous", "de").best).toBe("Objective value");
    expect(figureLabelsOf("nothing", "x").best).toBe("Best value");
  });
});

describe("canForkAlgorithm", () => {
  it("is true where the solver continues a saved state (retune), false for races and unknown algorithms", () => {
    expect(canForkAlgorithm("continuous", "de")).toBe(true);
    expect(canForkAlgorithm("timetabling", "memetic")).toBe(true);
    expect(canForkAlgorithm("timetabling", "school")).toBe(true);
    expect(canForkAlgorithm("tsp", "race")).toBe(false);
    expect(canForkAlgorithm("nothing", "de")).toBe(false);
  });
});
