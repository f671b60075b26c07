// Identity, tenants, members and API keys, end to end inside workerd through the real Worker:
// better-auth on D1, the authenticate() middleware, and the /v1 management routes.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { app } from "../app";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../dev/seed";
import { sentMail } from "./mailer";
import { addMember, bearer, call, cookieFrom, json, ORIGIN, session, signIn, signUpTenant, TEST_PASSWORD, uniqueClientIp, uniqueEmail, freshMinuteClock } from "../test/fixtures";

afterEach(() => vi.restoreAllMocks());

async function problem(res: Response) {
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return res.json<any>();
}

describe("sign-up, sign-in, sessions", () => {
  it("sign-up → tenant (owner, active) → API key → authenticated /v1 call", async () => {
    const t = await signUpTenant({ tenantName: "Acme College" });
    const tenants = await (await call("/v1/tenants", { headers: session(t.cookie) })).json<any>();
    expect(tenants.data).toEqual([expect.objectContaining({ id: t.tenantId, name: "Acme College", role: "owner", active: true })]);
    const org = await env.DB.prepare("SELECT o.name, m.role FROM organization o JOIN member m ON m.organization_id = o.id WHERE m.user_id = ?").bind(t.userId).all();
    expect(org.results).toEqual([{ name: "Acme College", role: "owner" }]);
    const res = await call("/v1/usage", { headers: bearer(t.apiKey) });
    expect(res.status).toBe(200);
    expect((await res.json<any>()).tier).toBe("free");
    expect(res.headers.get("RateLimit-Limit")).toBe("60");
  });

  it("session cookies are HttpOnly and SameSite; sign-in works, sign-out ends the session", async () => {
    const email = uniqueEmail();
    const res = await call("/api/auth/sign-up/email", json({ name: "Ann", email, password: TEST_PASSWORD }, { origin: ORIGIN }));
    const setCookie = res.headers.getAll("set-cookie").find((c) => c.startsWith("evolve.session_token="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = await signIn(email);
    expect((await call("/v1/tenants", { headers: session(cookie) })).status).toBe(200);
    const out = await call("/api/auth/sign-out", { method: "POST", headers: session(cookie) });
    expect(out.status).toBe(200);
    const after = await call("/v1/tenants", { headers: session(cookie) });
    expect(after.status).toBe(401);
    await problem(after);
    const wrong = await call("/api/auth/sign-in/email", json({ email, password: "not-the-password" }, { origin: ORIGIN }));
    expect(wrong.status).toBe(401);
  });

  it("a session close to expiry is extended and /v1 hands the browser the refreshed cookie", async () => {
    const t = await signUpTenant();
    await env.DB.prepare("UPDATE session SET expires_at = ? WHERE user_id = ?")
      .bind(Date.now() + 3600_000, t.userId)
      .run();
    const res = await call("/v1/tenants", { headers: session(t.cookie) });
    expect(res.status).toBe(200);
    expect(res.headers.getAll("set-cookie").some((c) => c.startsWith("evolve.session_token="))).toBe(true);
    const row = await env.DB.prepare("SELECT expires_at FROM session WHERE user_id = ?").bind(t.userId).first<{ expires_at: number }>();
    expect(row!.expires_at).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  });

  it("no credentials → 401 problem+json on every protected route; unknown routes stay 404", async () => {
    for (const path of ["/v1/api-keys", "/v1/members", "/v1/invitations", "/v1/tenants", "/v1/usage"]) {
      const res = await call(path);
      expect(res.status, path).toBe(401);
      expect((await problem(res)).type).toContain("unauthorized");
    }
    expect((await call("/v1/health")).status).toBe(200);
    expect((await call("/v1/nope")).status).toBe(404);
  });

  it("password reset: the mail interface sends the link (logged redacted), the token sets a new password", async () => {
    const t = await signUpTenant();
    const logs: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void logs.push(args.join(" ")));
    const req = await call("/api/auth/request-password-reset", json({ email: t.email, redirectTo: "/reset-password" }, { origin: ORIGIN }));
    expect(req.status).toBe(200);
    const logged = logs
      .map((l) => {
        try {
          return JSON.parse(l);
        } catch {
          return {};
        }
      })
      .find((l) => l.kind === "password-reset" && l.to === t.email);
    expect(logged?.link).toContain("[redacted]");
    // The link itself reaches the mailer (the log mailer keeps it for tests; worker/http/redact.test.ts).
    const mail = [...sentMail].reverse().find((m) => m.kind === "password-reset" && m.to === t.email);
    expect(mail?.link).toBeTruthy();
    const token = new URL(mail!.link!).pathname.split("/").pop()!;
    expect(JSON.stringify(logged)).not.toContain(token);
    const reset = await call("/api/auth/reset-password", json({ token, newPassword: "a-brand-new-password" }, { origin: ORIGIN }));
    expect(reset.status).toBe(200);
    expect((await call("/api/auth/sign-in/email", json({ email: t.email, password: TEST_PASSWORD }, { origin: ORIGIN }))).status).toBe(401);
    await signIn(t.email, "a-brand-new-password");
  });
});

describe("tenants: several per user, switching", () => {
  it("a user creates a second tenant, switches to it, and /v1 then acts for it", async () => {
    const t = await signUpTenant();
    const created = await call("/v1/tenants", json({ name: "Second School" }, session(t.cookie)));
    expect(created.status).toBe(201);
    const second = await created.json<any>();
    const put = await call("/v1/tenants/active", { method: "PUT", headers: { "content-type": "application/json", ...session(t.cookie) }, body: JSON.stringify({ tenantId: second.id }) });
    expect(put.status).toBe(200);
    const cookie = cookieFrom(put, t.cookie);
    const list = await (await call("/v1/tenants", { headers: session(cookie) })).json<any>();
    expect(list.data.map((x: any) => [x.id, x.active])).toEqual([
      [t.tenantId, false],
      [second.id, true],
    ]);
    // Keys are per tenant: the second tenant has none yet.
    expect((await (await call("/v1/api-keys", { headers: session(cookie) })).json<any>()).data).toEqual([]);
    // Not a member → 404.
    const other = await signUpTenant();
    const bad = await call("/v1/tenants/active", { method: "PUT", headers: { "content-type": "application/json", ...session(cookie) }, body: JSON.stringify({ tenantId: other.tenantId }) });
    expect(bad.status).toBe(404);
  });
});

describe("members and invitations", () => {
  it("invite with expiry → accept through better-auth → member; roles change; admins manage, members cannot", async () => {
    const t = await signUpTenant();
    const m = await addMember(t, "member");
    const members = (await (await call("/v1/members", { headers: session(t.cookie) })).json<any>()).data;
    expect(members.map((x: any) => x.role).sort()).toEqual(["member", "owner"]);
    const invites = (await (await call("/v1/invitations", { headers: session(t.cookie) })).json<any>()).data;
    expect(invites[0]).toMatchObject({ email: m.email, status: "accepted" });
    expect(new Date(invites[0].expiresAt).getTime()).toBeGreaterThan(Date.now());

    // A member reads but cannot administer: 403 everywhere an admin acts.
    expect((await call("/v1/members", { headers: session(m.cookie) })).status).toBe(200);
    const forbidden = [
      call("/v1/api-keys", { headers: session(m.cookie) }),
      call("/v1/api-keys", json({ name: "x" }, session(m.cookie))),
      call("/v1/invitations", json({ email: uniqueEmail() }, session(m.cookie))),
      call("/v1/invitations", { headers: session(m.cookie) }),
      call(`/v1/members/${m.memberId}`, { method: "PATCH", headers: { "content-type": "application/json", ...session(m.cookie) }, body: JSON.stringify({ role: "admin" }) }),
      call(`/v1/members/${m.memberId}`, { method: "DELETE", headers: session(m.cookie) }),
    ];
    for (const res of await Promise.all(forbidden)) {
      expect(res.status).toBe(403);
      await problem(res);
    }

    // The owner promotes them to admin; an admin may then invite but not touch the owner role.
    const promote = await call(`/v1/members/${m.memberId}`, { method: "PATCH", headers: { "content-type": "application/json", ...session(t.cookie) }, body: JSON.stringify({ role: "admin" }) });
    expect(promote.status).toBe(200);
    const invited = await call("/v1/invitations", json({ email: uniqueEmail(), role: "member", expiresInHours: 2 }, session(m.cookie)));
    expect(invited.status).toBe(201);
    const inv = await invited.json<any>();
    expect(Math.abs(new Date(inv.expiresAt).getTime() - Date.now() - 2 * 3600_000)).toBeLessThan(60_000);
    const ownerId = members.find((x: any) => x.role === "owner").id;
    const demote = await call(`/v1/members/${ownerId}`, { method: "PATCH", headers: { "content-type": "application/json", ...session(m.cookie) }, body: JSON.stringify({ role: "member" }) });
    expect(demote.status).toBe(403);
    // The last owner cannot demote themself.
    const self = await call(`/v1/members/${ownerId}`, { method: "PATCH", headers: { "content-type": "application/json", ...session(t.cookie) }, body: JSON.stringify({ role: "member" }) });
    expect(self.status).toBe(409);
    // Revoking a pending invitation; accepting it afterwards fails.
    const revoked = await call(`/v1/invitations/${inv.id}`, { method: "DELETE", headers: session(t.cookie) });
    expect((await revoked.json<any>()).status).toBe("canceled");
    // Removing the admin: their session no longer reaches the tenant.
    expect((await call(`/v1/members/${m.memberId}`, { method: "DELETE", headers: session(t.cookie) })).status).toBe(204);
    const after = await (await call("/v1/tenants", { headers: session(m.cookie) })).json<any>();
    expect(after.data.map((x: any) => x.id)).not.toContain(t.tenantId);
  });

  it("an expired invitation cannot be accepted", async () => {
    const t = await signUpTenant();
    const email = uniqueEmail();
    const inv = await (await call("/v1/invitations", json({ email }, session(t.cookie)))).json<any>();
    await env.DB.prepare("UPDATE invitation SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1000, inv.id)
      .run();
    const res = await call("/api/auth/sign-up/email", json({ name: "Late", email, password: TEST_PASSWORD }, { origin: ORIGIN }));
    const accept = await call("/api/auth/organization/accept-invitation", json({ invitationId: inv.id }, session(cookieFrom(res))));
    expect(accept.status).toBeGreaterThanOrEqual(400);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM member WHERE organization_id = ?").bind(t.tenantId).first<any>()).n).toBe(1);
  });
});

describe("API keys", () => {
  it("shown once with a visible prefix; listed without the secret; scopes, expiry, last use, revocation", async () => {
    const t = await signUpTenant();
    const created = await call("/v1/api-keys", json({ name: "CI", scopes: ["jobs:read"], expiresAt: new Date(Date.now() + 86_400_000).toISOString() }, session(t.cookie)));
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const { key, apiKey } = await created.json<any>();
    expect(key).toMatch(/^evk_live_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: "CI", scopes: ["jobs:read"], start: key.slice(0, 13), lastUsedAt: null, revokedAt: null });
    const list = await (await call("/v1/api-keys", { headers: bearer(t.apiKey) })).text();
    expect(list).not.toContain(key);
    expect(list).toContain(apiKey.start);

    // A read-only key reads but cannot administer.
    expect((await call("/v1/usage", { headers: bearer(key) })).status).toBe(200);
    expect((await call("/v1/api-keys", { headers: bearer(key) })).status).toBe(403);
    const used = (await (await call("/v1/api-keys", { headers: bearer(t.apiKey) })).json<any>()).data.find((k: any) => k.id === apiKey.id);
    expect(used.lastUsedAt).not.toBeNull();

    const revoke = await call(`/v1/api-keys/${apiKey.id}`, { method: "DELETE", headers: bearer(t.apiKey) });
    expect((await revoke.json<any>()).revokedAt).not.toBeNull();
    expect((await call("/v1/usage", { headers: bearer(key) })).status).toBe(401);
  });

  it("wrong, revoked, expired and malformed keys get the same 401 (no hint which part was wrong)", async () => {
    const t = await signUpTenant();
    const mk = async (body: object) => (await (await call("/v1/api-keys", json({ name: "k", ...body }, session(t.cookie)))).json<any>()) as { key: string; apiKey: { id: string } };
    const revoked = await mk({});
    await call(`/v1/api-keys/${revoked.apiKey.id}`, { method: "DELETE", headers: session(t.cookie) });
    const expired = await mk({ expiresAt: new Date(Date.now() + 1000).toISOString() });
    await env.DB.prepare("UPDATE apikey SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1, expired.apiKey.id)
      .run();
    const flipped = t.apiKey.slice(0, -1) + (t.apiKey.endsWith("A") ? "B" : "A");
    const candidates = [revoked.key, expired.key, flipped, "evk_live_short", "Basic abc", t.apiKey.replace("evk_live_", "evk_test_")];
    const bodies = [];
    for (const k of candidates) {
      const res = await call("/v1/usage", { headers: k.startsWith("Basic") ? { authorization: k, "cf-connecting-ip": "203.0.113.9" } : { ...bearer(k), "cf-connecting-ip": "203.0.113.9" } });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      const { requestId, ...rest } = await problem(res);
      bodies.push(JSON.stringify(rest));
    }
    expect(new Set(bodies).size).toBe(1);
  });

  it("repeated failures from one client are rate limited (429), other clients are unaffected", async () => {
    onTestFinished(freshMinuteClock());
    const ip = { "cf-connecting-ip": uniqueClientIp() };
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await call("/v1/usage", { headers: { ...bearer(`evk_live_${"x".repeat(43)}`), ...ip } })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const blocked = await call("/v1/usage", { headers: { ...bearer("evk_live_nope"), ...ip } });
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call("/v1/usage", { headers: { ...bearer("evk_live_nope"), "cf-connecting-ip": "192.0.2.77" } })).status).toBe(401);
  });

  it("the plaintext key is never stored in D1 nor written to the logs", async () => {
    const captured: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void captured.push(args.map(String).join(" ")));
    }
    const t = await signUpTenant();
    // Use it (success, a scope refusal, a failure with a near-miss) so every code path logs.
    await call("/v1/usage", { headers: bearer(t.apiKey) });
    await call("/v1/api-keys", json({ name: "second" }, bearer(t.apiKey)));
    await call("/v1/usage", { headers: bearer(t.apiKey + "x") });
    expect(captured.length).toBeGreaterThan(0); // request logs were captured
    const secret = t.apiKey.slice("evk_live_".length);
    for (const line of captured) expect(line).not.toContain(secret);

    const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'").all<{ name: string }>();
    expect(tables.results.map((r) => r.name)).toContain("apikey");
    for (const { name } of tables.results) {
      const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
      const dump = JSON.stringify(rows.results);
      expect(dump, name).not.toContain(secret);
      expect(dump, name).not.toContain(secret.slice(0, 20));
    }
    // What is stored is the SHA-256 of the key.
    const digest = [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(t.apiKey)))].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(await env.DB.prepare("SELECT id FROM apikey WHERE key = ?").bind(digest).first()).toMatchObject({ id: t.apiKeyId });
  });
});

describe("dev seed", () => {
  it("answers 404 unless DEV_SEED is true", async () => {
    expect(env.DEV_SEED).not.toBe("true");
    const res = await call("/api/dev/seed", { method: "POST" });
    expect(res.status).toBe(404);
  });

  it("creates the demo user and tenant idempotently and shows a fresh key once per call", async () => {
    const devEnv = { ...env, DEV_SEED: "true" };
    const seed = async () => {
      const res = await app.fetch(new Request(`${ORIGIN}/api/dev/seed`, { method: "POST" }), devEnv);
      expect(res.status).toBe(200);
      return res.json<any>();
    };
    const first = await seed();
    const second = await seed();
    expect(first).toMatchObject({ tenant: "Demo University", email: DEMO_EMAIL, password: DEMO_PASSWORD });
    expect(second.tenantId).toBe(first.tenantId);
    expect(second.apiKey).not.toBe(first.apiKey);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM user WHERE email = ?").bind(DEMO_EMAIL).first<any>()).n).toBe(1);
    expect((await call("/v1/usage", { headers: bearer(first.apiKey) })).status).toBe(401); // the previous seed key was revoked
    expect((await call("/v1/usage", { headers: bearer(second.apiKey) })).status).toBe(200);
    const cookie = await signIn(DEMO_EMAIL, DEMO_PASSWORD);
    const tenants = await (await call("/v1/tenants", { headers: session(cookie) })).json<any>();
    expect(tenants.data).toEqual([expect.objectContaining({ name: "Demo University", role: "owner", active: true })]);
  });
});
