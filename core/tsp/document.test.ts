/** The TSP document's optional `optimum` (a job stops there: worker/runtime/stop-rules.ts). */
import { describe, expect, it } from "vitest";
import { ProblemError } from "../engine/errors";
import { compileTsp } from "./document";

const square = {
  kind: "tsp",
  coordinates: [
    [0, 0],
    [3, 0],
    [3, 4],
    [0, 4],
  ],
};

describe("tsp document optimum", () => {
  it("accepts a known optimal tour length in both forms", () => {
    expect(compileTsp({ ...square, optimum: 14 }).n).toBe(4);
    const text = "NAME: t\nTYPE: TSP\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 3 0\n3 3 4\nEOF\n";
    expect(compileTsp({ kind: "tsp", format: "tsplib", text, optimum: 12 }).n).toBe(3);
  });

  it("refuses an optimum that is not a finite length ≥ 0, at its path", () => {
    for (const optimum of [-1, "14", Number.NaN, null]) {
      try {
        compileTsp({ ...square, optimum });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ProblemError);
        expect((e as ProblemError).issues[0].path).toEqual(["optimum"]);
      }
    }
  });
});
