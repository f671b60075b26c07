/**
 * Size bombs against the TSP readers: refused with a ProblemError carrying the exceeded limit
 * (413 bytes, 422 declared sizes) in well under a second, before anything n² is allocated.
 */
import { describe, expect, it } from "vitest";
import { ProblemError } from "../engine/errors";
import { compileTsp, measureTsp } from "./document";
import { MAX_CITIES, MAX_EXPLICIT_CITIES, MAX_TSPLIB_BYTES, parseTsplib } from "./tsplib";

function refused(f: () => unknown): { error: ProblemError; ms: number } {
  const t0 = performance.now();
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t0;
  expect(error).toBeInstanceOf(ProblemError);
  expect(ms).toBeLessThan(500);
  return { error: error as ProblemError, ms };
}

const explicit = (n: number, fmt = "FULL_MATRIX", weights = "1 2 3") =>
  `NAME: bomb\nTYPE: TSP\nDIMENSION: ${n}\nEDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_FORMAT: ${fmt}\nEDGE_WEIGHT_SECTION\n${weights}\nEOF\n`;

describe("TSPLIB limits", () => {
  it("does not allocate the n² matrix of DIMENSION 3000 EXPLICIT before reading its weights", () => {
    const text = explicit(3_000);
    expect(text.length).toBeLessThan(150);
    const { error } = refused(() => parseTsplib(text));
    expect(error.issues[0].message).toMatch(/needs 9000000 weights/);
    expect(error.issues[0].line).toBe(6);
  });

  it("refuses an EXPLICIT DIMENSION above MAX_EXPLICIT_CITIES before reading the section (422)", () => {
    const { error } = refused(() => parseTsplib(explicit(MAX_EXPLICIT_CITIES + 1)));
    expect(error.status).toBe(422);
    expect(error.limit).toMatchObject({ name: "MAX_EXPLICIT_CITIES", maximum: MAX_EXPLICIT_CITIES, actual: MAX_EXPLICIT_CITIES + 1 });
    expect(error.issues[0].line).toBe(3);
  });

  it("refuses DIMENSION above MAX_CITIES (422) and a text above MAX_TSPLIB_BYTES (413)", () => {
    expect(refused(() => parseTsplib(`DIMENSION: 1000000000\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n`)).error.limit?.name).toBe("MAX_CITIES");
    const big = refused(() => parseTsplib("NAME: x\n" + " ".repeat(MAX_TSPLIB_BYTES)));
    expect(big.error.status).toBe(413);
    expect(big.error.limit?.name).toBe("MAX_TSPLIB_BYTES");
  });

  it("refuses a JSON document with too many coordinates (422)", () => {
    const coordinates = Array.from({ length: MAX_CITIES + 1 }, (_, i) => [i, i]);
    const { error } = refused(() => compileTsp({ kind: "tsp", coordinates }));
    expect(error.status).toBe(422);
    expect(() => measureTsp({ kind: "tsp", coordinates })).toThrow(ProblemError);
  });

  it("measure reads DIMENSION from the header only", () => {
    const t0 = performance.now();
    expect(measureTsp({ kind: "tsp", format: "tsplib", text: explicit(3_000) })).toEqual({ cities: 3_000 });
    expect(performance.now() - t0).toBeLessThan(50);
    expect(refused(() => measureTsp({ kind: "tsp", format: "tsplib", text: explicit(MAX_EXPLICIT_CITIES + 1) })).error.status).toBe(422);
  });
});
