// The timetabling bench (bench/timetabling.ts): which seeds a table runs, and its list of every run's cost.
import { describe, expect, it } from "vitest";
import { describeSeeds, parseSeeds, perSeedLines } from "../bench/timetabling";

describe("npm run bench -- timetabling --seeds", () => {
  it("takes a count (seeds 1-N), a list or a range, and names them in the table", () => {
    expect(parseSeeds("3")).toEqual([1, 2, 3]);
    expect(parseSeeds("2,3")).toEqual([2, 3]);
    expect(parseSeeds("2-5")).toEqual([2, 3, 4, 5]);
    expect(describeSeeds(parseSeeds("5"))).toBe("1–5");
    expect(describeSeeds(parseSeeds("2"))).toBe("1–2");
    expect(describeSeeds([4])).toBe("4");
    expect(describeSeeds([2, 4])).toBe("2, 4");
  });

  it("refuses anything that is not positive integers", () => {
    for (const bad of ["0", "x", "3-1", "2,,3", "1.5", "-2"]) expect(() => parseSeeds(bad), bad).toThrow(/--seeds takes/);
  });
});

describe("the timetabling table's soft cost per run", () => {
  it("lists each instance's runs in seed order, marking a run with hard violations", () => {
    const runs = [
      { instance: "comp10", seed: 2, soft: 10, hard: 0 },
      { instance: "comp07", seed: 1, soft: 12, hard: 0 },
      { instance: "comp10", seed: 1, soft: 8, hard: 0 },
      { instance: "comp10", seed: 3, soft: 31, hard: 2 },
    ];
    expect(perSeedLines(["comp10", "comp07"], runs)).toEqual(["- comp10: 8, 10, 31 (hard 2) (seeds 1–3)", "- comp07: 12 (seed 1)"]);
  });
});
