/**
 * /v1/webhooks — the tenant's webhook endpoints (event filters, signing secret shown on create
 * and rotate only) and the record of every delivery attempt. Changing endpoints needs the admin
 * role (or a key with the admin scope); reading needs jobs:read.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { AUTHED_ERRORS, CursorQuery, errorResponses, IdParam, jsonContent } from "../api/schemas";
import { assertRole, assertScope, authOf } from "../auth/authenticate";
import { createApiRouter } from "../http/openapi";
import { markOneTimeSecret } from "../api/idempotency";
import { createEndpoint, deleteEndpoint, getEndpoint, endpointView, listDeliveries, listEndpoints, rotateSecret, updateEndpoint } from "./endpoints";
import { jobWebhookSecret } from "./job-webhook";
import { CreateEndpoint, Delivery, Endpoint, EndpointWithSecret, UpdateEndpoint } from "./schemas";

const tags = ["Webhooks"];

export const webhookRoutes = createApiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/job-secret",
      tags,
      summary: "The signing secret of per-job webhooks (POST /v1/jobs with `webhook.url`)",
      responses: { 200: jsonContent(z.object({ secret: z.string() }).openapi("JobWebhookSecret"), "The tenant's whsec_… secret for per-job webhooks"), ...errorResponses(...AUTHED_ERRORS, 503) },
    }),
    async (c) => {
      const auth = assertRole(authOf(c), "admin");
      return c.json({ secret: await jobWebhookSecret(c.env, auth.tenantId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Create a webhook endpoint",
      request: { body: { required: true, content: { "application/json": { schema: CreateEndpoint } } } },
      responses: { 201: jsonContent(EndpointWithSecret, "Created; the secret is shown once"), ...errorResponses(...AUTHED_ERRORS, 409, 422) },
    }),
    async (c) => {
      const auth = assertRole(authOf(c), "admin");
      markOneTimeSecret(c);
      return c.json(await createEndpoint(c.env, auth.tenantId, c.req.valid("json")), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "List webhook endpoints",
      responses: { 200: jsonContent(z.object({ items: z.array(Endpoint) }), "The tenant's endpoints"), ...errorResponses(...AUTHED_ERRORS) },
    }),
    async (c) => {
      const auth = assertScope(authOf(c), "jobs:read");
      return c.json({ items: await listEndpoints(c.env, auth.tenantId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags,
      summary: "Get a webhook endpoint",
      request: { params: IdParam },
      responses: { 200: jsonContent(Endpoint, "The endpoint"), ...errorResponses(...AUTHED_ERRORS, 404) },
    }),
    async (c) => {
      const auth = assertScope(authOf(c), "jobs:read");
      return c.json(endpointView(await getEndpoint(c.env, auth.tenantId, c.req.valid("param").id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags,
      summary: "Change an endpoint's URL, events or enabled flag",
      request: { params: IdParam, body: { required: true, content: { "application/json": { schema: UpdateEndpoint } } } },
      responses: { 200: jsonContent(Endpoint, "The updated endpoint"), ...errorResponses(...AUTHED_ERRORS, 404, 422) },
    }),
    async (c) => {
      const auth = assertRole(authOf(c), "admin");
      return c.json(await updateEndpoint(c.env, auth.tenantId, c.req.valid("param").id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/rotate-secret",
      tags,
      summary: "Replace the signing secret",
      request: { params: IdParam },
      responses: {
        200: jsonContent(EndpointWithSecret, "The endpoint with its new secret (shown once; an Idempotency-Key replay answers 409 secret-shown-once)"),
        ...errorResponses(...AUTHED_ERRORS, 404, 409),
      },
    }),
    async (c) => {
      const auth = assertRole(authOf(c), "admin");
      markOneTimeSecret(c);
      return c.json(await rotateSecret(c.env, auth.tenantId, c.req.valid("param").id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      summary: "Delete an endpoint and its delivery history",
      request: { params: IdParam },
      responses: { 204: { description: "Deleted" }, ...errorResponses(...AUTHED_ERRORS, 404) },
    }),
    async (c) => {
      const auth = assertRole(authOf(c), "admin");
      await deleteEndpoint(c.env, auth.tenantId, c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/deliveries",
      tags,
      summary: "Delivery attempts to this endpoint, newest first",
      request: { params: IdParam, query: CursorQuery },
      responses: {
        200: jsonContent(z.object({ items: z.array(Delivery), nextCursor: z.string().nullable() }), "One row per attempt, with the response code"),
        ...errorResponses(...AUTHED_ERRORS, 404, 422),
      },
    }),
    async (c) => {
      const auth = assertScope(authOf(c), "jobs:read");
      return c.json(await listDeliveries(c.env, auth.tenantId, c.req.valid("param").id, c.req.valid("query")), 200);
    },
  );
