/**
 * Zod schemas shared by the /v1 routes: they validate requests and, through @hono/zod-openapi,
 * are the OpenAPI document. Every error is RFC 9457 problem+json (`Problem`), documented on every
 * route with `errorResponses(...)`.
 */
import { z } from "@hono/zod-openapi";

export const FieldErrorSchema = z
  .object({
    path: z.string().openapi({ example: "problem.courses.3.lectures" }),
    message: z.string(),
    line: z.number().int().optional(),
    column: z.number().int().optional(),
    sheet: z.string().optional(),
  })
  .openapi("FieldError");

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "https://evolve.dev/problems/validation-error" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .passthrough()
  .openapi("Problem", { description: "RFC 9457 problem details. Limits add `limit`, `tier` and `max`." });

const DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request (e.g. invalid JSON)",
  401: "Missing or invalid credentials",
  402: "The tier does not include this (upgrade required)",
  403: "Authenticated but not allowed (scope or role)",
  404: "No such resource for this tenant",
  409: "The resource is in the wrong state for this action",
  410: "The link was revoked or has expired",
  413: "Request body too large",
  415: "Unsupported content type",
  422: "Validation failed; `errors` lists each field with its path",
  426: "Upgrade required (send Upgrade: websocket)",
  429: "Rate limit or quota reached; see Retry-After and RateLimit-* headers",
  503: "A platform component is unavailable",
};

export type ErrorStatus = keyof typeof DESCRIPTIONS;

/** Problem+json responses for the given statuses (plus 500, always possible). */
export function errorResponses(...statuses: number[]) {
  const out: Record<number, { description: string; content: { "application/problem+json": { schema: typeof ProblemSchema } } }> = {};
  for (const s of [...statuses, 500]) {
    out[s] = { description: DESCRIPTIONS[s] ?? "Internal error", content: { "application/problem+json": { schema: ProblemSchema } } };
  }
  return out;
}

/** Errors every authenticated /v1 route can answer. */
export const AUTHED_ERRORS = [401, 403, 429] as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" }, example: "job_01J9Z…" }),
});

export const CursorQuery = z.object({
  cursor: z.string().optional().openapi({ description: "Opaque cursor from the previous page's `nextCursor`." }),
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: "Page size (1–100)." }),
});
