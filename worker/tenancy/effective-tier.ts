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
}

const PAID_STATUSES = new Set(["active", "trialing"]);

export function effectiveTier(sub: SubscriptionState | undefined | null, now = Date.now()): TierName {
  if (!sub || !isTierName(sub.tier)) return "free";
  if (PAID_STATUSES.has(sub.status)) return sub.tier;
  // past_due: Stripe is still retrying the payment. `graceUntil` is set from the failed invoice's
  // next_payment_attempt (or to the failure time when no retry is left); until then, paid limits.
  if (sub.status === "past_due" && (!sub.graceUntil || sub.graceUntil.getTime() > now)) return sub.tier;
  // past_due past its grace, unpaid, canceled, incomplete(_expired), paused, none.
  return "free";
}
