/**
 * /v1/api-keys — the tenant's API keys: list, create (the key is in the response once, never
 * again), revoke. Owners and admins (session), or a key with the `admin` scope.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { createApiRouter } from "../http/openapi";
import { assertRole, authOf } from "../auth/authenticate";
import { API_KEY_SCOPES, DEFAULT_API_KEY_SCOPES, createApiKey, listApiKeys, revokeApiKey } from "./service";
import { validationError } from "../http/problem";

const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    start: z.string().openapi({ description: "The key's first characters, for recognizing it.", example: "evk_live_Ab3x" }),
    scopes: z.array(z.enum(API_KEY_SCOPES)),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    createdBy: z.string().nullable(),
  })
  .openapi("ApiKey");

const CreateApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(z.enum(API_KEY_SCOPES))
      .min(1)
      .default([...DEFAULT_API_KEY_SCOPES]),
    expiresAt: z.iso.datetime({ offset: true }).optional().openapi({ description: "ISO-8601 time after which the key stops working." }),
  })
  .openapi("CreateApiKey");

const IdParam = z.object({ id: z.string().min(1).max(100) });

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["API keys"],
  summary: "List the tenant's API keys",
  responses: { 200: { description: "Keys, newest first", content: { "application/json": { schema: z.object({ data: z.array(ApiKeySchema) }) } } } },
});

const create = createRoute({
  method: "post",
  path: "/",
  tags: ["API keys"],
  summary: "Create an API key (the secret is shown only in this response)",
  request: { body: { required: true, content: { "application/json": { schema: CreateApiKeySchema } } } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: z.object({ key: z.string(), apiKey: ApiKeySchema }) } } },
  },
});

const revoke = createRoute({
  method: "delete",
  path: "/{id}",
  tags: ["API keys"],
  summary: "Revoke an API key",
  request: { params: IdParam },
  responses: { 200: { description: "Revoked", content: { "application/json": { schema: ApiKeySchema } } } },
});

export const apiKeyRoutes = createApiRouter()
  .openapi(list, async (c) => {
    const auth = assertRole(authOf(c), "admin");
    return c.json({ data: await listApiKeys(c.env, auth.tenantId) }, 200);
  })
  .openapi(create, async (c) => {
    const auth = assertRole(authOf(c), "admin");
    const body = c.req.valid("json");
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw validationError([{ path: "expiresAt", message: "must be in the future" }]);
    // A key can never carry more than its creator: only sessions and admin keys get here, both admin.
    const created = await createApiKey(c.env, auth.tenantId, { name: body.name, scopes: body.scopes, expiresAt, createdBy: auth.userId ?? auth.apiKeyId });
    return c.json(created, 201, { "cache-control": "no-store" });
  })
  .openapi(revoke, async (c) => {
    const auth = assertRole(authOf(c), "admin");
    return c.json(await revokeApiKey(c.env, auth.tenantId, c.req.valid("param").id), 200);
  });
