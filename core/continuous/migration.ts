/**
 * Island migration for the continuous algorithms (Solver.emigrants / immigrate, contract.ts).
 *
 * `withMigration(solver)` adds both hooks by looking at the run's population arrays, which all
 * continuous algorithms keep in the same shapes: `pop`/`cost` (de, ga; de's live size is `np`),
 * `archive`/`cost` ranked best first (aco-r), `pbest`/`pbestCost` (pso: migrants become personal
 * bests and so attract the swarm), or the single point `x`/`cost` (sa). Costs are minimisation
 * costs (sign·f). Incoming rows replace the worst rows they beat, are clipped to the box, and
 * update the best so far; they cost no evaluations. Call the hooks only between steps.
 */
import type { Migrants, Solver } from "../engine/contract";
import type { Run } from "../engine/machine";
import { directionSign, type ContinuousProblem } from "./problem";
import type { ContinuousData } from "./run";

type AnyRun = Run<ContinuousProblem, ContinuousData & Record<string, unknown>, unknown>;

interface View {
  xs: Float64Array;
  cost: Float64Array;
  count: number;
  /** aco-r keeps its archive ranked; incoming rows must keep it so. */
  ranked: boolean;
}

function viewOf(run: AnyRun): View | undefined {
  const d = run.data;
  if (d.pop instanceof Float64Array && d.cost instanceof Float64Array) {
    return { xs: d.pop, cost: d.cost, count: typeof d.np === "number" ? d.np : d.cost.length, ranked: false };
  }
  if (d.archive instanceof Float64Array && d.cost instanceof Float64Array) return { xs: d.archive, cost: d.cost, count: d.cost.length, ranked: true };
  if (d.pbest instanceof Float64Array && d.pbestCost instanceof Float64Array) return { xs: d.pbest, cost: d.pbestCost, count: d.pbestCost.length, ranked: false };
  return undefined;
}

export function withMigration<S, Sol, Params>(solver: Solver<ContinuousProblem, S, Sol, Params>): Solver<ContinuousProblem, S, Sol, Params> {
  return {
    ...solver,
    emigrants: (state, k) => emigrants(state as unknown as AnyRun, k),
    immigrate: (state, migrants) => immigrate(state as unknown as AnyRun, migrants),
  };
}

function emigrants(run: AnyRun, k: number): Migrants {
  const dim = run.problem.dimension;
  const d = run.data;
  const v = viewOf(run);
  if (!v) {
    // Single-point methods (sa) send their best point.
    const ok = k > 0 && d.bestCost < Number.POSITIVE_INFINITY;
    return { count: ok ? 1 : 0, width: dim, rows: ok ? Float64Array.from(d.bestX) : new Float64Array(0), costs: Float64Array.of(...(ok ? [d.bestCost] : [])) };
  }
  const order: number[] = [];
  for (let i = 0; i < v.count; i++) if (v.cost[i] < Number.POSITIVE_INFINITY) order.push(i);
  order.sort((a, b) => v.cost[a] - v.cost[b] || a - b);
  const take = order.slice(0, Math.max(0, Math.floor(k)));
  const rows = new Float64Array(take.length * dim);
  take.forEach((i, r) => rows.set(v.xs.subarray(i * dim, i * dim + dim), r * dim));
  return { count: take.length, width: dim, rows, costs: Float64Array.from(take, (i) => v.cost[i]) };
}

function immigrate(run: AnyRun, m: Migrants): void {
  const { problem } = run;
  const dim = problem.dimension;
  const d = run.data;
  if (!m || m.width !== dim || !(m.rows instanceof Float64Array) || !(m.costs instanceof Float64Array)) return;
  const count = Math.min(m.count, m.costs.length, Math.floor(m.rows.length / dim));
  const v = viewOf(run);
  const x = new Float64Array(dim);
  for (let r = 0; r < count; r++) {
    const c = m.costs[r];
    if (!Number.isFinite(c)) continue;
    let finite = true;
    for (let j = 0; j < dim; j++) {
      const val = m.rows[r * dim + j];
      if (!Number.isFinite(val)) finite = false;
      x[j] = Math.min(problem.upper[j], Math.max(problem.lower[j], val));
    }
    if (!finite) continue;
    if (v) placeRow(v, x, c, dim);
    else if (d.x instanceof Float64Array && typeof d.cost === "number" && c < d.cost) {
      d.x.set(x); // sa: continue from the better point
      d.cost = c;
    }
    if (c < d.bestCost) {
      d.bestCost = c;
      d.bestX.set(x);
      d.best = directionSign(problem) * c;
    }
  }
}

/** Put (x, c) in place of the worst row if it is better (keeping a ranked archive ranked). */
function placeRow(v: View, x: Float64Array, c: number, dim: number): void {
  let worst = 0;
  for (let i = 1; i < v.count; i++) if (v.cost[i] > v.cost[worst]) worst = i;
  if (!(c < v.cost[worst])) return;
  if (!v.ranked) {
    v.xs.set(x, worst * dim);
    v.cost[worst] = c;
    return;
  }
  let at = v.count - 1;
  while (at > 0 && v.cost[at - 1] > c) at--;
  v.xs.copyWithin((at + 1) * dim, at * dim, (v.count - 1) * dim);
  v.cost.copyWithin(at + 1, at, v.count - 1);
  v.xs.set(x, at * dim);
  v.cost[at] = c;
}
