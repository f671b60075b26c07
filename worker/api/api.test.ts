/**
 * Issue #8 inside workerd: the OpenAPI document (valid, covering every /v1 route, errors as
 * problem+json), the docs page, the algorithm catalogue, problem validation, idempotency keys and
 * tenant webhooks (CRUD, signed delivery through the real queue, retries, recorded attempts).
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { app } from "../app";
import { emitJobFinished, emitJobProgress } from "../webhooks/deliver";
import { MAX_ATTEMPTS } from "../webhooks/events";
import { verifyWebhook } from "../webhooks/signing";
import { bearer, call, json, createTenant, type TestTenant } from "../test/fixtures";

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = (await res.json()) as Record<string, any>;
  expect(body.status).toBe(status);
  return body;
}

const CTT = `Name: Tiny
Courses: 2
Rooms: 1
Days: 2
Periods_per_day: 2
Curricula: 1
Constraints: 0

COURSES:
c1 t1 2 1 10
c2 t2 1 1 20

ROOMS:
r1 30

CURRICULA:
q1 2 c1 c2

UNAVAILABILITY_CONSTRAINTS:

END.
`;

let a: TestTenant;
let b: TestTenant;
beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1, public, and every operation documents problem+json errors", async () => {
    const res = await call("/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as any;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Evolve API");
    expect(doc.servers[0].url).toMatch(/\/v1$/);
    expect(doc.components.schemas.Problem.properties).toHaveProperty("errors");
    expect(doc.components.securitySchemes.apiKey.scheme).toBe("bearer");
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      expect(path.startsWith("/")).toBe(true);
      for (const [method, op] of Object.entries<any>(item)) {
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        for (const [code, r] of Object.entries<any>(op.responses)) {
          // /health's 503 is its status report (which components failed), not an error document.
          if (Number(code) < 400 || (path === "/health" && code === "503")) continue;
          expect(Object.keys(r.content ?? {}), `${method} ${path} ${code}`).toEqual(["application/problem+json"]);
        }
        expect(op.responses["500"], `${method} ${path} 500`).toBeDefined();
        for (const r of Object.values<any>(op.responses)) expect(typeof r.description, `${method} ${path}`).toBe("string");
        // Every {param} of the template is declared as a required path parameter, and nothing else is.
        const declared = (op.parameters ?? [])
          .filter((p: any) => p.in === "path")
          .map((p: any) => p.name)
          .sort();
        const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
        expect(declared, `${method} ${path} path parameters`).toEqual(templated);
        for (const p of op.parameters ?? []) expect(["path", "query", "header", "cookie"]).toContain(p.in);
        if (op.requestBody) expect(Object.keys(op.requestBody.content).length).toBeGreaterThan(0);
      }
    }
    // Every $ref resolves to a component.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    for (const r of new Set(refs)) expect(doc.components.schemas, r).toHaveProperty(r);
  });

  it("covers every route the app serves under /v1", async () => {
    const doc = (await (await call("/v1/openapi.json")).json()) as any;
    const documented = new Set(Object.entries<any>(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`)));
    const served = app.routes
      .filter((r) => r.path.startsWith("/v1/") && r.method !== "ALL" && !r.path.endsWith("*"))
      .map((r) => `${r.method} ${r.path.slice(3).replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, "{$1}")}`)
      .filter((r) => !r.endsWith(" /openapi.json") && !r.endsWith(" /docs"));
    expect(served.length).toBeGreaterThan(10);
    const missing = [...new Set(served)].filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
  });

  it("serves the interactive reference at /v1/docs", async () => {
    const res = await call("/v1/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("/v1/openapi.json");
    expect(html).toContain('<html lang="en">');
    // Served from this origin only: no third-party script, so it works offline and stays pinned.
    expect(html).toContain('src="/api-docs/swagger-ui-bundle.js"');
    expect(html).toContain('href="/api-docs/evolve.css"');
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/https?:/);
  });
});

describe("GET /v1/algorithms", () => {
  it("lists algorithms per kind with parameter schemas and defaults", async () => {
    const res = await call("/v1/algorithms", { headers: bearer(a.apiKey) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    const de = body.items.find((x: any) => x.kind === "continuous" && x.id === "de");
    expect(de.default).toBe(true);
    expect(de.parameters.type).toBe("object");
    for (const [name, value] of Object.entries(de.defaults)) expect(de.parameters.properties[name].default).toEqual(value);
    for (const k of body.kinds) expect(body.items.some((x: any) => x.kind === k.kind && x.id === k.defaultAlgorithm)).toBe(true);
  });

  it('lists "race" for the kinds that can race, with its rules and no parameters', async () => {
    const body = (await (await call("/v1/algorithms", { headers: bearer(a.apiKey) })).json()) as any;
    const races = body.items.filter((x: any) => x.id === "race");
    expect(races.map((x: any) => x.kind).sort()).toEqual(["continuous", "permutation", "tsp"]);
    for (const race of races) {
      expect(race).toMatchObject({ title: "Race of algorithms", default: false, defaults: {}, parameters: { type: "object", additionalProperties: false, properties: {} } });
      expect(race.description).toMatch(/successive halving/);
      expect(body.kinds.find((k: any) => k.kind === race.kind).algorithms.at(-1)).toBe("race");
    }
    expect(body.kinds.find((k: any) => k.kind === "timetabling").algorithms).not.toContain("race");
  });

  it("needs credentials", async () => {
    await problem(await call("/v1/algorithms"), 401);
  });
});

describe("POST /v1/problems/validate", () => {
  const validate = (body: unknown, t = a) => call("/v1/problems/validate", json(body, bearer(t.apiKey)));

  it("accepts a valid problem and returns its size figures and the plan's limits", async () => {
    const res = await validate({ problem: { kind: "continuous", function: "sphere", dimension: 10 } });
    const body = (await res.json()) as any;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.valid).toBe(true);
    expect(body.kind).toBe("continuous");
    expect(body.size.dimensions).toBe(10);
    expect(body.limits.tier).toBe("free");
    expect(body.exceeded).toEqual([]);
  });

  it("names every error with its path", async () => {
    const res = await validate({ problem: { kind: "continuous", function: "nope", dimension: -3 } });
    const body = (await res.json()) as any;
    expect(body.valid).toBe(false);
    expect(body.errors.length).toBeGreaterThan(0);
    for (const e of body.errors) expect(e.path).toMatch(/^problem\./);
  });

  it("an unknown kind is an error at problem.kind", async () => {
    const body = (await (await validate({ problem: { kind: "knapsack" } })).json()) as any;
    expect(body.valid).toBe(false);
    expect(body.errors[0].path).toBe("problem.kind");
  });

  it("reports sizes above the plan's limits", async () => {
    const limits = ((await (await validate({ problem: { kind: "continuous", function: "sphere", dimension: 2 } })).json()) as any).limits;
    const dim = limits.maxSize.dimensions + 1;
    const body = (await (await validate({ problem: { kind: "continuous", function: "sphere", dimension: dim } })).json()) as any;
    if (body.valid) expect(body.exceeded).toEqual([{ dimension: "dimensions", value: dim, max: limits.maxSize.dimensions }]);
    else expect(body.errors.some((e: any) => e.path.includes("dimension"))).toBe(true);
  });

  it("validates an uploaded .ctt file and reports errors with line numbers", async () => {
    const form = new FormData();
    form.set("file", new File([CTT], "tiny.ctt"));
    const ok = (await (await call("/v1/problems/validate", { method: "POST", headers: bearer(a.apiKey), body: form })).json()) as any;
    expect(ok.valid, JSON.stringify(ok.errors)).toBe(true);
    expect(ok.size.lectures).toBe(3);

    const bad = new FormData();
    bad.set("file", new File([CTT.replace("c2 t2 1 1 20", "c2 t2 x 1 20")], "tiny.ctt"));
    const res = await call("/v1/problems/validate", { method: "POST", headers: bearer(a.apiKey), body: bad });
    const body = (await res.json()) as any;
    expect(body.valid).toBe(false);
    expect(body.errors[0].line).toBe(11);
  });

  it("malformed requests are problem+json", async () => {
    await problem(await validate({}), 422);
    await problem(await call("/v1/problems/validate", { method: "POST", headers: { ...bearer(a.apiKey), "content-type": "application/json" }, body: "{" }), 400);
    const form = new FormData();
    form.set("file", new File(["x"], "data.pdf"));
    // An unreadable file is a verdict about the problem, not a malformed request.
    const body = (await (await call("/v1/problems/validate", { method: "POST", headers: bearer(a.apiKey), body: form })).json()) as any;
    expect(body.valid).toBe(false);
    expect(body.errors[0].path).toBe("file");
    expect(body.errors[0].message).toContain(".ctt");
  });
});

describe("Idempotency-Key", () => {
  const create = (t: TestTenant, key: string, url: string) => call("/v1/webhooks", json({ url, events: ["job.succeeded"] }, { ...bearer(t.apiKey), "idempotency-key": key }));

  it("replays the first answer for the same key and body (a secret-bearing one as 409 secret-shown-once)", async () => {
    const first = await create(a, "idem-1", "https://example.com/a");
    expect(first.status).toBe(201);
    const firstBody = (await first.json()) as { secret: string };
    // The answer carried the endpoint's signing secret, shown once: the replay says so and runs nothing
    // (replays of ordinary answers: worker/jobs/jobs.test.ts; the rules: worker/api/idempotency.test.ts).
    const again = await create(a, "idem-1", "https://example.com/a");
    expect(again.status).toBe(409);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const body = (await again.json()) as { type: string };
    expect(body.type).toContain("secret-shown-once");
    expect(JSON.stringify(body)).not.toContain(firstBody.secret);
    const list = (await (await call("/v1/webhooks", { headers: bearer(a.apiKey) })).json()) as any;
    expect(list.items.filter((e: any) => e.url === "https://example.com/a")).toHaveLength(1);
  });

  it("the same key with another body is a 422", async () => {
    await create(a, "idem-2", "https://example.com/b");
    const body = await problem(await create(a, "idem-2", "https://example.com/c"), 422);
    expect(body.type).toContain("idempotency-key-reused");
  });

  it("keys are per tenant", async () => {
    await create(a, "idem-3", "https://example.com/d");
    const res = await create(b, "idem-3", "https://example.com/d");
    expect(res.status).toBe(201);
    expect(res.headers.get("idempotent-replayed")).toBeNull();
  });

  it("expires after 24 hours", async () => {
    await create(a, "idem-4", "https://example.com/e");
    await env.DB.prepare("update idempotency_key set created_at = created_at - 86400001 where key = 'idem-4'").run();
    const res = await create(a, "idem-4", "https://example.com/f");
    expect(res.status).toBe(201);
    expect(res.headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("webhook endpoints", () => {
  it("CRUD with the secret shown only on create and rotate; other tenants get 404", async () => {
    const created = await call("/v1/webhooks", json({ url: "https://hooks.example.com/x", events: ["job.failed"] }, bearer(a.apiKey)));
    expect(created.status).toBe(201);
    const ep = (await created.json()) as any;
    expect(ep.secret).toMatch(/^whsec_/);
    const got = (await (await call(`/v1/webhooks/${ep.id}`, { headers: bearer(a.apiKey) })).json()) as any;
    expect(got).not.toHaveProperty("secret");
    expect(got.events).toEqual(["job.failed"]);

    const patched = await call(`/v1/webhooks/${ep.id}`, {
      method: "PATCH",
      headers: { ...bearer(a.apiKey), "content-type": "application/json" },
      body: JSON.stringify({ events: ["job.succeeded", "job.progress"], enabled: false }),
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as any).enabled).toBe(false);

    const rotated = (await (await call(`/v1/webhooks/${ep.id}/rotate-secret`, { method: "POST", headers: bearer(a.apiKey) })).json()) as any;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(ep.secret);

    await problem(await call(`/v1/webhooks/${ep.id}`, { headers: bearer(b.apiKey) }), 404);
    await problem(await call(`/v1/webhooks/${ep.id}`, { method: "DELETE", headers: bearer(b.apiKey) }), 404);
    await problem(await call(`/v1/webhooks/${ep.id}/deliveries`, { headers: bearer(b.apiKey) }), 404);
    expect(((await (await call("/v1/webhooks", { headers: bearer(b.apiKey) })).json()) as any).items.some((e: any) => e.id === ep.id)).toBe(false);

    expect((await call(`/v1/webhooks/${ep.id}`, { method: "DELETE", headers: bearer(a.apiKey) })).status).toBe(204);
    await problem(await call(`/v1/webhooks/${ep.id}`, { headers: bearer(a.apiKey) }), 404);
  });

  it("rejects bad URLs and unknown events with field paths", async () => {
    let body = await problem(await call("/v1/webhooks", json({ url: "http://example.com/x", events: ["job.failed"] }, bearer(a.apiKey))), 422);
    expect(body.errors[0].path).toBe("url");
    body = await problem(await call("/v1/webhooks", json({ url: "https://example.com/x", events: ["job.exploded"] }, bearer(a.apiKey))), 422);
    expect(body.errors[0].path).toMatch(/^events/);
    body = await problem(await call("/v1/webhooks", json({ url: "https://example.com/x", events: [] }, bearer(a.apiKey))), 422);
  });

  it("a read-only key cannot change endpoints", async () => {
    const ro = await createTenant({ scopes: ["jobs:read"] });
    await problem(await call("/v1/webhooks", json({ url: "https://example.com/x", events: ["job.failed"] }, bearer(ro.apiKey))), 403);
    expect((await call("/v1/webhooks", { headers: bearer(ro.apiKey) })).status).toBe(200);
  });
});

describe("webhook delivery (tenant's server stubbed at the fetch boundary)", () => {
  const realFetch = globalThis.fetch;
  afterEach(() => vi.restoreAllMocks());

  /** Plays the tenant's server for one host: records requests and answers with the given codes in turn. */
  function tenantServer(host: string, codes: number[]) {
    const received: { headers: Headers; body: string }[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      if (new URL(req.url).host !== host) return realFetch(input, init);
      received.push({ headers: req.headers, body: await req.text() });
      const status = codes[Math.min(received.length - 1, codes.length - 1)];
      return new Response(status === 204 ? null : "ok", { status });
    });
    return received;
  }

  /** Polls D1 (not the API: polling would spend the tenant's rate limit) until the attempts settle. */
  async function settled(endpointId: string, until: (items: any[]) => boolean) {
    for (let i = 0; i < 150; i++) {
      const { results } = await env.DB.prepare("select attempt, status from webhook_delivery where endpoint_id = ?").bind(endpointId).all<any>();
      if (until(results)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { results } = await env.DB.prepare("select attempt, status, response_code, error from webhook_delivery where endpoint_id = ?").bind(endpointId).all<any>();
    throw new Error(`deliveries did not settle: ${JSON.stringify(results)}`);
  }

  async function deliveries(t: TestTenant, endpointId: string, until: (items: any[]) => boolean) {
    await settled(endpointId, until);
    const res = await call(`/v1/webhooks/${endpointId}/deliveries`, { headers: bearer(t.apiKey) });
    expect(res.status).toBe(200);
    return ((await res.json()) as any).items as any[];
  }

  const finished = (t: TestTenant, state: string) => ({
    id: `job_${crypto.randomUUID().replaceAll("-", "")}`,
    tenantId: t.tenantId,
    kind: "tsp",
    algorithm: "memetic",
    state,
    error: null,
    best: 42,
    evaluations: 1000,
    computeMs: 12,
    finishedAt: Date.now(),
  });

  it("signs with Standard Webhooks headers, filters events, and records the response code", async () => {
    const a = await createTenant();
    const received = tenantServer("ok.tenant.test", [204]);
    const ep = (await (await call("/v1/webhooks", json({ url: "https://ok.tenant.test/hook", events: ["job.succeeded"] }, bearer(a.apiKey)))).json()) as any;
    const job = finished(a, "succeeded");
    expect(await emitJobFinished(env, job)).toBe(1);
    expect(await emitJobFinished(env, job)).toBe(0); // a retried finish hook sends nothing new
    expect(await emitJobFinished(env, finished(a, "failed"))).toBe(0); // not subscribed
    const items = await deliveries(a, ep.id, (x) => x.length === 1 && x[0].status !== "pending");
    expect(items[0]).toMatchObject({ status: "delivered", responseCode: 204, attempt: 1, eventType: "job.succeeded", jobId: job.id });
    expect(received).toHaveLength(1);
    const { headers, body } = received[0];
    expect(headers.get("webhook-id")).toBe(`evt_${job.id}_succeeded`);
    expect(await verifyWebhook(ep.secret, headers, body)).toBe(true);
    expect(await verifyWebhook(ep.secret, headers, body.replace("42", "43"))).toBe(false);
    expect(JSON.parse(body)).toMatchObject({ type: "job.succeeded", data: { jobId: job.id, state: "succeeded", best: 42 } });
    // Tenant B sees nothing of tenant A's deliveries.
    await problem(await call(`/v1/webhooks/${ep.id}/deliveries`, { headers: bearer(b.apiKey) }), 404);
  });

  it("retries failures with the same webhook-id, recording every attempt until one succeeds", async () => {
    const a = await createTenant();
    const received = tenantServer("flaky.tenant.test", [500, 503, 200]);
    const ep = (await (await call("/v1/webhooks", json({ url: "https://flaky.tenant.test/hook", events: ["job.failed"] }, bearer(a.apiKey)))).json()) as any;
    await emitJobFinished(env, finished(a, "failed"));
    const items = await deliveries(a, ep.id, (x) => x.some((d) => d.status === "delivered"));
    const byAttempt = [...items].sort((x, y) => x.attempt - y.attempt);
    expect(byAttempt.map((d) => [d.attempt, d.status, d.responseCode])).toEqual([
      [1, "failed", 500],
      [2, "failed", 503],
      [3, "delivered", 200],
    ]);
    expect(new Set(received.map((r) => r.headers.get("webhook-id"))).size).toBe(1);
    // Paging through the attempts one by one returns each exactly once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await call(`/v1/webhooks/${ep.id}/deliveries?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { headers: bearer(a.apiKey) })).json()) as any;
      seen.push(...page.items.map((d: any) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(items.map((d) => d.id).sort());
    await problem(await call(`/v1/webhooks/${ep.id}/deliveries?cursor=garbage`, { headers: bearer(a.apiKey) }), 422);
  });

  it("a real job's finish triggers the signed delivery (JobRunner → finish listener → queue)", async () => {
    const t = await createTenant();
    const received = tenantServer("e2e.tenant.test", [200]);
    const ep = (await (await call("/v1/webhooks", json({ url: "https://e2e.tenant.test/hook", events: ["job.succeeded"] }, bearer(t.apiKey)))).json()) as any;
    const job = (await (await call("/v1/jobs", json({ problem: { kind: "continuous", function: "sphere", dimension: 3 }, budget: { evaluations: 300 } }, bearer(t.apiKey)))).json()) as any;
    const items = await deliveries(t, ep.id, (x) => x.length === 1 && x[0].status === "delivered");
    expect(items[0]).toMatchObject({ jobId: job.id, eventType: "job.succeeded", responseCode: 200 });
    expect(await verifyWebhook(ep.secret, received[0].headers, received[0].body)).toBe(true);
    expect(JSON.parse(received[0].body).data).toMatchObject({ jobId: job.id, state: "succeeded", kind: "continuous" });
  });

  it("a running job sends a throttled job.progress delivery (JobRunner → progress listener → queue)", async () => {
    const t = await createTenant();
    const received = tenantServer("running.tenant.test", [200]);
    const ep = (await (await call("/v1/webhooks", json({ url: "https://running.tenant.test/hook", events: ["job.progress"] }, bearer(t.apiKey)))).json()) as any;
    const body = { problem: { kind: "continuous", function: "rastrigin", dimension: 10 }, algorithm: "de", budget: { evaluations: 2_000_000 } };
    const job = (await (await call("/v1/jobs", json(body, bearer(t.apiKey)))).json()) as any;
    const items = await deliveries(t, ep.id, (x) => x.length >= 1 && x[0].status === "delivered");
    await call(`/v1/jobs/${job.id}/cancel`, { method: "POST", headers: bearer(t.apiKey) });
    expect(items.filter((d) => d.eventType === "job.progress")).toHaveLength(1); // one per minute at most
    const data = JSON.parse(received[0].body).data;
    expect(data).toMatchObject({ jobId: job.id, state: "running" });
    expect(data.evaluations).toBeGreaterThan(0);
    expect(await verifyWebhook(ep.secret, received[0].headers, received[0].body)).toBe(true);
  });

  it("a job's own webhook URL gets its finish event, signed with the tenant's job-webhook secret", async () => {
    const t = await createTenant();
    const received = tenantServer("perjob.tenant.test", [200]);
    const bad = await problem(
      await call("/v1/jobs", json({ problem: { kind: "continuous", function: "sphere", dimension: 2 }, webhook: { url: "http://perjob.tenant.test/x" } }, bearer(t.apiKey))),
      422,
    );
    expect(bad.errors[0].path).toBe("webhook.url");
    const job = (await (
      await call(
        "/v1/jobs",
        json({ problem: { kind: "continuous", function: "sphere", dimension: 3 }, budget: { evaluations: 300 }, webhook: { url: "https://perjob.tenant.test/done" } }, bearer(t.apiKey)),
      )
    ).json()) as any;
    expect(job.webhookUrl).toBe("https://perjob.tenant.test/done");
    await settled(`job:${job.id}`, (x) => x.length === 1 && x[0].status === "delivered");
    const listed = (await (await call(`/v1/jobs/${job.id}/webhook-deliveries`, { headers: bearer(t.apiKey) })).json()) as any;
    expect(listed.items[0]).toMatchObject({ eventType: "job.succeeded", responseCode: 200, status: "delivered" });
    const { secret } = (await (await call("/v1/webhooks/job-secret", { headers: bearer(t.apiKey) })).json()) as any;
    expect(await verifyWebhook(secret, received[0].headers, received[0].body)).toBe(true);
    const other = (await (await call("/v1/webhooks/job-secret", { headers: bearer(b.apiKey) })).json()) as any;
    expect(other.secret).not.toBe(secret);
    await problem(await call(`/v1/jobs/${job.id}/webhook-deliveries`, { headers: bearer(b.apiKey) }), 404);
  });

  it("progress events are throttled to one per job per interval", async () => {
    const t = await createTenant();
    tenantServer("progress.tenant.test", [200]);
    await call("/v1/webhooks", json({ url: "https://progress.tenant.test/hook", events: ["job.progress"] }, bearer(t.apiKey)));
    const now = Date.now();
    expect(await emitJobProgress(env, t.tenantId, "job_progress1", { evaluations: 10 }, now)).toBe(1);
    expect(await emitJobProgress(env, t.tenantId, "job_progress1", { evaluations: 20 }, now + 1000)).toBe(0);
    expect(await emitJobProgress(env, t.tenantId, "job_progress2", { evaluations: 20 }, now + 1000)).toBe(1);
  });

  it("gives up after the last attempt", async () => {
    const a = await createTenant();
    tenantServer("down.tenant.test", [500]);
    const ep = (await (await call("/v1/webhooks", json({ url: "https://down.tenant.test/hook", events: ["job.cancelled"] }, bearer(a.apiKey)))).json()) as any;
    await emitJobFinished(env, finished(a, "cancelled"));
    const items = await deliveries(a, ep.id, (x) => x.length === MAX_ATTEMPTS && x.every((d) => d.status !== "pending"));
    expect(items.every((d) => d.status === "failed" && d.responseCode === 500)).toBe(true);
  });
});

describe("typed client (hc over the same route types)", () => {
  it("submits, reads and lists jobs with typed requests and responses", async () => {
    const { createEvolveClient } = await import("./client");
    const t = await createTenant();
    const evolve = createEvolveClient(env.APP_URL, t.apiKey, { fetch: ((input: RequestInfo | URL, init?: RequestInit) => call(String(input), init)) as typeof fetch });
    const catalogue = await (await evolve.algorithms.$get()).json();
    expect(catalogue.items.some((x) => x.kind === "tsp")).toBe(true);
    const created = await evolve.jobs.$post({ json: { problem: { kind: "continuous", function: "sphere", dimension: 3 }, budget: { evaluations: 300 } } });
    expect(created.status).toBe(202);
    const job = await created.json();
    if (!("id" in job)) throw new Error("expected a job");
    const again = await (await evolve.jobs[":id"].$get({ param: { id: job.id } })).json();
    expect("kind" in again && again.kind).toBe("continuous");
    const page = await (await evolve.jobs.$get({ query: { limit: "5" } })).json();
    expect("items" in page && page.items.map((j) => j.id)).toContain(job.id);
    const wrong = await evolve.jobs[":id"].$get({ param: { id: "job_nope" } });
    expect(wrong.status).toBe(404);
    const exported = await evolve.jobs[":id"].exports[":format"].$get({ param: { id: job.id, format: "csv" }, query: {} });
    expect([200, 409]).toContain(exported.status);
  });
});
