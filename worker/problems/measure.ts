/**
 * Sizes before compiling: a problem document is measured (core's `KindModule.measure`, a cheap
 * bounded read of headers and counts, see core/registry.ts) and checked against the caller's plan
 * BEFORE the full compile runs. So a 150-byte `.ctt` declaring `Days: 50000000`, or a TSPLIB header
 * declaring a 3,000-city explicit matrix, is refused in microseconds with a 413/422 (a parser
 * maximum, core/engine/errors.ts `limit`) or a 402/403 (the plan's size limit), never compiled.
 *
 * Used by createJob (worker/jobs/create-job.ts) and POST /v1/problems/validate (./routes.ts).
 */
import { ProblemError, type InputIssue } from "@core/engine/errors";
import { kindModule } from "@core/index";

/**
 * The document's size figures as `measure` reads them, or null when the kind has no `measure` or
 * the document is invalid in a way that is not a size (then `compile` reports the full errors).
 * A parser maximum exceeded throws the ProblemError (status 413 / 422) with paths under `root`.
 */
export function measureDocument(doc: unknown, root: (string | number)[] = ["problem"]): { kind: string; size: Record<string, number> } | null {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return null;
  let module: ReturnType<typeof kindModule>;
  try {
    module = kindModule((doc as { kind?: unknown }).kind);
  } catch {
    return null;
  }
  if (!module.measure) return null;
  try {
    return { kind: module.kind, size: module.measure(doc) };
  } catch (e) {
    if (e instanceof ProblemError && e.limit) throw rootedProblemError(e, root);
    return null;
  }
}

/** The same ProblemError (limit and status kept) with every path under `root`. */
export function rootedProblemError(e: ProblemError, root: (string | number)[]): ProblemError {
  const rooted = (i: InputIssue): InputIssue => (root.length === 0 || i.path[0] === root[0] || i.path[0] === "file" ? i : { ...i, path: [...root, ...i.path] });
  return new ProblemError(e.issues.map(rooted), e.limit ? { limit: e.limit } : undefined);
}

/** Parameters that size an algorithm's population (core's parameter specs, per algorithm). */
export const POPULATION_PARAMETERS = ["popSize", "populationSize", "swarmSize", "ants"] as const;

/**
 * The population a job's resolved parameters ask for (per island): the largest explicit
 * population-size parameter. 0 means "automatic" in core (e.g. L-SHADE's 18·dimension, capped by
 * the engine itself), which the plan does not bound; null when the algorithm has no population.
 */
export function populationOf(parameters: Record<string, unknown> | undefined): number | null {
  let population: number | null = null;
  for (const name of POPULATION_PARAMETERS) {
    const v = parameters?.[name];
    if (typeof v === "number" && Number.isFinite(v) && v > 0) population = Math.max(population ?? 0, v);
  }
  return population;
}
