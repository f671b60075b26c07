/**
 * The runtime's one door into the engine: which kinds exist, how a problem document compiles,
 * which solver runs an algorithm. Everything else in worker/runtime goes through here, so any
 * kind registered in core works without the runtime knowing its shape.
 *
 * TODO(core/index.ts): switch these imports to core's `kinds` / `compileProblem` / `solverFor` /
 * `ENGINE_VERSION` once core/index.ts lands; the functions below keep the same names on purpose.
 */
import { continuousKind } from "../../core/continuous/index";
import type { Solver } from "../../core/engine/contract";
import { ProblemError } from "../../core/engine/errors";
import type { KindModule } from "../../core/registry";

/** Recorded in every job's replay receipt: a replay on another engine version may differ. */
export const ENGINE_VERSION = "0.1.0";

export const kinds: Record<string, KindModule> = { continuous: continuousKind };

export type AnySolver = Solver<unknown, unknown, unknown, Record<string, unknown>> & Partial<MigrationHooks>;

/** Optional island-migration hooks (see core/engine/contract.ts `Solver.emigrants/immigrate`). */
export interface MigrationHooks {
  emigrants(state: unknown, k: number): unknown;
  immigrate(state: unknown, migrants: unknown): void;
}

export function kindModule(kind: string): KindModule {
  const m = kinds[kind];
  if (!m) {
    throw new ProblemError({ path: ["problem", "kind"], message: `unknown kind (expected one of: ${Object.keys(kinds).join(", ")})` });
  }
  return m;
}

/** Compile a problem document; the kind comes from the document's own `kind` field. */
export function compileProblem(doc: unknown): { kind: string; problem: unknown; size: Record<string, number> } {
  const kind = (doc as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string") throw new ProblemError({ path: ["problem", "kind"], message: "is required" });
  const m = kindModule(kind);
  const problem = m.compile(doc);
  return { kind, problem, size: m.size(problem) };
}

export function solverFor(kind: string, algorithm?: string): { algorithm: string; solver: AnySolver } {
  const m = kindModule(kind);
  const id = algorithm ?? m.defaultAlgorithm;
  const entry = m.algorithms[id];
  if (!entry) {
    throw new ProblemError({ path: ["algorithm"], message: `unknown algorithm for ${kind} (expected one of: ${Object.keys(m.algorithms).join(", ")})` });
  }
  return { algorithm: id, solver: entry.solver as AnySolver };
}
