/**
 * Which tier a tenant's subscription entitles it to right now. Stripe's subscription state
 * decides (docs/architecture.md §5): paid limits while the subscription is active or trialing, and while a
 * failed payment is inside the grace period Stripe reported; free limits otherwise. Nothing here
 * deletes data — a lapsed tenant simply gets the free tier's limits.
 */
import { isTierName, type TierName } from "./tiers";

export interface SubscriptionState {
  tier: string;
  status: string;
  /** Until when a past_due subscription keeps its paid tier (Stripe's next retry), if known. */
  graceUntil?: Date | null;
  /**
   * `created` (Unix seconds) of the newest Stripe event applied (`subscription.stripe_updated_at`):
   * for a past_due subscription without `graceUntil`, when it was recorded past due.
   */
  stripeUpdatedAt?: number | null;
}

/**
 * A past_due subscription for which Stripe reported no next retry (no `graceUntil`) keeps its paid
 * tier for this long after the event that made it past due, then has free limits — never forever
 * (docs/decisions/007-entry-point-limits.md).
 */
export const PAST_DUE_DEFAULT_GRACE_MS = 7 * 86_400_000;

const PAID_STATUSES = new Set(["active", "trialing"]);

export function effectiveTier(sub: SubscriptionState | undefined | null, now = Date.now()): TierName {
  if (!sub || !isTierName(sub.tier)) return "free";
  if (PAID_STATUSES.has(sub.status)) return sub.tier;
  // past_due: Stripe is still retrying the payment. `graceUntil` is set from the failed invoice's
  // next_payment_attempt (or to the failure time when no retry is left); until then, paid limits.
  // Without it, 7 days from the event that recorded past_due (pastDueGraceEnd).
  if (sub.status === "past_due" && pastDueGraceEnd(sub) > now) return sub.tier;
  // past_due past its grace, unpaid, canceled, incomplete(_expired), paused, none.
  return "free";
}

/** When a past_due subscription's paid limits end: Stripe's next retry, else PAST_DUE_DEFAULT_GRACE_MS after it was recorded. */
export function pastDueGraceEnd(sub: Pick<SubscriptionState, "graceUntil" | "stripeUpdatedAt">): number {
  if (sub.graceUntil) return sub.graceUntil.getTime();
  // Unknown since when (no Stripe event recorded): no grace at all.
  if (!sub.stripeUpdatedAt) return Number.NEGATIVE_INFINITY;
  return sub.stripeUpdatedAt * 1000 + PAST_DUE_DEFAULT_GRACE_MS;
}
