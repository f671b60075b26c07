// Tenant isolation, table-driven from worker/test/isolation-cases.ts: with tenant A's
// API key or session, tenant B's jobs, keys, members, invitations and usage are invisible (404)
// and unchangeable; a plain member of A cannot do an admin's actions (403).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, bearer, call, insertJobRow, json, session, createTenant, type TestTenant } from "../test/fixtures";
import { adminOnlyCases, isolationCases, victimIds, type Victim } from "../test/isolation-cases";
import { recordUsage } from "./usage";

let a: TestTenant;
let aMember: { cookie: string };
let aOwnerMemberId: string;
let victim: Victim;

beforeAll(async () => {
  [a, victim] = await Promise.all([
    createTenant({ tenantName: "Tenant A" }),
    (async () => {
      const b = await createTenant({ tenantName: "Tenant B" });
      const m = await addMember(b, "member");
      const inv = await (await call("/v1/invitations", json({ email: "pending@example.test" }, session(b.cookie)))).json<{ id: string }>();
      const jobId = await insertJobRow(b.tenantId);
      await env.BLOBS.put(`t/${b.tenantId}/jobs/${jobId}/result.json`, "{}");
      await recordUsage(env, b.tenantId, { jobs: 7, computeMs: 123_456 });
      const hook = await call("/v1/webhooks", json({ url: "https://b.example.test/hooks", events: ["job.succeeded"] }, bearer(b.apiKey)));
      if (hook.status !== 201) throw new Error(`webhook setup failed: ${hook.status} ${await hook.text()}`);
      const webhookId = (await hook.json<{ id: string }>()).id;
      const linkId = `lnk_${crypto.randomUUID().replaceAll("-", "")}`;
      await env.DB.prepare("INSERT INTO access_link (id, tenant_id, job_id, kind, token_hash) VALUES (?, ?, ?, 'share', ?)").bind(linkId, b.tenantId, jobId, `hash_${linkId}`).run();
      return { tenant: b, jobId, memberId: m.memberId, memberEmail: m.email, invitationId: inv.id, webhookId, linkId };
    })(),
  ]);
  // The table sends well over the free tier's 60 requests a minute: give A a plan with room.
  await env.DB.prepare("UPDATE subscription SET tier = 'enterprise', status = 'active' WHERE tenant_id = ?").bind(a.tenantId).run();
  aMember = await addMember(a, "member");
  const members = await (await call("/v1/members", { headers: bearer(a.apiKey) })).json<{ data: { id: string; role: string }[] }>();
  aOwnerMemberId = members.data.find((m) => m.role === "owner")!.id;
}, 120_000);

const credentials = [
  { as: "A's API key", headers: () => bearer(a.apiKey) },
  { as: "A's session", headers: () => session(a.cookie) },
];

describe.each(credentials)("with $as", ({ as, headers }) => {
  it.each(isolationCases)("$method $name", async (c) => {
    const body = c.body?.(victim);
    const path = c.path(victim);
    const res = await call(path, {
      method: c.method,
      headers: { ...headers(), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const expected = c.expect === "excludes" ? 200 : c.keyForbidden && as === "A's API key" ? 403 : 404;
    expect(res.status, text).toBe(expected);
    if (expected !== 200) expect(res.headers.get("content-type")).toContain("application/problem+json");
    // The answer may echo what A sent (the id in the path), never anything else of B's.
    const sent = path + JSON.stringify(body ?? "");
    for (const id of victimIds(victim).filter((id) => !sent.includes(id))) expect(text).not.toContain(id);
    if (c.unchanged) await c.unchanged(victim);
  });
});

describe("a member is not an admin", () => {
  it.each(adminOnlyCases)("$method $name → 403", async (c) => {
    const res = await call(c.path({ ownerMemberId: aOwnerMemberId, keyId: a.apiKeyId }), {
      method: c.method,
      headers: { ...session(aMember.cookie), ...(c.body !== undefined ? { "content-type": "application/json" } : {}) },
      body: c.body !== undefined ? JSON.stringify(c.body) : undefined,
    });
    expect(res.status, await res.clone().text()).toBe(403);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("and A's own usage does not include B's", async () => {
    const usage = await (await call("/v1/usage", { headers: bearer(a.apiKey) })).json<any>();
    expect(usage.totals.jobs).toBe(0);
    expect(usage.totals.computeMs).toBe(0);
  });
});
