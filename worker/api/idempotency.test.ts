/**
 * Idempotency records are the caller's own (worker/api/idempotency.ts): a replay never skips the
 * permission checks of the route, a response carrying a secret is stored redacted and answered
 * 409 on replay (the secret is shown once), and expired records are swept by the cron.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { IDEMPOTENCY_TTL_MS, sweepIdempotencyKeys } from "./idempotency";
import { addMember, bearer, call, json, session, createTenant, type TestTenant } from "../test/fixtures";

let a: TestTenant;
let readOnlyKey: string;
beforeAll(async () => {
  a = await createTenant();
  const res = await call("/v1/api-keys", json({ name: "read only", scopes: ["jobs:read"] }, session(a.cookie)));
  readOnlyKey = ((await res.json()) as { key: string }).key;
});

async function newEndpoint(t: TestTenant): Promise<string> {
  const res = await call("/v1/webhooks", json({ url: "https://hooks.example.com/idem", events: ["job.failed"] }, bearer(t.apiKey)));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const rotate = (id: string, key: string, headers: Record<string, string>) => call(`/v1/webhooks/${id}/rotate-secret`, { method: "POST", headers: { ...headers, "idempotency-key": key } });

async function storedRows(key: string) {
  return (await env.DB.prepare("SELECT * FROM idempotency_key WHERE tenant_id = ? AND key = ?").bind(a.tenantId, key).all<Record<string, unknown>>()).results;
}

describe("idempotency records belong to their caller", () => {
  it("a jobs:read key replaying an admin's rotate-secret with the same key gets 403, not the secret", async () => {
    const id = await newEndpoint(a);
    const key = `rotate-${crypto.randomUUID()}`;
    const first = await rotate(id, key, bearer(a.apiKey));
    expect(first.status).toBe(200);
    const { secret } = (await first.json()) as { secret: string };
    expect(secret).toMatch(/^whsec_/);

    const replay = await rotate(id, key, bearer(readOnlyKey));
    expect(replay.status).toBe(403);
    expect(replay.headers.get("idempotent-replayed")).toBeNull();
    expect(await replay.text()).not.toContain(secret);
  });

  it("a member demoted after the first request cannot replay it", async () => {
    const admin = await addMember(a, "admin");
    const key = `demoted-${crypto.randomUUID()}`;
    const body = { url: "https://hooks.example.com/demoted", events: ["job.failed"] };
    // Demote, then replay an admin-only request that was answered while still an admin.
    const created = await call("/v1/webhooks", json(body, { ...session(admin.cookie), "idempotency-key": key }));
    expect(created.status).toBe(201);
    const demoted = await call(`/v1/members/${admin.memberId}`, { method: "PATCH", headers: { ...session(a.cookie), "content-type": "application/json" }, body: JSON.stringify({ role: "member" }) });
    expect(demoted.status).toBe(200);
    const replay = await call("/v1/webhooks", json(body, { ...session(admin.cookie), "idempotency-key": key }));
    expect(replay.status).toBe(403);
    expect(replay.headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("secrets are never stored in idempotency records", () => {
  it("stores the rotate-secret answer redacted and answers a replay with 409 secret-shown-once", async () => {
    const id = await newEndpoint(a);
    const key = `secret-${crypto.randomUUID()}`;
    const first = await rotate(id, key, bearer(a.apiKey));
    const { secret } = (await first.json()) as { secret: string };

    const rows = await storedRows(key);
    expect(rows).toHaveLength(1);
    expect(String(rows[0].response_body)).not.toContain(secret);
    expect(String(rows[0].response_body)).not.toContain("whsec_");

    const replay = await rotate(id, key, bearer(a.apiKey));
    expect(replay.status).toBe(409);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await replay.json()) as { type: string; detail: string };
    expect(problem.type).toContain("secret-shown-once");
    expect(JSON.stringify(problem)).not.toContain(secret);
    // The secret was rotated once, not twice: the replay did not run the request again.
    expect(problem.detail).toMatch(/rotate/i);
  });

  it("share links and calendar-feed URLs (token-bearing) are not stored either", async () => {
    const jobId = `job_${crypto.randomUUID().replaceAll("-", "")}`;
    await env.DB.prepare("INSERT INTO job (id, tenant_id, kind, algorithm, state, parameters, seed, budget) VALUES (?, ?, 'tsp', 'ga', 'succeeded', '{}', 1, '{}')").bind(jobId, a.tenantId).run();
    const key = `share-${crypto.randomUUID()}`;
    const res = await call(`/v1/jobs/${jobId}/share-links`, json({ expiresInHours: 1 }, { ...bearer(a.apiKey), "idempotency-key": key }));
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    const token = url.split("/share/")[1];
    const rows = await storedRows(key);
    expect(rows).toHaveLength(1);
    expect(String(rows[0].response_body)).not.toContain(token);
    const replay = await call(`/v1/jobs/${jobId}/share-links`, json({ expiresInHours: 1 }, { ...bearer(a.apiKey), "idempotency-key": key }));
    expect(replay.status).toBe(409);
  });
});

describe("sweeping expired records", () => {
  it("sweepIdempotencyKeys deletes records past the 24 h window and keeps fresh ones", async () => {
    const now = Date.now();
    const insert = (key: string, createdAt: number) =>
      env.DB.prepare("INSERT INTO idempotency_key (tenant_id, caller, key, request_hash, status, response_body, created_at) VALUES (?, 'key:sweep', ?, 'h', 201, '{}', ?)")
        .bind(a.tenantId, key, createdAt)
        .run();
    await insert("sweep-old", now - IDEMPOTENCY_TTL_MS - 1);
    await insert("sweep-fresh", now - 1000);
    const deleted = await sweepIdempotencyKeys(env, new Date(now));
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await storedRows("sweep-old")).toHaveLength(0);
    expect(await storedRows("sweep-fresh")).toHaveLength(1);
  });
});
