/**
 * Keys do not outlive the people and keys that made them (worker/api-keys/service.ts): removing or
 * demoting the member who created a key, revoking the key that minted another, or deleting the
 * organization stops the key at once — through our API and through better-auth's own endpoints.
 */
import { describe, expect, it } from "vitest";
import { addMember, bearer, call, json, ORIGIN, session, createTenant } from "../test/fixtures";

async function keyFor(headers: Record<string, string>, scopes: string[] = ["jobs:read", "jobs:write", "admin"]) {
  const res = await call("/v1/api-keys", json({ name: "lifecycle", scopes }, headers));
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { key: string; apiKey: { id: string } };
}

const works = async (key: string) => (await call("/v1/jobs", { headers: bearer(key) })).status;

describe("API keys follow their creator's membership", () => {
  it("removing the member who created a key revokes it", async () => {
    const t = await createTenant();
    const admin = await addMember(t, "admin");
    const { key, apiKey } = await keyFor(session(admin.cookie));
    expect(await works(key)).toBe(200);
    const removed = await call(`/v1/members/${admin.memberId}`, { method: "DELETE", headers: session(t.cookie) });
    expect(removed.status).toBeLessThan(300);
    expect(await works(key)).toBe(401);
    const list = (await (await call("/v1/api-keys", { headers: session(t.cookie) })).json()) as { data: { id: string; revokedAt: string | null }[] };
    expect(list.data.find((k) => k.id === apiKey.id)?.revokedAt).not.toBeNull();
  });

  it("demoting the admin who created a key revokes it", async () => {
    const t = await createTenant();
    const admin = await addMember(t, "admin");
    const { key } = await keyFor(session(admin.cookie), ["jobs:read"]);
    expect(await works(key)).toBe(200);
    const demoted = await call(`/v1/members/${admin.memberId}`, { method: "PATCH", headers: { ...session(t.cookie), "content-type": "application/json" }, body: JSON.stringify({ role: "member" }) });
    expect(demoted.status).toBe(200);
    expect(await works(key)).toBe(401);
  });

  it("removal through better-auth's own endpoint stops the key too", async () => {
    const t = await createTenant();
    const admin = await addMember(t, "admin");
    const { key } = await keyFor(session(admin.cookie));
    const res = await call("/api/auth/organization/remove-member", json({ memberIdOrEmail: admin.memberId, organizationId: t.tenantId }, { ...session(t.cookie), origin: ORIGIN }));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await works(key)).toBe(401);
  });
});

describe("keys minted by keys", () => {
  it("revoking an admin key revokes the keys it minted (and theirs)", async () => {
    const t = await createTenant();
    const child = await keyFor(bearer(t.apiKey));
    const grandchild = await keyFor(bearer(child.key));
    expect(await works(grandchild.key)).toBe(200);
    const revoked = await call(`/v1/api-keys/${t.apiKeyId}`, { method: "DELETE", headers: session(t.cookie) });
    expect(revoked.status).toBe(200);
    expect(await works(t.apiKey)).toBe(401);
    expect(await works(child.key)).toBe(401);
    expect(await works(grandchild.key)).toBe(401);
  });
});

describe("keys of a deleted organization", () => {
  it("stop working when the organization is deleted", async () => {
    const t = await createTenant();
    expect(await works(t.apiKey)).toBe(200);
    const res = await call("/api/auth/organization/delete", json({ organizationId: t.tenantId }, { ...session(t.cookie), origin: ORIGIN }));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await works(t.apiKey)).toBe(401);
  });
});
