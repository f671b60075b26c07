/**
 * POST /api/billing/webhook — Stripe's events change a tenant's tier.
 *
 * - The signature is verified on the raw body (`constructEventAsync` with SubtleCrypto), and a
 *   timestamp older than WEBHOOK_TOLERANCE_SECONDS is refused: a captured request cannot be replayed.
 * - Each event id is recorded in `stripe_event` after it is applied, so a redelivery is a no-op.
 * - Stripe does not guarantee order: state is taken from the object inside the event (the
 *   subscription's own status, price and period) and applied only if the event is not older than
 *   the newest one applied (`subscription.stripe_updated_at`). An old subscription ending never
 *   touches a newer one.
 * - Nothing is ever deleted: a lapsed tenant simply gets free limits (tenancy/effective-tier.ts).
 */
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { stripeEvent } from "../db/schema";
import { ApiError } from "../http/problem";
import { isTierName } from "../tenancy/tiers";
import { Stripe, tierForPrice } from "./stripe-client";
import { notifyBilling, type BillingNotice } from "../mail/notices";
import { applyStripeState, getSubscriptionRow, linkCustomer, tenantForCustomer, type StripeState } from "./subscription-store";

/** Signed timestamps older than this are refused (Stripe's recommended default). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export const HANDLED_EVENTS = [
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.paid",
  "invoice.payment_failed",
] as const;

const LIVE_STATUSES = new Set(["active", "trialing", "past_due", "unpaid"]);

export interface WebhookOutcome {
  received: true;
  id: string;
  type: string;
  /** "applied" | "duplicate" | "stale" (older than the stored state) | "ignored" (not for us). */
  outcome: "applied" | "duplicate" | "stale" | "ignored";
}

type Obj = Record<string, any>;

function idOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as Obj).id === "string") return (value as Obj).id;
  return undefined;
}

async function tenantOf(env: Env, metadataTenant: unknown, customer: unknown): Promise<string | undefined> {
  if (typeof metadataTenant === "string" && metadataTenant) return metadataTenant;
  const customerId = idOf(customer);
  return customerId ? tenantForCustomer(env, customerId) : undefined;
}

async function onCheckoutCompleted(env: Env, session: Obj, created: number): Promise<boolean | undefined> {
  const tenantId = session.client_reference_id ?? session.metadata?.tenantId;
  if (typeof tenantId !== "string") return undefined;
  const customerId = idOf(session.customer);
  if (customerId) await linkCustomer(env, tenantId, customerId);
  const tier = session.metadata?.tier;
  const paid = session.payment_status === "paid" || session.payment_status === "no_payment_required";
  if (session.mode !== "subscription" || !paid || !isTierName(tier)) return true;
  return applyStripeState(env, tenantId, created, {
    tier,
    status: "active",
    stripeCustomerId: customerId,
    stripeSubscriptionId: idOf(session.subscription),
    graceUntil: null,
  });
}

async function onSubscription(env: Env, sub: Obj, created: number, deleted: boolean): Promise<boolean | undefined> {
  const tenantId = await tenantOf(env, sub.metadata?.tenantId, sub.customer);
  if (!tenantId) return undefined;
  const status: string = deleted ? "canceled" : sub.status;
  const current = await getSubscriptionRow(env, tenantId);
  if (current?.stripeSubscriptionId && current.stripeSubscriptionId !== sub.id && LIVE_STATUSES.has(current.status) && !LIVE_STATUSES.has(status)) {
    // An older subscription ending (e.g. replaced through checkout) must not end the current one.
    return false;
  }
  const item = sub.items?.data?.[0];
  const periodEnd: number | undefined = item?.current_period_end ?? sub.current_period_end;
  const state: StripeState = {
    tier: tierForPrice(env, item?.price?.id) ?? "free",
    status,
    stripeCustomerId: idOf(sub.customer),
    stripeSubscriptionId: sub.id,
    currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : null,
    cancelAtPeriodEnd: !!sub.cancel_at_period_end,
  };
  if (status === "active" || status === "trialing") state.graceUntil = null;
  return applyStripeState(env, tenantId, created, state);
}

function invoiceSubscription(invoice: Obj): { id?: string; tenantId?: string } {
  const details = invoice.parent?.subscription_details;
  return { id: idOf(details?.subscription ?? invoice.subscription), tenantId: details?.metadata?.tenantId ?? invoice.subscription_details?.metadata?.tenantId };
}

async function onInvoice(env: Env, invoice: Obj, created: number, paid: boolean): Promise<boolean | undefined> {
  const ref = invoiceSubscription(invoice);
  const tenantId = await tenantOf(env, ref.tenantId, invoice.customer);
  if (!tenantId || !ref.id) return undefined;
  const current = await getSubscriptionRow(env, tenantId);
  if (current?.stripeSubscriptionId && current.stripeSubscriptionId !== ref.id) return false;
  if (paid) return applyStripeState(env, tenantId, created, { graceUntil: null });
  // Stripe retries until `next_payment_attempt`; with no further attempt the grace is over now.
  const graceUntil = invoice.next_payment_attempt ? new Date(invoice.next_payment_attempt * 1000) : new Date(created * 1000);
  return applyStripeState(env, tenantId, created, { graceUntil });
}

async function applyEvent(env: Env, event: { type: string; created: number; data: { object: Obj } }): Promise<boolean | undefined> {
  const object = event.data.object;
  switch (event.type) {
    case "checkout.session.completed":
      return onCheckoutCompleted(env, object, event.created);
    case "customer.subscription.created":
    case "customer.subscription.updated":
      return onSubscription(env, object, event.created, false);
    case "customer.subscription.deleted":
      return onSubscription(env, object, event.created, true);
    case "invoice.paid":
      return onInvoice(env, object, event.created, true);
    case "invoice.payment_failed":
      return onInvoice(env, object, event.created, false);
    default:
      return undefined;
  }
}

/**
 * The billing mail an applied event calls for (worker/mail/notices.ts): a paid subscription checkout
 * is "subscription started", a failed invoice of the current subscription is "payment failed".
 */
async function billingNoticeOf(env: Env, event: { type: string; data: { object: Obj } }, applied: boolean | undefined): Promise<{ tenantId: string; notice: BillingNotice } | null> {
  const object = event.data.object;
  if (event.type === "checkout.session.completed") {
    const tenantId = object.client_reference_id ?? object.metadata?.tenantId;
    const paid = object.payment_status === "paid" || object.payment_status === "no_payment_required";
    // Stale or not, the tenant did just subscribe (the subscription's own event may have come first).
    if (applied === undefined || typeof tenantId !== "string" || object.mode !== "subscription" || !paid || !isTierName(object.metadata?.tier)) return null;
    return { tenantId, notice: { type: "subscription-started", tier: object.metadata.tier } };
  }
  if (event.type === "invoice.payment_failed" && applied) {
    const tenantId = await tenantOf(env, invoiceSubscription(object).tenantId, object.customer);
    if (!tenantId) return null;
    return { tenantId, notice: { type: "payment-failed", retryAt: object.next_payment_attempt ? new Date(object.next_payment_attempt * 1000) : null } };
  }
  return null;
}

/** Verifies, de-duplicates and applies one webhook delivery. Throws 400 for a bad signature. */
export async function handleStripeWebhook(env: Env, request: Request): Promise<WebhookOutcome> {
  const secret = env.STRIPE_WEBHOOK_SECRET;
  if (!secret || secret.includes("replace_me")) {
    throw new ApiError(503, "billing-unavailable", "Billing is not configured", 'STRIPE_WEBHOOK_SECRET is not set on this deployment; see README "Stripe".');
  }
  const signature = request.headers.get("stripe-signature");
  const payload = await request.text();
  let event: { id: string; type: string; created: number; data: { object: Obj } };
  try {
    if (!signature) throw new Error("missing Stripe-Signature header");
    event = (await Stripe.webhooks.constructEventAsync(payload, signature, secret, WEBHOOK_TOLERANCE_SECONDS, Stripe.createSubtleCryptoProvider())) as never;
  } catch (e) {
    throw new ApiError(400, "invalid-signature", "Invalid webhook signature", `The Stripe-Signature does not verify for this body, or its timestamp is older than ${WEBHOOK_TOLERANCE_SECONDS} s.`, {
      reason: (e as Error).message.split("\n")[0].slice(0, 120),
    });
  }
  const db = drizzle(env.DB);
  const base = { received: true as const, id: event.id, type: event.type };
  if (await db.select({ id: stripeEvent.id }).from(stripeEvent).where(eq(stripeEvent.id, event.id)).get()) {
    return { ...base, outcome: "duplicate" };
  }
  const applied = await applyEvent(env, event);
  // Recorded after applying: a crash in between makes Stripe retry, and applying is idempotent.
  await db.insert(stripeEvent).values({ id: event.id, type: event.type }).onConflictDoNothing().run();
  const outcome = applied === undefined ? "ignored" : applied ? "applied" : "stale";
  // Mail never fails the webhook: sendNotice logs a provider error, and a redelivery is a duplicate above.
  const notice = await billingNoticeOf(env, event, applied);
  if (notice) await notifyBilling(env, notice.tenantId, event.id, notice.notice);
  console.log(JSON.stringify({ level: "info", msg: "stripe webhook", eventId: event.id, type: event.type, outcome }));
  return { ...base, outcome };
}
