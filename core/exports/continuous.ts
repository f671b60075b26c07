/** Continuous exports: the best point as JSON and as CSV (one row per variable). */
import { toCsv } from "./csv";

export interface PointInput {
  name: string;
  x: readonly number[];
  value: number;
  /** Variable names; x1, x2, … by default. */
  names?: readonly string[];
}

export function pointJson(p: PointInput) {
  return { name: p.name, value: p.value, x: [...p.x], variables: Object.fromEntries(p.x.map((v, i) => [p.names?.[i] ?? `x${i + 1}`, v])) };
}

/** `variable,value` rows followed by the objective value. */
export function pointCsv(p: PointInput): string {
  return toCsv([["variable", "value"], ...p.x.map((v, i) => [p.names?.[i] ?? `x${i + 1}`, v]), ["objective", p.value]]);
}
