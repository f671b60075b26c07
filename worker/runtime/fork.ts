/**
 * Forking: a child job continues from another job's latest checkpoint with changed parameters.
 *
 * What may change: parameters of type "number" (rates, factors, step sizes — read afresh every
 * iteration), the evaluation budget (the child gets `budget.evaluations` more) and, for timetabling,
 * the soft-constraint weights (the child's problem document carries them; the run calls the
 * solver's `rescore` on the restored state so stored costs follow). What may not: the problem,
 * the kind and algorithm, and integer/enum/boolean parameters (population sizes, strategies,
 * operators shape the stored arrays). The service layer (worker/jobs/create-job.ts) checks this
 * with `unforkableChanges` before the job exists; the solver's own `retune` (core/engine/contract.ts)
 * applies the change to the restored state.
 */
import type { ParamSpec } from "@core/engine/params";
import { ApiError } from "../http/problem";
import type { AnySolver } from "./solvers";

/** Parameter names whose change a fork cannot apply (non-numeric specs with a different value). */
export function unforkableChanges(specs: readonly ParamSpec[], parent: Record<string, unknown>, child: Record<string, unknown>): string[] {
  return specs.filter((s) => s.type !== "number" && parent[s.name] !== undefined && parent[s.name] !== child[s.name]).map((s) => s.name);
}

/** Continue a restored parent state with the child's parameters and total evaluation limit; 422 when the solver cannot. */
export function retuneForFork(solver: AnySolver, state: unknown, params: Record<string, unknown>, maxEvaluations: number): void {
  if (!solver.retune) {
    throw new ApiError(422, "fork-unsupported", "Cannot fork this job", "This algorithm's saved state cannot be continued with new parameters.");
  }
  solver.retune(state, params, { maxEvaluations });
}

/** Continue a restored state from a solution edited by hand (a fork's warm start); 422 when the solver cannot. */
export function warmStartForFork(solver: AnySolver, state: unknown, solution: unknown): void {
  if (!solver.warmStart) {
    throw new ApiError(422, "fork-unsupported", "Cannot fork this job", "This algorithm cannot continue from an edited solution.");
  }
  solver.warmStart(state, solution);
}
