/**
 * The Stripe client for Workers: fetch-based HTTP, async (SubtleCrypto) webhook verification.
 * STRIPE_API_HOST / PORT / PROTOCOL redirect API calls (tests point them at a local fake).
 * Price ids per tier come from STRIPE_PRICE_PRO / STRIPE_PRICE_ENTERPRISE.
 */
import Stripe from "stripe";
import type { Env } from "../env";
import { ApiError } from "../http/problem";
import type { TierName } from "../tenancy/tiers";

export { Stripe };

function configured(value: string | undefined): value is string {
  return !!value && !value.includes("replace_me");
}

function notConfigured(what: string): ApiError {
  return new ApiError(503, "billing-unavailable", "Billing is not configured", `${what} is not set on this deployment; see README "Stripe".`);
}

/** A Stripe API client for this deployment, or 503 when no real secret key is configured. */
export function getStripe(env: Env): Stripe {
  if (!configured(env.STRIPE_SECRET_KEY)) throw notConfigured("STRIPE_SECRET_KEY");
  return new Stripe(env.STRIPE_SECRET_KEY, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 10_000,
    ...(env.STRIPE_API_HOST ? { host: env.STRIPE_API_HOST } : {}),
    ...(env.STRIPE_API_PORT ? { port: Number(env.STRIPE_API_PORT) } : {}),
    ...(env.STRIPE_API_PROTOCOL ? { protocol: env.STRIPE_API_PROTOCOL as "http" | "https" } : {}),
  });
}

/** Paid tiers and the env var holding each one's Stripe price id. */
export const PAID_TIERS = ["pro", "enterprise"] as const;
export type PaidTier = (typeof PAID_TIERS)[number];

export function priceForTier(env: Env, tier: PaidTier): string {
  const price = tier === "pro" ? env.STRIPE_PRICE_PRO : env.STRIPE_PRICE_ENTERPRISE;
  if (!configured(price)) throw notConfigured(tier === "pro" ? "STRIPE_PRICE_PRO" : "STRIPE_PRICE_ENTERPRISE");
  return price;
}

/** The tier a Stripe price id stands for, or undefined for a price we do not sell. */
export function tierForPrice(env: Env, priceId: string | undefined | null): TierName | undefined {
  if (!priceId) return undefined;
  if (priceId === env.STRIPE_PRICE_PRO) return "pro";
  if (priceId === env.STRIPE_PRICE_ENTERPRISE) return "enterprise";
  return undefined;
}
