/**
 * GET /v1/algorithms — the catalogue: every algorithm with the problem kinds it accepts, its
 * parameters as JSON Schema with defaults, and which one is the default per kind.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { algorithmCatalogue } from "@core/index";
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
    kinds: z.array(z.object({ kind: z.string(), defaultAlgorithm: z.string(), algorithms: z.array(z.string()), schema: z.record(z.string(), z.unknown()).openapi({ description: "JSON Schema of this kind's problem document" }) })),
  })
  .openapi("AlgorithmCatalogue");

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
    return c.json(algorithmCatalogue() as z.infer<typeof Catalogue>, 200);
  },
);
