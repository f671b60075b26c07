/** Request and response schemas of /v1/webhooks (zod, also the OpenAPI document). */
import { z } from "@hono/zod-openapi";
import { WEBHOOK_EVENTS } from "./events";

export const EventType = z.enum(WEBHOOK_EVENTS).openapi("WebhookEventType");

export const Endpoint = z.object({ id: z.string(), url: z.string().url(), events: z.array(EventType), enabled: z.boolean(), createdAt: z.string().datetime() }).openapi("WebhookEndpoint");
export const EndpointWithSecret = Endpoint.extend({
  secret: z.string().openapi({ description: "Standard Webhooks signing secret (whsec_…). Shown only now: store it." }),
}).openapi("WebhookEndpointWithSecret");

export const CreateEndpoint = z
  .object({
    url: z.string().url().openapi({ example: "https://example.com/hooks/evolve" }),
    events: z
      .array(EventType)
      .min(1)
      .openapi({ example: ["job.succeeded", "job.failed"] }),
    enabled: z.boolean().optional(),
  })
  .openapi("CreateWebhookEndpoint");
export const UpdateEndpoint = CreateEndpoint.partial().openapi("UpdateWebhookEndpoint");

export const Delivery = z
  .object({
    id: z.string(),
    eventId: z.string().openapi({ description: "The webhook-id header: the same for every attempt of one event." }),
    eventType: EventType,
    jobId: z.string().nullable(),
    attempt: z.number().int(),
    status: z.enum(["pending", "delivered", "failed"]),
    responseCode: z.number().int().nullable(),
    error: z.string().nullable(),
    createdAt: z.string().datetime(),
  })
  .openapi("WebhookDelivery");
