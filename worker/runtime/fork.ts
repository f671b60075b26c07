/**
 * Forking: a child job continues from another job's latest checkpoint with changed parameters.
 *
 * What may change: parameters of type "number" (rates, factors, step sizes — read afresh every
 * iteration), the evaluation budget (the child gets `budget.evaluations` more) and, for timetabling,
 * the soft-constraint weights (the child's problem document carries them; the runner calls the
 * solver's `rescore` on the restored state so stored costs follow). What may not:
 * the problem, the kind and algorithm, and integer/enum/boolean parameters (population sizes,
 * strategies, operators shape the stored arrays). The service layer checks this before the job
 * exists; `retune` applies it to a restored state.
 *
 * TODO(core): a `Solver.retune(state, params, limits)` hook would let solvers decide this
 * themselves; until then this works for every solver built with core/engine/machine.ts, whose
 * state is `{ data: { params, maxEvaluations, evaluations, done, ... } }`.
 */
import type { ParamSpec } from "../../core/engine/params";
import { ApiError } from "../http/problem";

interface MachineData {
  params: Record<string, unknown>;
  maxEvaluations: number;
  evaluations: number;
  done: boolean;
}

/** Parameter names whose change a fork cannot apply (non-numeric specs with a different value). */
export function unforkableChanges(specs: readonly ParamSpec[], parent: Record<string, unknown>, child: Record<string, unknown>): string[] {
  return specs.filter((s) => s.type !== "number" && parent[s.name] !== undefined && parent[s.name] !== child[s.name]).map((s) => s.name);
}

/**
 * Apply the child's parameters and total evaluation limit to a state restored from the parent.
 * Two state shapes exist: runs built with core/engine/machine.ts keep these fields under `data`
 * (with a `done` flag); the timetabling engine keeps them at the top level and derives `done`.
 */
export function retune(state: unknown, params: Record<string, unknown>, maxEvaluations: number): void {
  const s = state as { data?: Partial<MachineData> } & Partial<MachineData>;
  const data = s?.data && typeof s.data.params === "object" ? s.data : s;
  if (!data || typeof data.params !== "object" || typeof data.evaluations !== "number" || typeof data.maxEvaluations !== "number") {
    throw new ApiError(422, "fork-unsupported", "Cannot fork this job", "This algorithm's saved state cannot be continued with new parameters.");
  }
  data.params = { ...data.params, ...params };
  data.maxEvaluations = maxEvaluations;
  if ("done" in data) data.done = data.evaluations >= maxEvaluations;
}
