/**
 * The `subscription` row of a tenant: its tier and the Stripe state that decides it. Every
 * write from a webhook goes through `applyStripeState`, which refuses state older than what is
 * stored (`stripe_updated_at` = the Stripe event's `created`), so out-of-order delivery can never
 * move a tenant back to an older state.
 */
import { and, eq, lte, or, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { subscription } from "../db/schema";

export type SubscriptionRow = typeof subscription.$inferSelect;

export async function getSubscriptionRow(env: Env, tenantId: string): Promise<SubscriptionRow | undefined> {
  return drizzle(env.DB).select().from(subscription).where(eq(subscription.tenantId, tenantId)).get();
}

export async function tenantForCustomer(env: Env, customerId: string): Promise<string | undefined> {
  const row = await drizzle(env.DB).select({ tenantId: subscription.tenantId }).from(subscription).where(eq(subscription.stripeCustomerId, customerId)).get();
  return row?.tenantId;
}

/** Records the tenant's Stripe customer (created at first checkout). */
export async function linkCustomer(env: Env, tenantId: string, customerId: string): Promise<void> {
  await drizzle(env.DB)
    .insert(subscription)
    .values({ tenantId, stripeCustomerId: customerId })
    .onConflictDoUpdate({ target: subscription.tenantId, set: { stripeCustomerId: customerId, updatedAt: new Date() } })
    .run();
}

export type StripeState = Partial<Pick<SubscriptionRow, "tier" | "status" | "stripeCustomerId" | "stripeSubscriptionId" | "currentPeriodEnd" | "cancelAtPeriodEnd" | "graceUntil">>;

/**
 * Applies `state` if `eventCreated` (seconds) is not older than the newest state applied.
 * Returns whether it was applied. Equal timestamps apply (Stripe emits several events in the
 * same second; each carries the object's full current state, so re-applying is harmless).
 */
export async function applyStripeState(env: Env, tenantId: string, eventCreated: number, state: StripeState): Promise<boolean> {
  const db = drizzle(env.DB);
  await db.insert(subscription).values({ tenantId }).onConflictDoNothing().run();
  const result = await db
    .update(subscription)
    .set({ ...state, stripeUpdatedAt: sql`max(${subscription.stripeUpdatedAt}, ${eventCreated})`, updatedAt: new Date() })
    .where(and(eq(subscription.tenantId, tenantId), or(lte(subscription.stripeUpdatedAt, eventCreated))))
    .run();
  return (result.meta.changes ?? 0) > 0;
}
