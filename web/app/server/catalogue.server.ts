/**
 * The kinds and algorithms the new-job form and the jobs filter offer, straight from core's kind
 * registry (core/index.ts `kinds`, the same table /v1/algorithms publishes), as plain data the
 * browser can render forms from.
 */
import { kinds } from "@core/index";
import type { FigureLabels, KindModule } from "@core/registry";
import type { ParamSpec } from "@core/engine/params";

/** Presentation order of the forms (timetables first); kinds not listed follow in core's order. */
const FORM_ORDER = ["timetabling", "tsp", "continuous", "permutation"];

function kindModules(): KindModule[] {
  const rank = (k: string) => (FORM_ORDER.includes(k) ? FORM_ORDER.indexOf(k) : FORM_ORDER.length);
  return (Object.values(kinds) as KindModule[]).sort((a, b) => rank(a.kind) - rank(b.kind));
}

export interface CatalogueKind {
  kind: string;
  defaultAlgorithm: string;
  algorithms: { id: string; title: string; description: string; params: ParamSpec[] }[];
}

export function getCatalogue(): CatalogueKind[] {
  return kindModules().map((m) => ({
    kind: m.kind,
    defaultAlgorithm: m.defaultAlgorithm,
    algorithms: Object.values(m.algorithms).map((a) => ({ id: a.id, title: a.title, description: a.description, params: [...a.params] })),
  }));
}

/** Every job kind, in the forms' order. */
export function jobKinds(): string[] {
  return kindModules().map((m) => m.kind);
}

export function getKindModule(kind: string): KindModule | undefined {
  return (kinds as Record<string, KindModule | undefined>)[kind];
}

/**
 * Whether jobs of this kind and algorithm can be forked: the solver continues a saved state with
 * `retune` (core/engine/contract.ts; worker/jobs/create-job.ts refuses the others). A race or an
 * unknown algorithm cannot.
 */
export function canForkAlgorithm(kind: string, algorithm: string): boolean {
  return typeof getKindModule(kind)?.algorithms[algorithm]?.solver.retune === "function";
}

/** What pages call a job's figures: the algorithm's own words (FET schools), else its kind's (core's registry). */
export function figureLabelsOf(kind: string, algorithm: string): FigureLabels {
  const m = getKindModule(kind);
  return m?.algorithms[algorithm]?.figures ?? m?.figures ?? { best: "Best value" };
}
