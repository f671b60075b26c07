/** Permutation exports: the best ordering as JSON and as CSV (one row per position). */
import { toCsv } from "./csv";

export interface OrderingInput {
  name: string;
  /** Item indices (0-based), position by position. */
  order: readonly number[];
  value: number;
}

export function orderingJson(o: OrderingInput) {
  return { name: o.name, value: o.value, size: o.order.length, order: [...o.order] };
}

/** `position,item` rows (both 0-based, as the objective saw them) followed by the objective value. */
export function orderingCsv(o: OrderingInput): string {
  return toCsv([["position", "item"], ...o.order.map((item, k) => [k, item]), ["objective", o.value]]);
}
