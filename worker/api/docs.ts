/**
 * The API description: GET /v1/openapi.json (OpenAPI 3.1 generated from the zod schemas the
 * routes validate with) and GET /v1/docs (Swagger UI, served from our own origin: the web build
 * copies its pinned bundle to /api-docs/, see web/vite.config.ts). Routes written with
 * plain Hono are described in `extra-paths.ts`; every operation gets its problem+json errors.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiBindings } from "../http/openapi";
import { registerExtraPaths } from "./extra-paths";
import { kindSchemaComponents } from "../problems/schemas";
import { ProblemSchema } from "./schemas";

export const API_VERSION = "1.0.0";

/** Public operations (no credentials): the document marks them with `security: []`. */
const PUBLIC = new Set(["/health", "/openapi.json", "/docs", "/feeds/{token}", "/share/{token}", "/share/{token}/exports/{format}"]);

const IDEMPOTENT_PREFIXES = ["/jobs", "/webhooks"];
const IDEMPOTENCY_PARAMETER = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  schema: { type: "string", minLength: 1, maxLength: 255 },
  description: "Makes retries safe: the first response to a key is replayed for 24 h (with `Idempotent-Replayed: true`); the same key with another body is a 422.",
};
const REQUIRED_BODIES = new Set(["post /jobs", "post /problems/validate"]);

const problemRef = { $ref: "#/components/schemas/Problem" };
const problemContent = { "application/problem+json": { schema: problemRef } };
const STANDARD_ERRORS: Record<string, string> = {
  "401": "Missing or invalid credentials",
  "403": "Authenticated but not allowed (scope or role)",
  "429": "Rate limit or quota reached; see Retry-After and RateLimit-* headers",
  "500": "Internal error",
};

type Operation = { responses?: Record<string, any>; security?: unknown[]; requestBody?: unknown; parameters?: unknown[] };

/** Completes every operation: errors as problem+json (never undocumented), security per path. */
function completeOperations(doc: { paths?: Record<string, Record<string, Operation>> }): void {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      op.responses ??= {};
      const isPublic = PUBLIC.has(path);
      for (const [code, description] of Object.entries(STANDARD_ERRORS)) {
        if (isPublic && code !== "500" && code !== "429") continue;
        op.responses[code] ??= { description, content: problemContent };
      }
      if ((op.requestBody || op.parameters?.length) && !op.responses["422"]) {
        op.responses["422"] = { description: "Validation failed; `errors` lists each field with its path", content: problemContent };
      }
      if (op.requestBody) {
        op.responses["413"] ??= { description: "Request body too large", content: problemContent };
        op.responses["415"] ??= { description: "Unsupported content type", content: problemContent };
      }
      if (isPublic) op.security = [];
      // Declared here rather than per route so the typed client does not demand the header.
      if (method === "post" && IDEMPOTENT_PREFIXES.some((p) => path.startsWith(p))) {
        op.parameters = [...(op.parameters ?? []), IDEMPOTENCY_PARAMETER];
      }
      // Declared optional so zod-openapi validates only the part matching the content type; one is required.
      if (REQUIRED_BODIES.has(`${method} ${path}`) && op.requestBody) (op.requestBody as { required?: boolean }).required = true;
    }
  }
}

export function mountApiDocs(v1: OpenAPIHono<ApiBindings>): void {
  v1.openAPIRegistry.register("Problem", ProblemSchema);
  for (const [name, schema] of Object.entries(kindSchemaComponents())) v1.openAPIRegistry.registerComponent("schemas", name, schema as never);
  v1.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key: `Authorization: Bearer evk_live_…` (created in the web app or with POST /v1/api-keys).",
  });
  v1.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "better-auth.session_token", description: "The web app's session cookie." });
  registerExtraPaths(v1);

  v1.get("/openapi.json", (c) => {
    const doc = v1.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "Evolve API",
        version: API_VERSION,
        description:
          "Submit timetabling, TSP and continuous optimisation jobs, follow them live, and download results. Errors are RFC 9457 problem+json. POST requests accept an `Idempotency-Key` header.",
      },
      servers: [{ url: `${new URL(c.req.url).origin}/v1`, description: "This deployment" }],
      security: [{ apiKey: [] }, { session: [] }],
      tags: [{ name: "Jobs" }, { name: "Exports" }, { name: "Links" }, { name: "Problems" }, { name: "Algorithms" }, { name: "Webhooks" }, { name: "Usage" }, { name: "Platform" }],
    }) as unknown as { paths?: Record<string, Record<string, Operation>> };
    completeOperations(doc);
    c.header("cache-control", "public, max-age=60");
    return c.json(doc);
  });

  v1.get("/docs", (c) => {
    // Everything from this origin: no CDN, so the page works offline and always shows the pinned version.
    c.header(
      "content-security-policy",
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    c.header("cache-control", "public, max-age=300");
    return c.html(DOCS_PAGE);
  });
}

/**
 * The reference page: Swagger UI on /v1/openapi.json (the script web/api-docs/init.js names it), with
 * our colour corrections (web/api-docs/evolve.css). The container is a plain div: Swagger UI renders
 * its own <main> landmark inside it.
 */
const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evolve API reference</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/api-docs/swagger-ui.css">
<link rel="stylesheet" href="/api-docs/evolve.css">
</head>
<body>
<div id="swagger-ui"><noscript>The interactive reference needs JavaScript; the document itself is at <a href="/v1/openapi.json">/v1/openapi.json</a>.</noscript></div>
<script src="/api-docs/swagger-ui-bundle.js"></script>
<script src="/api-docs/init.js"></script>
</body>
</html>
`;
