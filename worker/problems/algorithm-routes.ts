/**
 * GET /v1/algorithms — the catalogue: every algorithm with the problem kinds it accepts, its
 * parameters as JSON Schema with defaults, and which one is the default per kind; for the kinds
 * that can race (core/engine/race.ts RACE_KINDS) also `"race"`, which takes no parameters.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { algorithmCatalogue, paramsJsonSchema } from "@core/index";
import { RACE_ALGORITHM, RACE_DESCRIPTION, RACE_KINDS, RACE_TITLE } from "@core/engine/race";
import { AUTHED_ERRORS, errorResponses, jsonContent } from "../api/schemas";
import { assertScope, authOf } from "../auth/authenticate";
import { createApiRouter } from "../http/openapi";

const Algorithm = z
  .object({
    id: z.string().openapi({ example: "de" }),
    kind: z.string().openapi({ example: "continuous" }),
    title: z.string(),
    description: z.string(),
    default: z.boolean().openapi({ description: "Used when a job names no algorithm for this kind." }),
    parameters: z.record(z.string(), z.unknown()).openapi({ description: "JSON Schema (2020-12) of `parameters`." }),
    defaults: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  })
  .openapi("Algorithm");

const Catalogue = z
  .object({
    items: z.array(Algorithm),
    engineVersion: z.string().openapi({ description: "Recorded in every replay receipt." }),
    kinds: z.array(
      z.object({
        kind: z.string(),
        defaultAlgorithm: z.string(),
        algorithms: z.array(z.string()),
        schema: z.record(z.string(), z.unknown()).openapi({ description: "JSON Schema of this kind's problem document" }),
      }),
    ),
  })
  .openapi("AlgorithmCatalogue");

/**
 * core's catalogue (single algorithms, which bench/continuous.ts and the like run one by one) with
 * `"race"` added after each racing kind's algorithms: no parameters of its own, never the default.
 */
function catalogueWithRaces(): ReturnType<typeof algorithmCatalogue> {
  const catalogue = algorithmCatalogue();
  const items = catalogue.kinds.flatMap(({ kind }) => {
    const own = catalogue.items.filter((item) => item.kind === kind);
    if (!RACE_KINDS.includes(kind)) return own;
    return [...own, { id: RACE_ALGORITHM, kind, title: RACE_TITLE, description: RACE_DESCRIPTION, default: false, parameters: paramsJsonSchema([]), defaults: {} }];
  });
  const kinds = catalogue.kinds.map((k) => (RACE_KINDS.includes(k.kind) ? { ...k, algorithms: [...k.algorithms, RACE_ALGORITHM] } : k));
  return { ...catalogue, items, kinds };
}

export const algorithmRoutes = createApiRouter().openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Algorithms"],
    summary: "The algorithm catalogue with parameter schemas and defaults",
    responses: { 200: jsonContent(Catalogue, "Every algorithm, per problem kind"), ...errorResponses(...AUTHED_ERRORS) },
  }),
  (c) => {
    assertScope(authOf(c), "jobs:read");
    c.header("cache-control", "private, max-age=300");
    return c.json(catalogueWithRaces() as z.infer<typeof Catalogue>, 200);
  },
);
