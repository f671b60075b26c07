/**
 * The problem document as the API documents it: `{ "kind": ..., ... }`, one JSON Schema per kind
 * taken from core (registered as OpenAPI components), so the docs show exactly what core compiles.
 */
import { z } from "@hono/zod-openapi";
import type { KindModule } from "@core/registry";
import { kinds } from "@core/index";

export const KIND_NAMES = Object.keys(kinds) as [string, ...string[]];

export const ProblemDocument = z
  .object({ kind: z.string().openapi({ enum: KIND_NAMES, example: "tsp" }) })
  .passthrough()
  .openapi("ProblemDocument", {
    description: `A problem document; its \`kind\` decides the shape (see the ${KIND_NAMES.map((k) => `\`${k}\``).join(", ")} problem schemas in components).`,
    example: {
      kind: "tsp",
      coordinates: [
        [0, 0],
        [3, 0],
        [3, 4],
        [0, 4],
      ],
    },
  });

/** JSON Schemas of each kind's document, keyed by component name (e.g. "TspProblem"). */
export function kindSchemaComponents(): Record<string, object> {
  return Object.fromEntries(
    (Object.values(kinds) as KindModule[]).map((m) => {
      const { $schema: _s, $id: _i, ...schema } = m.schema as Record<string, unknown>;
      return [`${m.kind[0].toUpperCase()}${m.kind.slice(1)}Problem`, schema];
    }),
  );
}

/** Multipart upload: the problem as a file plus the same fields as JSON (as text). */
export const UploadFields = {
  file: z.any().openapi({ type: "string", format: "binary", description: ".ctt, .fet, .tsp, .json, .csv or .xlsx" }),
  kind: z.string().optional().openapi({ description: "Only needed when the file type does not say it." }),
};
