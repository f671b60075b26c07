/**
 * POST /api/dev/plan {"tier": "enterprise"} — local development only (DEV_SEED=true, 404 elsewhere):
 * puts the signed-in user's active tenant on a plan without a Stripe checkout, to try the paid
 * features (several islands, contributed compute) locally. The browser tests use it too, so no
 * second process ever writes the running stack's D1. Owners only, as a real plan change is.
 */
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { z } from "zod";
import { assertRole, sessionAuthContext } from "../auth/authenticate";
import { subscription } from "../db/schema";
import type { Env } from "../env";
import { ApiError } from "../http/problem";
import { TIER_ORDER } from "../tenancy/tiers";

const Body = z.object({ tier: z.enum(TIER_ORDER as [string, ...string[]]) });

export const devPlanRoutes = new Hono<{ Bindings: Env }>().post("/", async (c) => {
  const auth = assertRole(await sessionAuthContext(c.env, c.req.raw.headers), "owner");
  const parsed = Body.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) {
    const message = `One of ${TIER_ORDER.join(", ")}.`;
    throw new ApiError(422, "validation-error", "Validation failed", message, { errors: [{ path: "tier", message }] });
  }
  const { tier } = parsed.data;
  await drizzle(c.env.DB)
    .insert(subscription)
    .values({ tenantId: auth.tenantId, tier, status: "active" })
    .onConflictDoUpdate({ target: subscription.tenantId, set: { tier, status: "active", updatedAt: new Date() } })
    .run();
  return c.json({ tenantId: auth.tenantId, tier }, 200);
});
