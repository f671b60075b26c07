/**
 * A small local stand-in for Stripe's API, run in Node by worker/test/vitest-project.ts (workerd tests
 * cannot listen on sockets). The Worker's Stripe client is pointed at it through
 * STRIPE_API_HOST / PORT / PROTOCOL. It answers the calls billing makes (customers, Checkout
 * sessions, portal sessions) and records every request; tests read them back with
 * `GET /__requests` (optionally `?path=/v1/checkout/sessions`).
 */
import { readBody, startJsonFake } from "./fake-http";

export interface RecordedRequest {
  method: string;
  path: string;
  /** The form-encoded body, flattened as Stripe sends it (e.g. "metadata[tenantId]"). */
  params: Record<string, string>;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
}

const id = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 12)}`;

export async function startStripeFake(): Promise<{ port: number; close(): void }> {
  const recorded: RecordedRequest[] = [];
  const customers = new Map<string, Record<string, unknown>>();

  const { port, close } = await startJsonFake(async (req, url, send) => {
    if (url.pathname === "/__requests") {
      const path = url.searchParams.get("path");
      return send(200, path ? recorded.filter((r) => r.path === path) : recorded);
    }
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    recorded.push({
      method: req.method ?? "GET",
      path: url.pathname,
      params,
      authorization: req.headers.authorization,
      idempotencyKey: req.headers["idempotency-key"] as string | undefined,
    });
    if (req.method === "POST" && url.pathname === "/v1/customers") {
      const customer = { id: id("cus"), object: "customer", email: params.email ?? null, name: params.name ?? null, metadata: { tenantId: params["metadata[tenantId]"] } };
      customers.set(customer.id, customer);
      return send(200, customer);
    }
    if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
      const sid = id("cs_test");
      return send(200, { id: sid, object: "checkout.session", mode: params.mode, customer: params.customer, url: `https://checkout.stripe.com/c/pay/${sid}` });
    }
    if (req.method === "POST" && url.pathname === "/v1/billing_portal/sessions") {
      const sid = id("bps");
      return send(200, { id: sid, object: "billing_portal.session", customer: params.customer, return_url: params.return_url, url: `https://billing.stripe.com/p/session/${sid}` });
    }
    send(404, { error: { type: "invalid_request_error", message: `fake Stripe has no ${req.method} ${url.pathname}` } });
  });
  return { port, close };
}
