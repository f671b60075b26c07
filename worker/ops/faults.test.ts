/**
 * Storage faults at the service layer, inside workerd against the real local D1/R2:
 * the real app and services run with an `env` whose D1 or R2 fails on chosen calls
 * (worker/test/faulty-storage.ts). Each case proves three things:
 *   1. the client gets a 503 problem+json `storage-unavailable` with Retry-After — never a 500,
 *      never a stack trace;
 *   2. nothing half-written remains (job row ⇔ R2 input, TenantGate slot and quota unit, usage);
 *   3. the same request retried afterwards (same Idempotency-Key) on a healthy env succeeds
 *      exactly once.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import Stripe from "stripe";
import { app } from "../app";
import type { Env } from "../env";
import { createJob } from "../jobs";
import { gateFor } from "../tenancy/admission";
import { isStorageFailure } from "../storage/unavailable";
import { bearer, call, json, ORIGIN, session, createTenant, type TestTenant } from "../test/fixtures";
import { faultyEnv, type FaultPlan } from "../test/faulty-storage";
import { waitForEnd } from "../runtime/test-helpers";

const sphere = { kind: "continuous", function: "sphere", dimension: 3 };
const JOB = { problem: sphere, algorithm: "ga", seed: 7, budget: { evaluations: 1_500 } };

/** One request through the real app with a faulty env. */
async function callWith(e: Env, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(new URL(path, ORIGIN), init), e, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** The outage answer: 503 problem+json with Retry-After and no internals. */
async function expectStorageUnavailable(res: Response) {
  const text = await res.text();
  expect(res.status, text).toBe(503);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body).toMatchObject({ status: 503, type: "https://evolve.dev/problems/storage-unavailable" });
  expect(typeof body.requestId).toBe("string");
  // No stack, no SQL, no driver message reaches the client.
  expect(text).not.toMatch(/ at |D1_ERROR|Failed query|R2Error|stack|insert into/i);
  return body;
}

async function paidTenant(): Promise<TestTenant> {
  const t = await createTenant();
  await env.DB.prepare("INSERT INTO subscription (tenant_id, tier, status) VALUES (?, 'enterprise', 'active') ON CONFLICT (tenant_id) DO UPDATE SET tier = 'enterprise', status = 'active'")
    .bind(t.tenantId)
    .run();
  return t;
}

/** Everything a job creation may leave behind, for before/after comparisons. */
async function footprint(tenantId: string) {
  const rows = await env.DB.prepare("SELECT id, input_key AS inputKey FROM job WHERE tenant_id = ? ORDER BY id").bind(tenantId).all<{ id: string; inputKey: string }>();
  const blobs = await env.BLOBS.list({ prefix: `t/${tenantId}/jobs/` });
  const gate = await gateFor(env, tenantId).status();
  const usage = await env.DB.prepare("SELECT coalesce(sum(jobs), 0) AS jobs FROM usage WHERE tenant_id = ?").bind(tenantId).first<{ jobs: number }>();
  return { jobs: rows.results, blobKeys: blobs.objects.map((o) => o.key), leases: gate.leases.length, usedToday: gate.usedToday, usageJobs: usage?.jobs ?? 0 };
}

const postJob = (t: TestTenant, key: string) => json(JOB, { ...bearer(t.apiKey), "idempotency-key": key });
const isJobInsert = (sql: string) => /^insert into "job"/i.test(sql);

describe("POST /v1/jobs under storage faults", () => {
  const cases: [string, FaultPlan][] = [
    ["the D1 insert of the job row fails (after its R2 input was written)", { db: isJobInsert }],
    ["the R2 put of the input fails", { r2: (op, key) => op === "put" && key.endsWith("/input.json") }],
    // Both the insert and every later D1 write fail: the compensating row delete and the
    // Idempotency-Key release fail too; the claim is freed as abandoned later.
    ["D1 fails from the job insert on (cleanup included)", { db: (sql) => isJobInsert(sql) || /^(delete|update)/i.test(sql) }],
  ];
  for (const [name, plan] of cases) {
    it(`503, nothing half-written, same-key retry succeeds once — ${name}`, async () => {
      const t = await paidTenant();
      const before = await footprint(t.tenantId);
      const key = `fault-${crypto.randomUUID()}`;
      const f = faultyEnv(env, plan);

      await expectStorageUnavailable(await callWith(f.env, "/v1/jobs", postJob(t, key)));
      expect(f.injected).toBeGreaterThan(0);
      const after = await footprint(t.tenantId);
      expect(after.jobs).toEqual([]);
      expect(after.blobKeys).toEqual([]);
      expect(after.leases).toBe(before.leases);
      expect(after.usedToday).toBe(before.usedToday);
      expect(after.usageJobs).toBe(0);

      const claim = await env.DB.prepare("SELECT created_at AS createdAt FROM idempotency_key WHERE tenant_id = ? AND key = ?").bind(t.tenantId, key).first();
      if (claim) {
        // The key could not be released (D1 down): it is "in progress" until abandoned, never stuck for 24 h.
        expect((await call("/v1/jobs", postJob(t, key))).status).toBe(409);
        await env.DB.prepare("UPDATE idempotency_key SET created_at = created_at - 61000 WHERE tenant_id = ? AND key = ?").bind(t.tenantId, key).run();
      }

      const retried = await call("/v1/jobs", postJob(t, key));
      expect(retried.status, await retried.clone().text()).toBe(202);
      const created = (await retried.json()) as { id: string };
      const replayed = await call("/v1/jobs", postJob(t, key));
      expect(replayed.status).toBe(202);
      expect(replayed.headers.get("idempotent-replayed")).toBe("true");
      expect(((await replayed.json()) as { id: string }).id).toBe(created.id);

      const done = await waitForEnd(t.tenantId, created.id);
      expect(done.state).toBe("succeeded");
      expect(done.evaluations).toBe(JOB.budget.evaluations);
      const final = await footprint(t.tenantId);
      expect(final.jobs.map((j) => j.id)).toEqual([created.id]);
      expect(final.blobKeys).toContain(final.jobs[0].inputKey);
      expect(final.usedToday).toBe(before.usedToday + 1);
      expect(final.usageJobs).toBe(1);
      expect(final.leases).toBe(before.leases);
    });
  }

  it("createJob (service layer) undoes its R2 input, row, runner and slot when the runner cannot start", async () => {
    const t = await paidTenant();
    const before = await footprint(t.tenantId);
    // The runner's start succeeds inside the object but its answer is lost (e.g. the DO was reset):
    // the job must not keep running behind the error the client got.
    let startedId: string | null = null;
    const lostAnswer = new Proxy(env, {
      get(target, prop) {
        if (prop !== "JOB_RUNNER") return Reflect.get(target, prop);
        const ns = target.JOB_RUNNER;
        return {
          idFromName: (name: string) => ns.idFromName(name),
          get: (id: DurableObjectId) => {
            const stub = ns.get(id);
            return new Proxy(stub, {
              get: (s, p) =>
                p === "start"
                  ? async (...args: Parameters<typeof stub.start>) => {
                      await s.start(...args);
                      startedId = args[0].jobId;
                      throw Object.assign(new Error("Durable Object reset because its code was updated."), { retryable: true });
                    }
                  : Reflect.get(s, p),
            });
          },
        };
      },
    }) as Env;
    const error = await createJob(lostAnswer, { tenantId: t.tenantId }, JOB).catch((e: unknown) => e);
    expect(isStorageFailure(error)).toBe(true);
    expect(startedId).not.toBeNull();
    expect(await env.JOB_RUNNER.get(env.JOB_RUNNER.idFromName(startedId!)).status()).toBeNull();
    const after = await footprint(t.tenantId);
    expect(after).toEqual(before);
    expect(after.jobs).toEqual([]);
    expect(after.blobKeys).toEqual([]);
  });
});

describe("other writes under storage faults", () => {
  it("GET routes, exports and DELETE answer 503 during an outage and work once it is over", async () => {
    const t = await paidTenant();
    const res = await call("/v1/jobs", json(JOB, bearer(t.apiKey)));
    const { id } = (await res.json()) as { id: string };
    await waitForEnd(t.tenantId, id);

    // A whole-D1 outage: even authentication cannot read; still a 503, not a 401 or a 500.
    const dark = faultyEnv(env, { db: () => true });
    await expectStorageUnavailable(await callWith(dark.env, "/v1/jobs", { headers: bearer(t.apiKey) }));
    // R2 reads failing: the result and exports are 503 too.
    const r2Down = faultyEnv(env, { r2: () => true });
    await expectStorageUnavailable(await callWith(r2Down.env, `/v1/jobs/${id}/result`, { headers: bearer(t.apiKey) }));

    // Export generation: rendering worked, storing it failed → 503 and no export kept.
    const exportPut = faultyEnv(env, { r2: (op, key) => op === "put" && key.includes("/exports/") });
    await expectStorageUnavailable(await callWith(exportPut.env, `/v1/jobs/${id}/exports/csv`, { headers: bearer(t.apiKey) }));
    expect((await env.BLOBS.list({ prefix: `t/${t.tenantId}/jobs/${id}/exports/` })).objects).toHaveLength(0);
    const csv = await call(`/v1/jobs/${id}/exports/csv`, { headers: bearer(t.apiKey) });
    expect(csv.status).toBe(200);
    expect((await csv.text()).length).toBeGreaterThan(0);
    expect((await env.BLOBS.list({ prefix: `t/${t.tenantId}/jobs/${id}/exports/` })).objects).toHaveLength(1);

    // Delete: R2 deletes fail → 503, the job is still there (with its data); a retry finishes it.
    const deleteDown = faultyEnv(env, { r2: (op) => op === "delete" });
    await expectStorageUnavailable(await callWith(deleteDown.env, `/v1/jobs/${id}`, { method: "DELETE", headers: bearer(t.apiKey) }));
    expect((await call(`/v1/jobs/${id}`, { headers: bearer(t.apiKey) })).status).toBe(200);
    expect((await call(`/v1/jobs/${id}`, { method: "DELETE", headers: bearer(t.apiKey) })).status).toBe(204);
    expect((await call(`/v1/jobs/${id}`, { headers: bearer(t.apiKey) })).status).toBe(404);
    expect((await env.BLOBS.list({ prefix: `t/${t.tenantId}/jobs/${id}/` })).objects).toHaveLength(0);
  });

  it("API key and webhook endpoint creation: 503, no row, then exactly one on retry", async () => {
    const t = await createTenant();
    const count = async (table: string, column: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`).bind(t.tenantId).first<{ n: number }>())!.n;
    const keysBefore = await count("apikey", "reference_id");

    const keyDown = faultyEnv(env, { db: (sql) => /^insert into "apikey"/i.test(sql) });
    const body = { name: "ci key", scopes: ["jobs:read"] };
    await expectStorageUnavailable(await callWith(keyDown.env, "/v1/api-keys", json(body, session(t.cookie))));
    expect(await count("apikey", "reference_id")).toBe(keysBefore);
    expect((await call("/v1/api-keys", json(body, session(t.cookie)))).status).toBe(201);
    expect(await count("apikey", "reference_id")).toBe(keysBefore + 1);

    const hookDown = faultyEnv(env, { db: (sql) => /^insert into "webhook_endpoint"/i.test(sql) });
    const key = `hook-${crypto.randomUUID()}`;
    const hook = () => json({ url: "https://hooks.example.com/evolve", events: ["job.succeeded"] }, { ...bearer(t.apiKey), "idempotency-key": key });
    await expectStorageUnavailable(await callWith(hookDown.env, "/v1/webhooks", hook()));
    expect(await count("webhook_endpoint", "tenant_id")).toBe(0);
    const created = await call("/v1/webhooks", hook());
    expect(created.status, await created.clone().text()).toBe(201);
    const again = await call("/v1/webhooks", hook());
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await count("webhook_endpoint", "tenant_id")).toBe(1);
  });

  it("a Stripe webhook whose event record fails is answered 503 and applied once on Stripe's retry", async () => {
    const t = await createTenant();
    const stripe = new Stripe("sk_test_for_signing_only", { httpClient: Stripe.createFetchHttpClient() });
    const now = Math.floor(Date.now() / 1000);
    const evt = {
      id: `evt_fault_${crypto.randomUUID().slice(0, 8)}`,
      object: "event",
      type: "customer.subscription.created",
      created: now,
      livemode: false,
      data: {
        object: {
          id: `sub_fault_${t.tenantId.slice(-6)}`,
          object: "subscription",
          customer: `cus_fault_${t.tenantId.slice(-6)}`,
          status: "active",
          cancel_at_period_end: false,
          metadata: { tenantId: t.tenantId },
          items: { object: "list", data: [{ id: "si_fault", price: { id: env.STRIPE_PRICE_PRO }, current_period_end: now + 30 * 86400 }] },
        },
      },
    };
    const payload = JSON.stringify(evt);
    const deliver = async (e: Env) => {
      const header = await stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: env.STRIPE_WEBHOOK_SECRET!, cryptoProvider: Stripe.createSubtleCryptoProvider() });
      return callWith(e, "/api/billing/webhook", { method: "POST", headers: { "stripe-signature": header, "content-type": "application/json" }, body: payload });
    };
    const recordDown = faultyEnv(env, { db: (sql) => /^insert into "stripe_event"/i.test(sql) });
    await expectStorageUnavailable(await deliver(recordDown.env));
    expect(await env.DB.prepare("SELECT id FROM stripe_event WHERE id = ?").bind(evt.id).first()).toBeNull();

    // Applying is idempotent (record-after-apply): Stripe's retry lands once and is then recorded.
    const applied = await deliver(env);
    expect(applied.status, await applied.clone().text()).toBe(200);
    expect(["applied", "stale"]).toContain(((await applied.json()) as { outcome: string }).outcome);
    expect(await env.DB.prepare("SELECT id FROM stripe_event WHERE id = ?").bind(evt.id).first()).not.toBeNull();
    const duplicate = await deliver(env);
    expect(((await duplicate.json()) as { outcome: string }).outcome).toBe("duplicate");
    const sub = await env.DB.prepare("SELECT tier, status FROM subscription WHERE tenant_id = ?").bind(t.tenantId).first();
    expect(sub).toMatchObject({ tier: "pro", status: "active" });
  });
});
