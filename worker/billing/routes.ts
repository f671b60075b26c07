/**
 * /v1/billing — the plan, its limits and this period's usage (any member), Checkout and the
 * customer portal (owners only: they decide what the tenant pays). The Stripe webhook lives
 * outside /v1 (`billingWebhookRoutes`, mounted at /api/billing/webhook): Stripe signs, not a user.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { Env } from "../env";
import { createApiRouter } from "../http/openapi";
import { assertRole, authOf } from "../auth/authenticate";
import { getBillingOverview } from "./overview";
import { createCheckoutSession, createPortalSession } from "./sessions";
import { PAID_TIERS } from "./stripe-client";
import { handleStripeWebhook } from "./webhook";

const UrlSchema = z.object({ url: z.string() });

export const billingRoutes = createApiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["Billing"],
      summary: "Current plan, its limits and this period's usage",
      responses: { 200: { description: "Billing overview", content: { "application/json": { schema: z.object({}).passthrough().openapi("BillingOverview") } } } },
    }),
    async (c) => c.json(await getBillingOverview(c.env, authOf(c).tenantId), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/checkout",
      tags: ["Billing"],
      summary: "Start Stripe Checkout for a paid plan (owners)",
      request: { body: { required: true, content: { "application/json": { schema: z.object({ tier: z.enum(PAID_TIERS) }) } } } },
      responses: { 200: { description: "Redirect the browser to `url`", content: { "application/json": { schema: UrlSchema.extend({ id: z.string() }) } } } },
    }),
    async (c) => {
      const auth = assertRole(authOf(c), "owner");
      return c.json(await createCheckoutSession(c.env, auth, c.req.valid("json").tier, c.req.url), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/portal",
      tags: ["Billing"],
      summary: "Open the Stripe customer portal (owners)",
      responses: { 200: { description: "Redirect the browser to `url`", content: { "application/json": { schema: UrlSchema } } } },
    }),
    async (c) => {
      const auth = assertRole(authOf(c), "owner");
      return c.json(await createPortalSession(c.env, auth, c.req.url), 200);
    },
  );

export const billingWebhookRoutes = new Hono<{ Bindings: Env }>().post("/", async (c) => c.json(await handleStripeWebhook(c.env, c.req.raw), 200));
