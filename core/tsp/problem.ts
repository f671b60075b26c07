/**
 * The compiled TSP: city count, an O(1) distance function (a matrix for small instances, computed
 * from coordinates on the fly for large ones so memory stays O(n)), and k-nearest neighbour lists.
 */
import { coordinateDistance, type DistanceFn, type Metric } from "./distance";
import { nearestNeighbours } from "./neighbours";
import type { TsplibInstance } from "./tsplib";

export interface TspProblem {
  readonly kind: "tsp";
  readonly name: string;
  /** Number of cities; cities are 0..n-1 internally (TSPLIB ids are 1-based). */
  readonly n: number;
  readonly metric: Metric | "EXPLICIT";
  /** Interleaved x, y (absent for EXPLICIT instances). */
  readonly coords?: Float64Array;
  readonly dist: DistanceFn;
  /** Row-major n × k nearest-neighbour lists (closest first). */
  readonly neighbours: Int32Array;
  readonly k: number;
  /** True when all distances are integers (TSPLIB metrics), so no float tolerance is needed. */
  readonly integral: boolean;
}

/** Neighbour-list length: 10 is the usual sweet spot for 2-opt/Or-opt and ACS candidate lists. */
export const NEIGHBOURS = 10;
/** Up to this many cities a full distance matrix (8n² bytes: 8 MB at 1,000) is cached. */
export const MATRIX_LIMIT = 1_000;

function cached(n: number, dist: DistanceFn): DistanceFn {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) m[i * n + j] = m[j * n + i] = dist(i, j);
  return (i, j) => m[i * n + j];
}

export function tspFromCoordinates(name: string, coords: Float64Array, metric: Metric): TspProblem {
  const n = coords.length / 2;
  let dist = coordinateDistance(metric, coords);
  if (n <= MATRIX_LIMIT) dist = cached(n, dist);
  return {
    kind: "tsp",
    name,
    n,
    metric,
    coords,
    dist,
    neighbours: nearestNeighbours(n, dist, NEIGHBOURS),
    k: Math.min(NEIGHBOURS, n - 1),
    integral: metric !== "EUCLIDEAN",
  };
}

export function tspFromMatrix(name: string, n: number, matrix: Float64Array): TspProblem {
  const dist: DistanceFn = (i, j) => matrix[i * n + j];
  let integral = true;
  for (let i = 0; i < matrix.length && integral; i++) integral = Number.isInteger(matrix[i]);
  return {
    kind: "tsp",
    name,
    n,
    metric: "EXPLICIT",
    dist,
    neighbours: nearestNeighbours(n, dist, NEIGHBOURS),
    k: Math.min(NEIGHBOURS, n - 1),
    integral,
  };
}

export function tspFromTsplib(inst: TsplibInstance, name?: string): TspProblem {
  const label = name ?? inst.name;
  if (inst.edgeWeightType === "EXPLICIT") return tspFromMatrix(label, inst.dimension, inst.matrix!);
  return tspFromCoordinates(label, inst.coords!, inst.edgeWeightType);
}
