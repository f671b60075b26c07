import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ProblemError } from "../engine/errors";
import { att, ceil2d, euc2d, geo, geoRadians } from "./distance";
import { compileTsp } from "./document";
import { tourLength } from "./tour";
import { readTour, writeTour } from "./tour-file";
import { parseTsplib } from "./tsplib";

const DATA = new URL("../../fixtures/tsplib/", import.meta.url);
const read = (f: string) => readFileSync(new URL(f, DATA), "utf8");
const optima = JSON.parse(read("optima.json")) as Record<string, { optimum: number; file: string; opt_tour_file?: string; dimension: number }>;

function lineOf(f: () => unknown): number | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemError);
    return (e as ProblemError).issues[0].line;
  }
  throw new Error("expected a ProblemError");
}

describe("TSPLIB distances", () => {
  it("rounds EUC_2D to the nearest integer and CEIL_2D up", () => {
    expect(euc2d(3, 4)).toBe(5);
    expect(euc2d(1, 1)).toBe(1); // 1.414 → 1
    expect(euc2d(1.5, 2)).toBe(3); // 2.5 → 3 (half up)
    expect(ceil2d(1, 1)).toBe(2);
    expect(ceil2d(3, 4)).toBe(5);
  });
  it("computes ATT pseudo-Euclidean distances", () => {
    expect(att(10, 0)).toBe(4); // sqrt(10) = 3.16 → nint 3 < r → 4
    expect(att(0, 0)).toBe(0);
    expect(att(30, 40)).toBe(16); // sqrt(250) = 15.81 → 16
  });
  it("computes GEO distances with TSPLIB's PI and degree.minute convention", () => {
    expect(geoRadians(10.3)).toBeCloseTo((3.141592 * (10 + 0.5)) / 180, 12); // 10°30'
    const a = [geoRadians(38.24), geoRadians(20.42)];
    const b = [geoRadians(39.57), geoRadians(26.15)];
    expect(geo(a[0], a[1], b[0], b[1])).toBe(509); // ulysses22 nodes 1–2
  });
});

describe("TSPLIB reader", () => {
  for (const [name, info] of Object.entries(optima)) {
    it(`${name}: its optimal tour evaluates to the published optimum ${info.optimum}`, () => {
      const p = compileTsp({ kind: "tsp", format: "tsplib", text: read(info.file) });
      expect(p.n).toBe(info.dimension);
      const tour = readTour(read(info.opt_tour_file!), p.n);
      expect(tourLength(p, tour)).toBe(info.optimum);
    });
  }

  const tiny = (body: string) => `NAME: t\nTYPE: TSP\nDIMENSION: 4\n${body}\nEOF\n`;
  const coordsOf4 = [
    [0, 0],
    [3, 0],
    [3, 4],
    [0, 4],
  ];
  const full = coordsOf4.map((a) => coordsOf4.map((b) => euc2d(a[0] - b[0], a[1] - b[1])));

  it("reads EXPLICIT matrices in every supported layout identically", () => {
    const rows: Record<string, number[][]> = {
      FULL_MATRIX: full,
      UPPER_ROW: full.map((r, i) => r.slice(i + 1)),
      LOWER_ROW: full.map((r, i) => r.slice(0, i)),
      UPPER_DIAG_ROW: full.map((r, i) => r.slice(i)),
      LOWER_DIAG_ROW: full.map((r, i) => r.slice(0, i + 1)),
    };
    for (const [fmt, r] of Object.entries(rows)) {
      const text = tiny(`EDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_FORMAT: ${fmt}\nEDGE_WEIGHT_SECTION\n${r.map((x) => x.join(" ")).join("\n")}`);
      const p = compileTsp({ kind: "tsp", format: "tsplib", text });
      for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (i !== j) expect(p.dist(i, j)).toBe(full[i][j]);
      expect(tourLength(p, [0, 1, 2, 3])).toBe(14);
    }
  });

  it("accepts headers with or without spaces around the colon, leading spaces and exponents", () => {
    const p = parseTsplib("NAME:x\nDIMENSION :3\nEDGE_WEIGHT_TYPE : CEIL_2D\nNODE_COORD_SECTION\n  1 1.5e+01 0\n 2 0 0\n3 0 1e1\n");
    expect(Array.from(p.coords!)).toEqual([15, 0, 0, 0, 0, 10]);
    expect(p.edgeWeightType).toBe("CEIL_2D");
  });

  it("names the line of each error", () => {
    const coords = "NODE_COORD_SECTION\n1 0 0\n2 1 0\n3 1 1\n4 0 1";
    expect(lineOf(() => parseTsplib(tiny(`EDGE_WEIGHT_TYPE: EUC_2D\n${coords.replace("3 1 1", "3 1 1\n5 2 2")}`)))).toBe(9); // id 5 > DIMENSION
    expect(lineOf(() => parseTsplib(tiny(`EDGE_WEIGHT_TYPE: EUC_2D\n${coords.replace("3 1 1", "2 1 1")}`)))).toBe(8); // duplicate id 2
    expect(lineOf(() => parseTsplib(tiny(`EDGE_WEIGHT_TYPE: EUC_2D\n${coords.replace("3 1 1", "3 NaN 1")}`)))).toBe(8);
    expect(lineOf(() => parseTsplib(tiny(`EDGE_WEIGHT_TYPE: EUC_3D\n${coords}`)))).toBe(4); // unknown type
    expect(lineOf(() => parseTsplib(tiny("EDGE_WEIGHT_TYPE: EUC_2D")))).toBeGreaterThan(0); // missing section
    expect(lineOf(() => parseTsplib(`NAME: t\nDIMENSION: 5\nEDGE_WEIGHT_TYPE: EUC_2D\n${coords}\nEOF`))).toBe(9); // too few nodes
    expect(lineOf(() => parseTsplib(`NAME: t\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EUC_2D\n${coords}\nEOF`))).toBe(8); // too many nodes
    expect(lineOf(() => parseTsplib(`NAME: t\nDIMENSION: x\nEDGE_WEIGHT_TYPE: EUC_2D\n${coords}`))).toBe(2);
    expect(lineOf(() => parseTsplib(`NAME: t\nDIMENSION: 99999\nEDGE_WEIGHT_TYPE: EUC_2D\n${coords}`))).toBe(2);
    expect(lineOf(() => parseTsplib(`TYPE: ATSP\nDIMENSION: 4\nEDGE_WEIGHT_TYPE: EUC_2D\n${coords}`))).toBe(1);
    expect(lineOf(() => parseTsplib(tiny("EDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_FORMAT: UPPER_ROW\nEDGE_WEIGHT_SECTION\n1 2 3\n4 x")))).toBe(8);
    expect(lineOf(() => parseTsplib(tiny("EDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_FORMAT: FULL_MATRIX\nEDGE_WEIGHT_SECTION\n0 1 2 3\n1 0 2 3\n2 2 0 3\n3 3 9 0")))).toBe(6); // asymmetric
    expect(lineOf(() => parseTsplib(tiny("EDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_FORMAT: FUNKY\nEDGE_WEIGHT_SECTION\n1 2 3")))).toBe(5);
  });

  it("fuzz: arbitrary or mutated text never throws anything but ProblemError, and terminates", () => {
    const base = read("berlin52.tsp").split("\n").slice(0, 20).join("\n");
    const mutated = fc
      .tuple(fc.integer({ min: 0, max: base.length }), fc.integer({ min: 0, max: 40 }), fc.string({ maxLength: 30 }))
      .map(([at, cut, ins]) => base.slice(0, at) + ins + base.slice(at + cut));
    const tokens = fc
      .array(
        fc.constantFrom(
          "NAME: x",
          "DIMENSION: 3",
          "DIMENSION: -1",
          "EDGE_WEIGHT_TYPE: EUC_2D",
          "EDGE_WEIGHT_TYPE: EXPLICIT",
          "EDGE_WEIGHT_FORMAT: LOWER_DIAG_ROW",
          "NODE_COORD_SECTION",
          "EDGE_WEIGHT_SECTION",
          "1 0 0",
          "2 5 5",
          "3 1e3 -2",
          "0 1 2",
          "-1",
          "EOF",
          "",
          " 7 ",
          "DISPLAY_DATA_SECTION",
          "TOUR_SECTION",
        ),
        { maxLength: 25 },
      )
      .map((lines) => lines.join("\n"));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), mutated, tokens), (text) => {
        try {
          compileTsp({ kind: "tsp", format: "tsplib", text });
        } catch (e) {
          if (!(e instanceof ProblemError)) throw e;
        }
        try {
          readTour(text);
        } catch (e) {
          if (!(e instanceof ProblemError)) throw e;
        }
      }),
      { numRuns: 800 },
    );
  });
});

describe(".tour files", () => {
  it("round-trips a tour through writeTour/readTour", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...Array(30).keys()], { minLength: 30, maxLength: 30 }), (tour) => {
        expect(Array.from(readTour(writeTour("x", tour, 12)))).toEqual(tour);
      }),
      { numRuns: 50 },
    );
  });
  it("rejects repeated and out-of-range nodes with their line", () => {
    expect(lineOf(() => readTour("DIMENSION: 3\nTOUR_SECTION\n1\n2\n2\n-1\n"))).toBe(5);
    expect(lineOf(() => readTour("DIMENSION: 3\nTOUR_SECTION\n1\n9\n2\n-1\n"))).toBe(4);
    expect(lineOf(() => readTour("DIMENSION: 3\n1\n2\n"))).toBe(4); // missing TOUR_SECTION: reported at the end
  });
});

describe("JSON coordinates", () => {
  it("uses unrounded Euclidean distances by default and TSPLIB metrics on request", () => {
    const pts = [
      [0, 0],
      [1, 1],
      [0, 2],
    ];
    expect(tourLength(compileTsp({ kind: "tsp", coordinates: pts }), [0, 1, 2])).toBeCloseTo(2 * Math.SQRT2 + 2, 12);
    expect(tourLength(compileTsp({ kind: "tsp", coordinates: pts, distance: "EUC_2D" }), [0, 1, 2])).toBe(4);
  });
  it("names the offending coordinate", () => {
    try {
      compileTsp({
        kind: "tsp",
        coordinates: [
          [0, 0],
          [1, "a"],
          [2, 2],
        ],
      });
      throw new Error("accepted");
    } catch (e) {
      expect(e).toBeInstanceOf(ProblemError);
      expect((e as ProblemError).issues[0].path).toEqual(["coordinates", 1, 1]);
    }
    expect(() => compileTsp({ kind: "tsp", coordinates: [[0, 0]] })).toThrow(ProblemError);
    expect(() =>
      compileTsp({
        kind: "tsp",
        coordinates: [
          [0, 0],
          [1, 1],
          [2, 2],
        ],
        distance: "MAN_2D",
      }),
    ).toThrow(ProblemError);
  });
});
