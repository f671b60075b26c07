// Stripe sends the visitor back to the origin they came from when it is a trusted one
// (worker/auth/dev-origins.ts linkOrigin: in development, APP_URL's loopback twin), to APP_URL
// otherwise: Checkout's success and cancel URLs and the portal's return URL, checked in what
// reached the local Stripe fake (worker/test/stripe-fake.ts).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../env";
import { app } from "../app";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { createTenant, json } from "../test/fixtures";

const APP_URL = "http://localhost:8787";
const LOOPBACK = "http://127.0.0.1:8787";

interface Recorded {
  params: Record<string, string>;
}
async function recorded(path: string): Promise<Recorded[]> {
  return (await fetch(`http://127.0.0.1:${env.STRIPE_API_PORT}/__requests?path=${encodeURIComponent(path)}`)).json();
}

/** POST `path` at `origin` as the signed-in owner (cookie + same-origin header), in `environment`. */
async function post(origin: string, path: string, cookie: string, body: unknown, environment: string): Promise<Response> {
  const withEnv: Env = { ...env, ENVIRONMENT: environment, APP_URL };
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${origin}${path}`, json(body, { cookie, origin, "cf-connecting-ip": `2001:db8:7e7::${Math.floor(Math.random() * 0xffff).toString(16)}` })), withEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function checkoutFrom(origin: string, environment: string): Promise<Record<string, string>> {
  const t = await createTenant();
  const res = await post(origin, "/v1/billing/checkout", t.cookie, { tier: "pro" }, environment);
  expect(res.status, await res.clone().text()).toBe(200);
  const sessions = (await recorded("/v1/checkout/sessions")).filter((r) => r.params.client_reference_id === t.tenantId);
  expect(sessions).toHaveLength(1);
  // The portal needs the customer the checkout created.
  const portal = await post(origin, "/v1/billing/portal", t.cookie, {}, environment);
  expect(portal.status, await portal.clone().text()).toBe(200);
  const portals = (await recorded("/v1/billing_portal/sessions")).filter((r) => r.params.customer === sessions[0].params.customer);
  expect(portals).toHaveLength(1);
  return { success: sessions[0].params.success_url, cancel: sessions[0].params.cancel_url, portal: portals[0].params.return_url };
}

describe("Stripe return URLs follow the visitor's trusted origin", () => {
  it("in development, a visitor on 127.0.0.1 (APP_URL says localhost) comes back to 127.0.0.1", async () => {
    expect(await checkoutFrom(LOOPBACK, "development")).toEqual({
      success: `${LOOPBACK}/app/settings/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel: `${LOOPBACK}/app/settings/billing?checkout=cancelled`,
      portal: `${LOOPBACK}/app/settings/billing`,
    });
  });

  it("a visitor on APP_URL comes back to APP_URL", async () => {
    expect(await checkoutFrom(APP_URL, "development")).toEqual({
      success: `${APP_URL}/app/settings/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel: `${APP_URL}/app/settings/billing?checkout=cancelled`,
      portal: `${APP_URL}/app/settings/billing`,
    });
  });

  it("outside development the loopback twin is not trusted: APP_URL", async () => {
    const urls = await checkoutFrom(LOOPBACK, "production");
    expect(urls.success.startsWith(`${APP_URL}/app/settings/billing?checkout=success`)).toBe(true);
    expect(urls.cancel).toBe(`${APP_URL}/app/settings/billing?checkout=cancelled`);
    expect(urls.portal).toBe(`${APP_URL}/app/settings/billing`);
  });
});
