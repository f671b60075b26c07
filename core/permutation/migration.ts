/**
 * Island migration for the permutation algorithms (Solver.emigrants / immigrate, contract.ts).
 * The GA sends its k best orderings and lets incoming ones replace the worst rows they beat; SA
 * sends its best ordering and continues from an incoming one that beats its current. Migrants
 * cost no evaluations. Rows that are not permutations of 0..n-1 are ignored (a checkpoint from
 * elsewhere must never corrupt a run).
 */
import type { Migrants, Solver } from "../engine/contract";
import type { Run } from "../engine/machine";
import { directionSign, type PermutationProblem } from "./problem";
import type { PermutationData } from "./run";

type AnyRun = Run<PermutationProblem, PermutationData & Record<string, unknown>, unknown>;

export function withMigration<S, Sol, Params>(solver: Solver<PermutationProblem, S, Sol, Params>): Solver<PermutationProblem, S, Sol, Params> {
  return {
    ...solver,
    emigrants: (state, k) => emigrants(state as unknown as AnyRun, k),
    immigrate: (state, migrants) => immigrate(state as unknown as AnyRun, migrants),
  };
}

function population(run: AnyRun): { pop: Int32Array; cost: Float64Array } | undefined {
  const d = run.data;
  return d.pop instanceof Int32Array && d.cost instanceof Float64Array ? { pop: d.pop, cost: d.cost } : undefined;
}

function emigrants(run: AnyRun, k: number): Migrants {
  const n = run.problem.n;
  const d = run.data;
  const v = population(run);
  const picks: { row: Int32Array; cost: number }[] = [];
  if (v) {
    const order: number[] = [];
    for (let i = 0; i < v.cost.length; i++) if (v.cost[i] < Number.POSITIVE_INFINITY) order.push(i);
    order.sort((a, b) => v.cost[a] - v.cost[b] || a - b);
    for (const i of order.slice(0, Math.max(0, Math.floor(k)))) picks.push({ row: v.pop.subarray(i * n, i * n + n), cost: v.cost[i] });
  } else if (k > 0 && d.bestCost < Number.POSITIVE_INFINITY) picks.push({ row: d.bestPerm, cost: d.bestCost });
  const rows = new Float64Array(picks.length * n);
  picks.forEach((p, r) => rows.set(p.row, r * n));
  return { count: picks.length, width: n, rows, costs: Float64Array.from(picks, (p) => p.cost) };
}

function immigrate(run: AnyRun, m: Migrants): void {
  const { problem } = run;
  const n = problem.n;
  const d = run.data;
  if (!m || m.width !== n || !(m.rows instanceof Float64Array) || !(m.costs instanceof Float64Array)) return;
  const count = Math.min(m.count, m.costs.length, Math.floor(m.rows.length / n));
  const v = population(run);
  const row = new Int32Array(n);
  const seen = new Uint8Array(n);
  for (let r = 0; r < count; r++) {
    const c = m.costs[r];
    if (!Number.isFinite(c) || !readPermutation(m.rows, r * n, row, seen)) continue;
    if (v) {
      let worst = 0;
      for (let i = 1; i < v.cost.length; i++) if (v.cost[i] > v.cost[worst]) worst = i;
      if (c < v.cost[worst]) {
        v.pop.set(row, worst * n);
        v.cost[worst] = c;
      }
    } else if (d.cur instanceof Int32Array && typeof d.cost === "number" && c < d.cost) {
      d.cur.set(row);
      d.cost = c;
    }
    if (c < d.bestCost) {
      d.bestCost = c;
      d.bestPerm.set(row);
      d.best = directionSign(problem) * c;
    }
  }
}

/** Copy rows[from..from+n) into `out` if it is a permutation of 0..n-1. */
function readPermutation(rows: Float64Array, from: number, out: Int32Array, seen: Uint8Array): boolean {
  const n = out.length;
  seen.fill(0);
  for (let i = 0; i < n; i++) {
    const v = rows[from + i];
    if (!Number.isInteger(v) || v < 0 || v >= n || seen[v]) return false;
    seen[v] = 1;
    out[i] = v;
  }
  return true;
}
