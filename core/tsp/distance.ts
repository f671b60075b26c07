/**
 * Edge weights exactly as TSPLIB95 defines them (integer results), plus plain Euclidean for JSON
 * coordinates. `nint(x) = floor(x + 0.5)`; GEO uses PI = 3.141592 and RRR = 6378.388 with
 * DDD.MM degree/minute coordinates; ATT is the pseudo-Euclidean distance.
 */
import type { CoordType } from "./tsplib";

export type Metric = CoordType | "EUCLIDEAN";
export type DistanceFn = (i: number, j: number) => number;

const nint = (x: number) => Math.floor(x + 0.5);
const GEO_PI = 3.141592;
const RRR = 6378.388;

export function euc2d(dx: number, dy: number): number {
  return nint(Math.sqrt(dx * dx + dy * dy));
}

export function ceil2d(dx: number, dy: number): number {
  return Math.ceil(Math.sqrt(dx * dx + dy * dy));
}

export function att(dx: number, dy: number): number {
  const r = Math.sqrt((dx * dx + dy * dy) / 10);
  const t = nint(r);
  return t < r ? t + 1 : t;
}

/** DDD.MM to radians, as in TSPLIB's reference code. */
export function geoRadians(v: number): number {
  const deg = Math.trunc(v);
  const min = v - deg;
  return (GEO_PI * (deg + (5 * min) / 3)) / 180;
}

/** GEO distance between (lat, lon) pairs already converted with geoRadians. */
export function geo(latI: number, lonI: number, latJ: number, lonJ: number): number {
  const q1 = Math.cos(lonI - lonJ);
  const q2 = Math.cos(latI - latJ);
  const q3 = Math.cos(latI + latJ);
  return Math.trunc(RRR * Math.acos(0.5 * ((1 + q1) * q2 - (1 - q1) * q3)) + 1);
}

/**
 * A distance function over interleaved coordinates (x0, y0, x1, y1, ...). It computes on the fly;
 * `problem.ts` wraps it in a matrix for small instances.
 */
export function coordinateDistance(metric: Metric, coords: Float64Array): DistanceFn {
  const n = coords.length / 2;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = coords[2 * i];
    ys[i] = coords[2 * i + 1];
  }
  switch (metric) {
    case "EUC_2D":
      return (i, j) => euc2d(xs[i] - xs[j], ys[i] - ys[j]);
    case "CEIL_2D":
      return (i, j) => ceil2d(xs[i] - xs[j], ys[i] - ys[j]);
    case "ATT":
      return (i, j) => att(xs[i] - xs[j], ys[i] - ys[j]);
    case "GEO": {
      // x is latitude and y longitude, both DDD.MM.
      for (let i = 0; i < n; i++) {
        xs[i] = geoRadians(xs[i]);
        ys[i] = geoRadians(ys[i]);
      }
      return (i, j) => (i === j ? 0 : geo(xs[i], ys[i], xs[j], ys[j]));
    }
    case "EUCLIDEAN":
      return (i, j) => {
        const dx = xs[i] - xs[j];
        const dy = ys[i] - ys[j];
        return Math.sqrt(dx * dx + dy * dy);
      };
  }
}
