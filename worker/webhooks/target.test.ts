/**
 * Outgoing webhooks never reach internal addresses (worker/webhooks/target.ts): refused at
 * creation, update and job submission, again at delivery and on every redirect hop; the tenant's
 * server's reply body is never stored. Delivery runs with a fetcher that records calls, so no test
 * here touches the network.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { handleWebhookDelivery, type WebhookDeliveryMessage } from "./deliver";
import { webhookTargetRefusal } from "./target";
import { bearer, call, json, createTenant, type TestTenant } from "../test/fixtures";

const INTERNAL = [
  "http://hooks.example.com/x", // not https
  "https://127.0.0.1/x",
  "https://2130706433/x", // 127.0.0.1 as one number
  "https://0x7f.0.0.1/x", // hex
  "https://0177.0.0.1/x", // octal
  "https://127.1/x", // short form
  "https://0.0.0.0/x",
  "https://10.0.0.7/x",
  "https://172.16.5.4/x",
  "https://192.168.1.1/x",
  "https://100.64.0.1/x", // carrier-grade NAT
  "https://169.254.169.254/latest/meta-data/",
  "https://[::1]/x",
  "https://[::]/x",
  "https://[::ffff:127.0.0.1]/x",
  "https://[::ffff:a9fe:a9fe]/x", // 169.254.169.254, IPv4-mapped
  "https://[fe80::1]/x",
  "https://[fd00:ec2::254]/x", // unique-local (the IPv6 metadata address)
  "https://[64:ff9b::7f00:1]/x", // NAT64 of 127.0.0.1
  "https://[2002:7f00:1::]/x", // 6to4 of 127.0.0.1
  "https://localhost/x",
  "https://LOCALHOST./x",
  "https://api.localhost/x",
  "https://metadata/x", // single label
  "https://printer.local/x",
  "https://metadata.google.internal/x",
  "https://hooks.example.com:8443/x", // non-default port
  "https://hooks.example.com:22/x",
  "https://user:pw@hooks.example.com/x",
];

const PUBLIC = ["https://hooks.example.com/x", "https://hooks.example.com:443/x", "https://8.8.8.8/x", "https://[2606:4700:4700::1111]/x"];

describe("webhookTargetRefusal", () => {
  it("refuses every internal, local or non-default target", () => {
    for (const url of INTERNAL) expect(webhookTargetRefusal(env, url), url).not.toBeNull();
  });

  it("accepts public https targets", () => {
    for (const url of PUBLIC) expect(webhookTargetRefusal(env, url), url).toBeNull();
  });

  it("honours the test-only allowance only in the test environment", () => {
    const allowance = { WEBHOOK_TEST_ALLOWED_TARGETS: "http://127.0.0.1:9999" };
    expect(webhookTargetRefusal({ ...allowance, ENVIRONMENT: "test" }, "http://127.0.0.1:9999/hook")).toBeNull();
    expect(webhookTargetRefusal({ ...allowance, ENVIRONMENT: "test" }, "http://127.0.0.1:9998/hook")).not.toBeNull();
    expect(webhookTargetRefusal({ ...allowance, ENVIRONMENT: "production" }, "http://127.0.0.1:9999/hook")).not.toBeNull();
    expect(webhookTargetRefusal({ ...allowance, ENVIRONMENT: "development" }, "http://127.0.0.1:9999/hook")).not.toBeNull();
  });
});

let t: TestTenant;
beforeAll(async () => {
  t = await createTenant();
});

describe("the API refuses internal targets with the field path", () => {
  it("POST and PATCH /v1/webhooks", async () => {
    for (const url of ["https://169.254.169.254/latest/meta-data/", "https://[::ffff:7f00:1]/", "https://localhost/x", "https://hooks.example.com:8080/x"]) {
      const res = await call("/v1/webhooks", json({ url, events: ["job.failed"] }, bearer(t.apiKey)));
      expect(res.status, url).toBe(422);
      expect(((await res.json()) as { errors: { path: string }[] }).errors[0].path).toBe("url");
    }
    const ok = (await (await call("/v1/webhooks", json({ url: "https://hooks.example.com/ok", events: ["job.failed"] }, bearer(t.apiKey)))).json()) as { id: string };
    const patched = await call(`/v1/webhooks/${ok.id}`, { method: "PATCH", headers: { ...bearer(t.apiKey), "content-type": "application/json" }, body: JSON.stringify({ url: "https://10.1.2.3/x" }) });
    expect(patched.status).toBe(422);
  });

  it("a job's own webhook URL", async () => {
    const res = await call(
      "/v1/jobs",
      json({ problem: { kind: "continuous", function: "sphere", dimension: 2 }, budget: { evaluations: 100 }, webhook: { url: "https://169.254.169.254/" } }, bearer(t.apiKey)),
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0].path).toBe("webhook.url");
  });
});

describe("delivery re-checks the target, follows redirects by hand, and stores no reply body", () => {
  /** An endpoint row written straight to D1, as one stored before the rule existed would be. */
  async function endpointRow(url: string): Promise<string> {
    const id = `whe_${crypto.randomUUID().replaceAll("-", "")}`;
    await env.DB.prepare("INSERT INTO webhook_endpoint (id, tenant_id, url, secret, events, enabled) VALUES (?, ?, ?, 'whsec_dGVzdA==', '[\"job.failed\"]', 1)").bind(id, t.tenantId, url).run();
    return id;
  }

  async function deliver(endpointId: string, answers: ((url: string) => Response)[], e: typeof env = env) {
    const eventId = `evt_${crypto.randomUUID().slice(0, 8)}`;
    const deliveryId = `whd_${endpointId}_${eventId}_1`;
    await env.DB.prepare("INSERT INTO webhook_delivery (id, tenant_id, endpoint_id, event_id, event_type, attempt, status) VALUES (?, ?, ?, ?, 'job.failed', 1, 'pending')")
      .bind(deliveryId, t.tenantId, endpointId, eventId)
      .run();
    const calls: string[] = [];
    const fetcher = (async (input: RequestInfo | URL) => {
      const url = new Request(input).url;
      calls.push(url);
      return answers[Math.min(calls.length - 1, answers.length - 1)](url);
    }) as typeof fetch;
    const msg: WebhookDeliveryMessage = {
      type: "webhook-delivery",
      deliveryId,
      tenantId: t.tenantId,
      endpointId,
      attempt: 5,
      event: { id: eventId, type: "job.failed", timestamp: new Date().toISOString(), data: {} },
    };
    await handleWebhookDelivery(e, msg, fetcher);
    const row = await env.DB.prepare("SELECT status, response_code AS code, error FROM webhook_delivery WHERE id = ?")
      .bind(deliveryId)
      .first<{ status: string; code: number | null; error: string | null }>();
    return { calls, row: row! };
  }

  it("a stored internal URL is never called", async () => {
    const { calls, row } = await deliver(await endpointRow("https://169.254.169.254/latest/meta-data/"), [() => new Response("ami-id")]);
    expect(calls).toEqual([]);
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/refused/);
  });

  it("a redirect to an internal address is not followed", async () => {
    const { calls, row } = await deliver(await endpointRow("https://hooks.example.com/r"), [
      () => new Response(null, { status: 307, headers: { location: "http://169.254.169.254/latest/meta-data/" } }),
    ]);
    expect(calls).toEqual(["https://hooks.example.com/r"]);
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/redirect/);
  });

  it("a redirect to a public https server is followed (re-checked) and delivered", async () => {
    const { calls, row } = await deliver(await endpointRow("https://hooks.example.com/moved"), [
      () => new Response(null, { status: 308, headers: { location: "https://new.example.com/hook" } }),
      () => new Response(null, { status: 204 }),
    ]);
    expect(calls).toEqual(["https://hooks.example.com/moved", "https://new.example.com/hook"]);
    expect(row).toMatchObject({ status: "delivered", code: 204 });
  });

  it("an error reply's body is not stored, only its status code", async () => {
    const { row } = await deliver(await endpointRow("https://hooks.example.com/err"), [() => new Response("db password is hunter2; internal host 10.0.0.5", { status: 500 })]);
    expect(row).toMatchObject({ status: "failed", code: 500 });
    expect(row.error ?? "").not.toContain("hunter2");
    expect(row.error ?? "").not.toContain("10.0.0.5");
  });

  it("a local fake receiver is reachable only through the explicit test allowance", async () => {
    const id = await endpointRow("http://127.0.0.1:9911/hook");
    expect((await deliver(id, [() => new Response(null, { status: 204 })])).calls).toEqual([]);
    const allowed = { ...env, WEBHOOK_TEST_ALLOWED_TARGETS: "http://127.0.0.1:9911" };
    const { calls, row } = await deliver(id, [() => new Response(null, { status: 204 })], allowed);
    expect(calls).toEqual(["http://127.0.0.1:9911/hook"]);
    expect(row.status).toBe("delivered");
  });
});
