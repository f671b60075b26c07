// Billing inside workerd: Checkout and portal sessions against the local Stripe fake
// (worker/test/stripe-fake.ts, started by worker/vitest.config.ts), and tier changes driven only
// by webhooks signed with the Stripe library's own test-header helper.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import Stripe from "stripe";
import { tierLimits } from "../tenancy/admission";
import { addMember, bearer, call, insertJobRow, json, session, createTenant } from "../test/fixtures";
import { getBillingOverview } from "./overview";

const stripe = new Stripe("sk_test_for_signing_only", { httpClient: Stripe.createFetchHttpClient() });
const crypto = Stripe.createSubtleCryptoProvider();
const fakeUrl = (path: string) => `http://127.0.0.1:${env.STRIPE_API_PORT}${path}`;

interface Recorded {
  method: string;
  path: string;
  params: Record<string, string>;
  authorization?: string;
}
async function recorded(path: string): Promise<Recorded[]> {
  return (await fetch(fakeUrl(`/__requests?path=${encodeURIComponent(path)}`))).json();
}

let eventSeq = 0;
const nowSeconds = () => Math.floor(Date.now() / 1000);

function event(type: string, object: Record<string, unknown>, created: number, id = `evt_${++eventSeq}_${Math.random().toString(36).slice(2, 8)}`) {
  return { id, object: "event", type, created, livemode: false, api_version: "2026-08-26.dahlia", data: { object } };
}

function subscription(o: { id: string; tenantId: string; customer: string; price: string; status: string; cancelAtPeriodEnd?: boolean; periodEnd?: number }) {
  return {
    id: o.id,
    object: "subscription",
    customer: o.customer,
    status: o.status,
    cancel_at_period_end: o.cancelAtPeriodEnd ?? false,
    metadata: { tenantId: o.tenantId },
    items: { object: "list", data: [{ id: `si_${o.id}`, price: { id: o.price }, current_period_end: o.periodEnd ?? nowSeconds() + 30 * 86400 }] },
  };
}

function checkoutCompleted(o: { tenantId: string; customer: string; subscription: string; tier: string }) {
  return {
    id: `cs_${o.subscription}`,
    object: "checkout.session",
    mode: "subscription",
    payment_status: "paid",
    client_reference_id: o.tenantId,
    customer: o.customer,
    subscription: o.subscription,
    metadata: { tenantId: o.tenantId, tier: o.tier },
  };
}

function invoice(o: { customer: string; subscription: string; tenantId: string; nextAttempt: number | null }) {
  return {
    id: `in_${Math.random().toString(36).slice(2, 10)}`,
    object: "invoice",
    customer: o.customer,
    next_payment_attempt: o.nextAttempt,
    parent: { type: "subscription_details", subscription_details: { subscription: o.subscription, metadata: { tenantId: o.tenantId } } },
  };
}

async function deliver(evt: unknown, opts: { timestamp?: number; secret?: string; body?: (payload: string) => string } = {}) {
  const payload = JSON.stringify(evt);
  const header = await stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: opts.secret ?? env.STRIPE_WEBHOOK_SECRET!, timestamp: opts.timestamp, cryptoProvider: crypto });
  return call("/api/billing/webhook", { method: "POST", headers: { "stripe-signature": header, "content-type": "application/json" }, body: opts.body ? opts.body(payload) : payload });
}

async function outcome(res: Response): Promise<string> {
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ outcome: string }>()).outcome;
}

describe("Checkout and the customer portal", () => {
  it("an owner gets a Checkout URL; customer, price, tenant id and return URLs reach Stripe", async () => {
    const t = await createTenant({ tenantName: "Paying College" });
    const res = await call("/v1/billing/checkout", json({ tier: "pro" }, session(t.cookie)));
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json<any>()).url).toMatch(/^https:\/\/checkout\.stripe\.com\//);

    const customers = (await recorded("/v1/customers")).filter((r) => r.params["metadata[tenantId]"] === t.tenantId);
    expect(customers).toHaveLength(1);
    expect(customers[0].params).toMatchObject({ email: t.email, name: "Paying College" });
    expect(customers[0].authorization).toBe(`Bearer ${env.STRIPE_SECRET_KEY}`);
    const sessions = (await recorded("/v1/checkout/sessions")).filter((r) => r.params.client_reference_id === t.tenantId);
    expect(sessions).toHaveLength(1);
    const p = sessions[0].params;
    expect(p).toMatchObject({
      mode: "subscription",
      "line_items[0][price]": env.STRIPE_PRICE_PRO,
      "line_items[0][quantity]": "1",
      "metadata[tenantId]": t.tenantId,
      "metadata[tier]": "pro",
      "subscription_data[metadata][tenantId]": t.tenantId,
      success_url: `${env.APP_URL}/app/settings/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${env.APP_URL}/app/settings/billing?checkout=cancelled`,
    });
    const row = await env.DB.prepare("SELECT stripe_customer_id FROM subscription WHERE tenant_id = ?").bind(t.tenantId).first<any>();
    expect(p.customer).toBe(row.stripe_customer_id);

    // A second checkout (e.g. for enterprise instead) reuses the customer.
    const again = await call("/v1/billing/checkout", json({ tier: "enterprise" }, session(t.cookie)));
    expect(again.status).toBe(200);
    expect((await recorded("/v1/customers")).filter((r) => r.params["metadata[tenantId]"] === t.tenantId)).toHaveLength(1);
    const second = (await recorded("/v1/checkout/sessions")).filter((r) => r.params.client_reference_id === t.tenantId)[1];
    expect(second.params).toMatchObject({ customer: row.stripe_customer_id, "line_items[0][price]": env.STRIPE_PRICE_ENTERPRISE });

    // The portal opens for the customer and returns to the billing page.
    const portal = await call("/v1/billing/portal", { method: "POST", headers: session(t.cookie) });
    expect(portal.status).toBe(200);
    expect((await portal.json<any>()).url).toMatch(/^https:\/\/billing\.stripe\.com\//);
    const portals = (await recorded("/v1/billing_portal/sessions")).filter((r) => r.params.customer === row.stripe_customer_id);
    expect(portals).toHaveLength(1);
    expect(portals[0].params.return_url).toBe(`${env.APP_URL}/app/settings/billing`);
  });

  it("only owners: members and API keys get 403; unknown plans 422; no customer yet → portal 409", async () => {
    const t = await createTenant();
    const m = await addMember(t, "admin");
    expect((await call("/v1/billing/checkout", json({ tier: "pro" }, session(m.cookie)))).status).toBe(403);
    expect((await call("/v1/billing/checkout", json({ tier: "pro" }, bearer(t.apiKey)))).status).toBe(403);
    const bad = await call("/v1/billing/checkout", json({ tier: "gold" }, session(t.cookie)));
    expect(bad.status).toBe(422);
    expect((await bad.json<any>()).errors[0].path).toBe("tier");
    const portal = await call("/v1/billing/portal", { method: "POST", headers: session(t.cookie) });
    expect(portal.status).toBe(409);
    // Everyone in the tenant may read the plan.
    expect((await call("/v1/billing", { headers: session(m.cookie) })).status).toBe(200);
    expect((await call("/v1/billing", { headers: bearer(t.apiKey) })).status).toBe(200);
  });
});

describe("POST /api/billing/webhook", () => {
  const sub = (tenantId: string, status: string, id = "sub_w1", price = env.STRIPE_PRICE_PRO!) => subscription({ id, tenantId, customer: `cus_${tenantId}`, price, status });

  it("valid → applied; tampered, wrong secret, missing or stale signature → 400; replayed → applied once", async () => {
    const t = await createTenant();
    const valid = event("customer.subscription.created", sub(t.tenantId, "active"), nowSeconds());
    expect(await outcome(await deliver(valid))).toBe("applied");
    expect((await tierLimits(env, t.tenantId)).tier).toBe("pro");

    const downgrade = event("customer.subscription.updated", sub(t.tenantId, "canceled"), nowSeconds());
    const tampered = await deliver(downgrade, { body: (p) => p.replace('"canceled"', '"active"') });
    expect(tampered.status).toBe(400);
    expect((await tampered.json<any>()).type).toContain("invalid-signature");
    expect((await deliver(downgrade, { secret: "whsec_someone_else" })).status).toBe(400);
    expect((await call("/api/billing/webhook", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(downgrade) })).status).toBe(400);
    const stale = await deliver(downgrade, { timestamp: nowSeconds() - 3600 });
    expect(stale.status).toBe(400);
    expect((await stale.json<any>()).reason).toMatch(/tolerance/i);
    expect((await tierLimits(env, t.tenantId)).tier).toBe("pro"); // none of those changed anything

    // The same event delivered again is recorded once and not re-applied.
    const renewal = event("customer.subscription.updated", sub(t.tenantId, "active", "sub_w1", env.STRIPE_PRICE_ENTERPRISE!), nowSeconds());
    expect(await outcome(await deliver(renewal))).toBe("applied");
    await env.DB.prepare("UPDATE subscription SET tier = 'pro' WHERE tenant_id = ?").bind(t.tenantId).run(); // would be overwritten by a re-apply
    expect(await outcome(await deliver(renewal))).toBe("duplicate");
    expect((await tierLimits(env, t.tenantId)).tier).toBe("pro");
    expect((await env.DB.prepare("SELECT count(*) AS n FROM stripe_event WHERE id = ?").bind(renewal.id).first<any>()).n).toBe(1);
  });

  it("out-of-order delivery never downgrades: older events are stale, an old subscription's end leaves the new one", async () => {
    const t = await createTenant();
    const base = nowSeconds() - 1000;
    expect(await outcome(await deliver(event("customer.subscription.updated", sub(t.tenantId, "active"), base + 20)))).toBe("applied");
    // The earlier "created/incomplete" and "past_due" states arrive late.
    expect(await outcome(await deliver(event("customer.subscription.created", sub(t.tenantId, "incomplete"), base)))).toBe("stale");
    expect(await outcome(await deliver(event("invoice.payment_failed", invoice({ customer: `cus_${t.tenantId}`, subscription: "sub_w1", tenantId: t.tenantId, nextAttempt: null }), base + 10)))).toBe(
      "stale",
    );
    expect((await tierLimits(env, t.tenantId)).tier).toBe("pro");
    // Moved to a new subscription; the old one's cancellation arrives afterwards.
    expect(await outcome(await deliver(event("customer.subscription.created", sub(t.tenantId, "active", "sub_w2", env.STRIPE_PRICE_ENTERPRISE!), base + 30)))).toBe("applied");
    expect(await outcome(await deliver(event("customer.subscription.deleted", sub(t.tenantId, "canceled", "sub_w1"), base + 40)))).toBe("stale");
    expect((await tierLimits(env, t.tenantId)).tier).toBe("enterprise");
  });

  it("unknown event types are acknowledged (200) and change nothing", async () => {
    const t = await createTenant();
    const res = await deliver(event("customer.tax_id.created", { id: "txi_1", object: "tax_id", customer: `cus_${t.tenantId}` }, nowSeconds()));
    expect(await outcome(res)).toBe("ignored");
    expect((await tierLimits(env, t.tenantId)).tier).toBe("free");
  });
});

describe("free → pro → (payment failed) → free → enterprise, driven only by signed webhooks", () => {
  it("limits follow Stripe's subscription state; nothing is deleted", async () => {
    const t = await createTenant();
    const job = await insertJobRow(t.tenantId);
    const customer = `cus_flow_${t.tenantId}`;
    const base = nowSeconds() - 600;
    const limits = async () => (await tierLimits(env, t.tenantId)).tier;
    const overview = async () => (await (await call("/v1/billing", { headers: bearer(t.apiKey) })).json<any>()).plan;
    expect(await limits()).toBe("free");

    // Checkout completes for pro; the subscription and first invoice follow.
    await outcome(await deliver(event("checkout.session.completed", checkoutCompleted({ tenantId: t.tenantId, customer, subscription: "sub_flow_1", tier: "pro" }), base)));
    await outcome(await deliver(event("customer.subscription.created", subscription({ id: "sub_flow_1", tenantId: t.tenantId, customer, price: env.STRIPE_PRICE_PRO!, status: "active" }), base)));
    await outcome(await deliver(event("invoice.paid", invoice({ customer, subscription: "sub_flow_1", tenantId: t.tenantId, nextAttempt: null }), base + 1)));
    expect(await limits()).toBe("pro");
    expect((await tierLimits(env, t.tenantId)).concurrentJobs).toBe(5);
    expect(await overview()).toMatchObject({ tier: "pro", status: "active", hasCustomer: true });

    // A renewal payment fails: Stripe retries in 3 days — paid limits during that grace.
    await outcome(await deliver(event("invoice.payment_failed", invoice({ customer, subscription: "sub_flow_1", tenantId: t.tenantId, nextAttempt: base + 3 * 86400 }), base + 100)));
    await outcome(
      await deliver(event("customer.subscription.updated", subscription({ id: "sub_flow_1", tenantId: t.tenantId, customer, price: env.STRIPE_PRICE_PRO!, status: "past_due" }), base + 100)),
    );
    expect(await limits()).toBe("pro");
    // The last retry fails (no next attempt): free limits, the subscription is still there.
    await outcome(await deliver(event("invoice.payment_failed", invoice({ customer, subscription: "sub_flow_1", tenantId: t.tenantId, nextAttempt: null }), base + 200)));
    expect(await limits()).toBe("free");
    expect((await tierLimits(env, t.tenantId)).concurrentJobs).toBe(1);
    expect(await overview()).toMatchObject({ tier: "free", subscribedTier: "pro", status: "past_due" });
    await outcome(
      await deliver(event("customer.subscription.deleted", subscription({ id: "sub_flow_1", tenantId: t.tenantId, customer, price: env.STRIPE_PRICE_PRO!, status: "canceled" }), base + 300)),
    );
    expect(await limits()).toBe("free");

    // They come back on enterprise.
    await outcome(await deliver(event("checkout.session.completed", checkoutCompleted({ tenantId: t.tenantId, customer, subscription: "sub_flow_2", tier: "enterprise" }), base + 400)));
    await outcome(
      await deliver(event("customer.subscription.created", subscription({ id: "sub_flow_2", tenantId: t.tenantId, customer, price: env.STRIPE_PRICE_ENTERPRISE!, status: "active" }), base + 400)),
    );
    expect(await limits()).toBe("enterprise");
    expect((await tierLimits(env, t.tenantId)).concurrentJobs).toBe(25);
    // A live subscription is changed in the portal, not by a second Checkout (no double billing).
    const twice = await call("/v1/billing/checkout", json({ tier: "pro" }, session(t.cookie)));
    expect(twice.status).toBe(409);
    expect((await twice.json<any>()).type).toContain("already-subscribed");

    // Cancellation at period end: limits stay until Stripe ends the subscription.
    await outcome(
      await deliver(
        event(
          "customer.subscription.updated",
          subscription({ id: "sub_flow_2", tenantId: t.tenantId, customer, price: env.STRIPE_PRICE_ENTERPRISE!, status: "active", cancelAtPeriodEnd: true }),
          base + 500,
        ),
      ),
    );
    expect(await limits()).toBe("enterprise");
    const billing = await getBillingOverview(env, t.tenantId);
    expect(billing.plan).toMatchObject({ tier: "enterprise", cancelAtPeriodEnd: true });
    expect(billing.limits.jobsPerDay).toBe(10000);
    expect(new Date(billing.plan.currentPeriodEnd!).getTime()).toBeGreaterThan(Date.now());

    // Nothing was deleted along the way.
    expect(await env.DB.prepare("SELECT id FROM job WHERE id = ?").bind(job).first()).toEqual({ id: job });
  });
});

describe("GET /v1/billing", () => {
  it("shows plan, limits and this period's usage (jobs, compute, storage)", async () => {
    const t = await createTenant();
    const { recordUsage } = await import("../tenancy/usage");
    await recordUsage(env, t.tenantId, { jobs: 3, computeMs: 42_000, storageBytes: 10_000 });
    const res = await call("/v1/billing", { headers: session(t.cookie) });
    expect(res.status).toBe(200);
    const body = await res.json<any>();
    expect(body.plan).toMatchObject({ tier: "free", status: "none", hasCustomer: false, cancelAtPeriodEnd: false });
    expect(body.limits).toMatchObject({ tier: "free", jobsPerDay: 5 });
    expect(body.usage).toMatchObject({ jobs: 3, computeMs: 42_000, computeSeconds: 42, storageBytes: 10_000 });
    expect(body.plans.map((p: any) => p.tier)).toEqual(["free", "pro", "enterprise"]);
  });
});
