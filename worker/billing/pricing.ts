/**
 * The public price list (/pricing in the web app): every tier's limits from the tier table
 * (worker/tenancy/tiers.ts) and, when Stripe is configured, each paid tier's monthly price read
 * from its Stripe price (STRIPE_PRICE_PRO / STRIPE_PRICE_ENTERPRISE). Without Stripe, or when
 * Stripe does not answer, the prices are left out and the page says so; the limits always show.
 */
import type { Env } from "../env";
import { createLogger } from "../http/request-context";
import { TIER_ORDER, TIERS, type TierLimits } from "../tenancy/tiers";
import { getStripe, PAID_TIERS, priceForTier, type PaidTier } from "./stripe-client";

export interface PlanPrice {
  /** Smallest currency unit (cents). */
  amount: number;
  currency: string;
  interval: string;
}

export interface PricingPlan {
  limits: TierLimits;
  /** Null for free, or when the paid tier's Stripe price is not configured or unreadable. */
  price: PlanPrice | null;
}

const log = createLogger({ component: "pricing" });

export async function pricingPlans(env: Env): Promise<PricingPlan[]> {
  const prices = new Map<PaidTier, PlanPrice | null>();
  await Promise.all(
    PAID_TIERS.map(async (tier) => {
      prices.set(tier, await stripePrice(env, tier));
    }),
  );
  return TIER_ORDER.map((t) => ({ limits: TIERS[t], price: t === "free" ? null : (prices.get(t as PaidTier) ?? null) }));
}

async function stripePrice(env: Env, tier: PaidTier): Promise<PlanPrice | null> {
  let id: string;
  try {
    id = priceForTier(env, tier);
    const price = await getStripe(env).prices.retrieve(id);
    if (price.unit_amount === null) return null;
    return { amount: price.unit_amount, currency: price.currency, interval: price.recurring?.interval ?? "month" };
  } catch (e) {
    // Not configured here (local development) is normal; anything else is worth a log line.
    const message = e instanceof Error ? e.message : String(e);
    if (!/is not set on this deployment/.test(message)) log.warn("stripe price unavailable", { tier, error: message });
    return null;
  }
}

/** "€29.00 / month" style text for a price. */
export function formatPrice(p: PlanPrice): string {
  const value = new Intl.NumberFormat("en", { style: "currency", currency: p.currency.toUpperCase() }).format(p.amount / 100);
  return `${value} / ${p.interval}`;
}
