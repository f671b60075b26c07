/**
 * The platform's one door into core's engine (core/index.ts): which kinds exist, how a problem
 * document compiles, which solver runs an algorithm. Everything in worker/runtime goes through
 * here, so any kind registered in core works without the runtime knowing its shape.
 */
import * as core from "@core/index";
import type { Migrants, Solver } from "@core/engine/contract";
import { ProblemError } from "@core/engine/errors";
import type { KindModule } from "@core/registry";
import { compileCustomShape, hasCustomObjective } from "../sandbox/shape";

/** Recorded in every job's replay receipt: a replay on another engine version may differ. */
export const ENGINE_VERSION = core.ENGINE_VERSION;

export type AnySolver = Solver<unknown, unknown, unknown, Record<string, unknown>> & {
  emigrants?(state: unknown, k: number): Migrants;
  immigrate?(state: unknown, migrants: Migrants): void;
};

export function kindModule(kind: string): KindModule {
  return core.kindModule(kind, ["problem", "kind"]);
}

/** Compile a problem document; the kind comes from the document's own `kind` field. */
export function compileProblem(doc: unknown): { kind: string; problem: unknown; size: Record<string, number> } {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new ProblemError({ path: ["problem"], message: "must be a JSON object with a kind" });
  }
  // Tenant JavaScript objectives: shape only here; jobs run them via sandbox compileProblemWithSandbox.
  if (hasCustomObjective(doc)) return compileCustomShape(doc);
  const { kind, problem, size } = core.compileProblem(doc);
  return { kind, problem, size };
}

/** The solver of `algorithm`, or without one the default for this compiled `problem` (core/index.ts). */
export function solverFor(kind: string, algorithm?: string, problem?: unknown): { algorithm: string; solver: AnySolver } {
  const { id, solver } = core.solverFor(kind, algorithm, problem);
  return { algorithm: id, solver: solver as AnySolver };
}
