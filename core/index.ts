/**
 * The engine's public surface: what the platform (API, job runtime, web app) and the CLI call.
 *
 *   compileProblem(doc)              → { kind, module, problem, size }   (ProblemError with paths)
 *   solverFor(kind, algorithmId?, problem?) → { id, entry, solver }      (default = strongest, or the problem's own)
 *   algorithmCatalogue()             → ids, titles, descriptions, parameter JSON Schemas, defaults
 *   kinds                            → the KindModule table (schemas, compile, algorithms)
 *   ENGINE_VERSION                   → recorded with results; same version + seed + budget = same answer
 *
 * A run: `const s = solver.init(problem, solver.parameters(params, problem), seed, { maxEvaluations })`,
 * then `solver.step(s, { evaluations })` chunk by chunk, `solver.checkpoint(s)` → bytes between
 * chunks, `solver.restore(problem, bytes)` to resume, `solver.best(s)` / `solver.progress(s)`.
 */
import { continuousKind } from "./continuous/index";
import { ParameterError, ProblemError } from "./engine/errors";
import { permutationKind } from "./permutation/index";
import { paramsJsonSchema } from "./engine/params";
import type { AlgorithmEntry, KindModule, ProblemKind } from "./registry";
import { timetablingKind } from "./timetabling/index";
import { tspKind } from "./tsp/index";

export * from "./engine/contract";
export { ProblemError, ParameterError, formatIssue, type InputIssue } from "./engine/errors";
export { encodeState, decodeState, CheckpointError } from "./engine/codec";
export { Rng } from "./engine/random";
export { resolveParams, paramsJsonSchema, type ParamSpec, type ParamValues } from "./engine/params";
export type { AlgorithmEntry, KindModule, ProblemKind } from "./registry";
export { continuousKind, defineContinuousProblem, type BatchObjective, type ContinuousProblem } from "./continuous/index";
export { tspKind, type TspProblem } from "./tsp/index";
export { permutationKind, definePermutationProblem, type PermutationObjective, type PermutationProblem } from "./permutation/index";
export { problemFromFile, registerFileReader, fileExtensions } from "./files";

/**
 * Bumped whenever an algorithm's behaviour changes (a replay with the same seed and budget on
 * another version may give a different answer).
 */
export const ENGINE_VERSION = "1.9.0";

/**
 * Every problem kind the engine offers. Each kind is one line; a kind whose module is not
 * ready yet can simply be left out (lookups go through `kindModule`, which reports unknown kinds).
 */
export const kinds: Partial<Record<ProblemKind, KindModule>> = {
  continuous: continuousKind,
  tsp: tspKind,
  timetabling: timetablingKind, // core/timetabling/index.ts
  permutation: permutationKind, // tenant objectives over orderings (always sandboxed on the platform)
};

export function kindModule(kind: unknown, path: (string | number)[] = ["kind"]): KindModule {
  const m = typeof kind === "string" ? kinds[kind as ProblemKind] : undefined;
  if (!m) {
    throw new ProblemError({ path, message: `unknown problem kind ${JSON.stringify(kind)} (expected one of: ${Object.keys(kinds).join(", ")})` });
  }
  return m;
}

/** Compile a problem document, dispatching on its `kind`. */
export function compileProblem(doc: unknown): { kind: ProblemKind; module: KindModule; problem: unknown; size: Record<string, number> } {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new ProblemError({ path: [], message: "problem must be a JSON object with a kind" });
  }
  const module = kindModule((doc as { kind?: unknown }).kind);
  const problem = module.compile(doc);
  return { kind: module.kind, module, problem, size: module.size(problem) };
}

/**
 * The solver for an algorithm of a kind (when no id is given: the default for this compiled
 * problem if the kind says one, else the kind's strongest).
 */
export function solverFor(kind: string, algorithmId?: string, problem?: unknown): { id: string; entry: AlgorithmEntry; solver: AlgorithmEntry["solver"] } {
  const m = kindModule(kind);
  const id = algorithmId ?? (problem !== undefined && m.defaultAlgorithmFor ? m.defaultAlgorithmFor(problem) : m.defaultAlgorithm);
  const entry = m.algorithms[id];
  if (!entry) {
    throw new ParameterError({ path: ["algorithm"], message: `unknown algorithm "${id}" for ${kind} (expected one of: ${Object.keys(m.algorithms).join(", ")})` });
  }
  return { id, entry, solver: entry.solver };
}

export interface CatalogueItem {
  id: string;
  kind: ProblemKind;
  title: string;
  description: string;
  default: boolean;
  parameters: object;
  defaults: Record<string, unknown>;
}

/** Every algorithm of every kind, with parameter JSON Schemas and defaults (API and web forms). */
export function algorithmCatalogue(): { engineVersion: string; items: CatalogueItem[]; kinds: { kind: ProblemKind; defaultAlgorithm: string; algorithms: string[]; schema: object }[] } {
  const modules = Object.values(kinds) as KindModule[];
  return {
    engineVersion: ENGINE_VERSION,
    items: modules.flatMap((m) =>
      Object.values(m.algorithms).map((a) => ({
        id: a.id,
        kind: m.kind,
        title: a.title,
        description: a.description,
        default: a.id === m.defaultAlgorithm,
        parameters: paramsJsonSchema(a.params),
        defaults: Object.fromEntries(a.params.map((p) => [p.name, p.default])),
      })),
    ),
    kinds: modules.map((m) => ({ kind: m.kind, defaultAlgorithm: m.defaultAlgorithm, algorithms: Object.keys(m.algorithms), schema: m.schema })),
  };
}
