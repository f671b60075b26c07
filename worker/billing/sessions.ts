/**
 * Stripe Checkout (choose a paid plan) and the customer portal (invoices, payment methods,
 * plan changes, cancellation). The tenant id travels in the session's client_reference_id and
 * in the metadata of the session and of the subscription, so every later webhook finds it.
 */
import { and, asc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { member, organization, user } from "../db/schema";
import { assertRole } from "../auth/authenticate";
import { linkOrigin } from "../auth/dev-origins";
import { ApiError } from "../http/problem";
import type { AuthContext } from "../http/vars";
import { effectiveTier } from "../tenancy/effective-tier";
import { getStripe, priceForTier, type PaidTier } from "./stripe-client";
import { getSubscriptionRow, linkCustomer } from "./subscription-store";

/** Stripe returns here after checkout and from the portal (web/app/routes/app.settings.billing). */
const BILLING_PAGE = "/app/settings/billing";

async function billingContact(env: Env, auth: AuthContext) {
  const db = drizzle(env.DB);
  const org = await db.select({ name: organization.name }).from(organization).where(eq(organization.id, auth.tenantId)).get();
  const owner = await db
    .select({ email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(auth.userId ? and(eq(member.organizationId, auth.tenantId), eq(member.userId, auth.userId)) : and(eq(member.organizationId, auth.tenantId), eq(member.role, "owner")))
    .orderBy(asc(member.createdAt))
    .get();
  return { name: org?.name, email: owner?.email };
}

/** The tenant's Stripe customer, created on first use (idempotently per tenant). */
async function ensureCustomer(env: Env, auth: AuthContext): Promise<string> {
  const row = await getSubscriptionRow(env, auth.tenantId);
  if (row?.stripeCustomerId) return row.stripeCustomerId;
  const contact = await billingContact(env, auth);
  const customer = await getStripe(env).customers.create({ name: contact.name, email: contact.email, metadata: { tenantId: auth.tenantId } }, { idempotencyKey: `customer-${auth.tenantId}` });
  await linkCustomer(env, auth.tenantId, customer.id);
  return customer.id;
}

/**
 * A Stripe Checkout URL for subscribing the tenant to `tier`. Stripe sends the visitor back to the
 * origin they came from when it is a trusted one (`request`, worker/auth/dev-origins.ts), else APP_URL.
 */
export async function createCheckoutSession(env: Env, auth: AuthContext, tier: PaidTier, request?: Request | string): Promise<{ url: string; id: string }> {
  // One rule for the API and the web app: owners decide what the tenant pays.
  assertRole(auth, "owner");
  const price = priceForTier(env, tier);
  const row = await getSubscriptionRow(env, auth.tenantId);
  if (row && effectiveTier(row) !== "free" && row.stripeSubscriptionId) {
    // A second subscription would bill twice: plan changes of a live subscription go through the portal.
    throw new ApiError(409, "already-subscribed", "Already subscribed", `This tenant already has the ${row.tier} plan; change or cancel it in the billing portal (POST /v1/billing/portal).`, {
      tier: row.tier,
    });
  }
  const customer = await ensureCustomer(env, auth);
  const origin = linkOrigin(env, request);
  const session = await getStripe(env).checkout.sessions.create({
    mode: "subscription",
    customer,
    line_items: [{ price, quantity: 1 }],
    client_reference_id: auth.tenantId,
    metadata: { tenantId: auth.tenantId, tier },
    subscription_data: { metadata: { tenantId: auth.tenantId, tier } },
    allow_promotion_codes: true,
    success_url: `${origin}${BILLING_PAGE}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${origin}${BILLING_PAGE}?checkout=cancelled`,
  });
  if (!session.url) throw new ApiError(502, "stripe-error", "Stripe did not return a checkout URL", "Try again in a moment.");
  return { url: session.url, id: session.id };
}

/** A Stripe customer-portal URL for the tenant (invoices, payment methods, cancellation); it returns to the visitor's trusted origin, as checkout does. */
export async function createPortalSession(env: Env, auth: AuthContext, request?: Request | string): Promise<{ url: string }> {
  assertRole(auth, "owner");
  const row = await getSubscriptionRow(env, auth.tenantId);
  if (!row?.stripeCustomerId) {
    throw new ApiError(409, "no-billing-account", "No billing account yet", "The tenant has never subscribed; choose a plan first (POST /v1/billing/checkout).");
  }
  const portal = await getStripe(env).billingPortal.sessions.create({ customer: row.stripeCustomerId, return_url: `${linkOrigin(env, request)}${BILLING_PAGE}` });
  return { url: portal.url };
}
