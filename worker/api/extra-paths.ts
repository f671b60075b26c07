/**
 * OpenAPI descriptions of /v1 routes that are written with plain Hono (streams, health), so the
 * document covers every route. The coverage test in worker/api/api.test.ts fails when a route is
 * neither declared with createRoute nor described here.
 */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiBindings } from "../http/openapi";
import { errorResponses, IdParam } from "./schemas";

export function registerExtraPaths(v1: OpenAPIHono<ApiBindings>): void {
  const r = v1.openAPIRegistry;
  r.registerPath({
    method: "get",
    path: "/health",
    tags: ["Platform"],
    summary: "Checks D1, R2, a Durable Object and the queue",
    responses: {
      200: {
        description: "Every component answered",
        content: { "application/json": { schema: z.object({ status: z.enum(["ok", "degraded"]), failed: z.array(z.string()), components: z.record(z.string(), z.unknown()) }) } },
      },
      503: {
        description: "A component failed (the body names it)",
        content: { "application/json": { schema: z.object({ status: z.literal("degraded"), failed: z.array(z.string()) }).passthrough() } },
      },
    },
  });
  r.registerPath({
    method: "get",
    path: "/jobs/{id}/events",
    tags: ["Jobs"],
    summary: "Live progress as Server-Sent Events",
    description:
      "A `text/event-stream` of progress events (generation, evaluations, best, mean, hard/soft, elapsed), at most 10 per second, ending with the final state. Resumable with `Last-Event-ID`.",
    request: { params: IdParam, headers: z.object({ "last-event-id": z.string().optional() }) },
    responses: { 200: { description: "The event stream", content: { "text/event-stream": { schema: z.string() } } }, ...errorResponses(404) },
  });
  r.registerPath({
    method: "get",
    path: "/jobs/{id}/ws",
    tags: ["Jobs"],
    summary: "Live progress over a WebSocket (the web app's channel)",
    description: "Send `Upgrade: websocket`. The first message is a snapshot (latest figures and the downsampled history), then progress events as JSON.",
    request: { params: IdParam },
    responses: { 101: { description: "Switching protocols" }, ...errorResponses(404, 426) },
  });
}
