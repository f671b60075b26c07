/**
 * The /v1 router factory: OpenAPIHono whose validation failures become problem+json 422s with
 * field paths, so routes declared with `createRoute` validate, document and error identically.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "../env";
import { validationError, type FieldError } from "./problem";

export type ApiBindings = { Bindings: Env };

interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
}

export function zodIssuesToFieldErrors(issues: readonly ZodLikeIssue[], prefix: string[] = []): FieldError[] {
  return issues.map((i) => ({ path: [...prefix, ...i.path.map(String)].join("."), message: i.message }));
}

export function createApiRouter(): OpenAPIHono<ApiBindings> {
  return new OpenAPIHono<ApiBindings>({
    defaultHook: (result, _c) => {
      if (!result.success) {
        const target = (result as { target?: string }).target;
        const prefix = target && target !== "json" && target !== "form" ? [target] : [];
        throw validationError(zodIssuesToFieldErrors(result.error.issues, prefix));
      }
    },
  });
}
