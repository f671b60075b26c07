// One billing rule for the API and the web app: only owners start Checkout or open the portal
// (worker/billing/sessions.ts); and a past_due subscription without a known retry is not paid forever.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ApiError } from "../http/problem";
import { effectiveTier, PAST_DUE_DEFAULT_GRACE_MS } from "../tenancy/effective-tier";
import { createCheckoutSession, createPortalSession } from "./sessions";

describe("billing sessions are for owners", () => {
  for (const role of ["admin", "member", "apikey"] as const) {
    it(`${role}: checkout and portal answer 403`, async () => {
      const auth = { tenantId: `org_test_${crypto.randomUUID().slice(0, 8)}`, userId: "u1", role, scopes: ["jobs:read", "jobs:write", "admin"] };
      for (const p of [createCheckoutSession(env, auth, "pro"), createPortalSession(env, auth)]) {
        const err = await p.then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(ApiError);
        expect((err as ApiError).status).toBe(403);
      }
    });
  }
});

describe("past_due without graceUntil", () => {
  const now = Date.UTC(2026, 5, 1);
  const at = (ms: number) => Math.floor(ms / 1000);
  it("keeps the paid tier for 7 days from the event that recorded it, then free; free when that time is unknown", () => {
    expect(effectiveTier({ tier: "pro", status: "past_due", graceUntil: null, stripeUpdatedAt: at(now - 86_400_000) }, now)).toBe("pro");
    expect(effectiveTier({ tier: "pro", status: "past_due", graceUntil: null, stripeUpdatedAt: at(now - PAST_DUE_DEFAULT_GRACE_MS - 1000) }, now)).toBe("free");
    expect(effectiveTier({ tier: "pro", status: "past_due", graceUntil: null, stripeUpdatedAt: 0 }, now)).toBe("free");
    // Stripe's own next retry wins when it reported one.
    expect(effectiveTier({ tier: "pro", status: "past_due", graceUntil: new Date(now + 1000), stripeUpdatedAt: at(now - 30 * 86_400_000) }, now)).toBe("pro");
  });
});
