/**
 * The kinds and algorithms the new-job form offers, straight from core's kind modules (the same
 * table /v1/algorithms publishes), as plain data the browser can render forms from.
 */
import type { KindModule } from "../../../core/registry";
import type { ParamSpec } from "../../../core/engine/params";
import { continuousKind } from "../../../core/continuous/index";
import { timetablingKind } from "../../../core/timetabling/index";
import { tspKind } from "../../../core/tsp/index";
import { permutationKind } from "../../../core/permutation/index";

export const KIND_MODULES: Record<string, KindModule> = {
  timetabling: timetablingKind,
  tsp: tspKind,
  continuous: continuousKind,
  permutation: permutationKind,
};

export interface CatalogueKind {
  kind: string;
  defaultAlgorithm: string;
  algorithms: { id: string; title: string; description: string; params: ParamSpec[] }[];
}

export function getCatalogue(): CatalogueKind[] {
  return Object.values(KIND_MODULES).map((m) => ({
    kind: m.kind,
    defaultAlgorithm: m.defaultAlgorithm,
    algorithms: Object.values(m.algorithms).map((a) => ({ id: a.id, title: a.title, description: a.description, params: [...a.params] })),
  }));
}

export function getKindModule(kind: string): KindModule | undefined {
  return KIND_MODULES[kind];
}
