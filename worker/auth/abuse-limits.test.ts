/**
 * Sign-in, sign-up, password reset and invitations sit behind the Durable-Object limiter
 * (worker/auth/abuse-limits.ts) — over HTTP and through the Remix forms, which call better-auth
 * directly — and organizations per user and invitations per tenant per day are capped. Windows are
 * judged with an injected clock, never by sleeping.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AUTH_LIMITS, checkAuthLimit, MAX_INVITATIONS_PER_TENANT_PER_DAY, MAX_ORGANIZATIONS_PER_USER } from "./abuse-limits";
import { ApiError } from "../http/problem";
import { call, json, ORIGIN, session, signUpTenant, TEST_PASSWORD, uniqueEmail } from "../test/fixtures";

const unique = (label: string) => `${label}-${crypto.randomUUID()}`;

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("checkAuthLimit (injected clock)", () => {
  it("refuses the attempt after the per-account limit, names the scope, and lets the next window in", async () => {
    const account = `${unique("acct")}@example.test`;
    const { limit, windowMs } = AUTH_LIMITS["sign-in"].account;
    const t0 = 1_800_000_000_000;
    for (let i = 0; i < limit; i++) await checkAuthLimit(env, "sign-in", { account }, t0 + i);
    const err = await refusal(checkAuthLimit(env, "sign-in", { account }, t0 + limit));
    expect(err.status).toBe(429);
    expect(err.extra.limit).toBe("sign-in.account");
    expect(Number(err.extra.headers?.["Retry-After"])).toBeGreaterThan(0);
    // Another account is not affected, and the same account is let in once the window has passed.
    await checkAuthLimit(env, "sign-in", { account: `${unique("other")}@example.test` }, t0 + limit);
    await checkAuthLimit(env, "sign-in", { account }, t0 + windowMs + 1);
  });

  it("refuses after the per-IP limit across different accounts", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${unique("ip")}`;
    const { limit } = AUTH_LIMITS["password-reset"].ip;
    const t0 = 1_800_000_000_000;
    for (let i = 0; i < limit; i++) await checkAuthLimit(env, "password-reset", { ip, account: `${unique("a")}@example.test` }, t0 + i);
    const err = await refusal(checkAuthLimit(env, "password-reset", { ip, account: `${unique("b")}@example.test` }, t0 + limit));
    expect(err.extra.limit).toBe("password-reset.ip");
  });
});

describe("over HTTP and through the web forms", () => {
  it("sign-in: wrong passwords lock the account for the window, even with the right password and through the Remix form", async () => {
    const t = await signUpTenant();
    const { limit } = AUTH_LIMITS["sign-in"].account;
    for (let i = 0; i < limit - 1; i++) {
      const res = await call("/api/auth/sign-in/email", json({ email: t.email, password: "wrong-password-123" }, { origin: ORIGIN }));
      expect(res.status).toBe(401);
    }
    // The fixture signed up (not in): the limit's last attempt is still allowed, then refused.
    const last = await call("/api/auth/sign-in/email", json({ email: t.email, password: "wrong-password-123" }, { origin: ORIGIN }));
    expect(last.status).toBe(401);
    const locked = await call("/api/auth/sign-in/email", json({ email: t.email, password: TEST_PASSWORD }, { origin: ORIGIN }));
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // The Remix sign-in action calls better-auth directly: the same limiter answers.
    const form = new FormData();
    form.set("email", t.email);
    form.set("password", TEST_PASSWORD);
    const web = await call("/sign-in", { method: "POST", body: form, headers: { origin: ORIGIN, host: new URL(ORIGIN).host } });
    const page = await web.text();
    expect(page.match(/Too many[^<]*/)?.[0] ?? page.slice(0, 3000)).toContain("Too many sign-in attempts");
    expect(web.status).toBe(429);
    expect(web.headers.get("set-cookie") ?? "").not.toContain("session_token");
  });

  it("sign-in per IP: many accounts from one address are refused", async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const headers = { origin: ORIGIN, "cf-connecting-ip": `${ip}-${unique("x")}` };
    const { limit } = AUTH_LIMITS["sign-in"].ip;
    // Spend the IP's window through the limiter (cheap), then a real request from it is refused.
    for (let i = 0; i < limit; i++) await checkAuthLimit(env, "sign-in", { ip: headers["cf-connecting-ip"] });
    const res = await call("/api/auth/sign-in/email", json({ email: uniqueEmail(), password: "whatever-password" }, headers));
    expect(res.status).toBe(429);
  });

  it("password-reset requests per account", async () => {
    const t = await signUpTenant();
    const { limit } = AUTH_LIMITS["password-reset"].account;
    for (let i = 0; i < limit; i++) {
      expect((await call("/api/auth/request-password-reset", json({ email: t.email, redirectTo: "/reset-password" }, { origin: ORIGIN }))).status).toBe(200);
    }
    expect((await call("/api/auth/request-password-reset", json({ email: t.email, redirectTo: "/reset-password" }, { origin: ORIGIN }))).status).toBe(429);
  });

  it("sign-up attempts per address", async () => {
    const email = uniqueEmail("signup");
    const { limit } = AUTH_LIMITS["sign-up"].account;
    for (let i = 0; i < limit; i++) await call("/api/auth/sign-up/email", json({ name: "S", email, password: TEST_PASSWORD }, { origin: ORIGIN }));
    expect((await call("/api/auth/sign-up/email", json({ name: "S", email, password: TEST_PASSWORD }, { origin: ORIGIN }))).status).toBe(429);
  });
});

describe("caps", () => {
  it(`an account owns at most ${MAX_ORGANIZATIONS_PER_USER} organizations (our API and better-auth's)`, async () => {
    const t = await signUpTenant();
    const stmts = Array.from({ length: MAX_ORGANIZATIONS_PER_USER - 1 }, (_, i) => {
      const id = `org_${crypto.randomUUID().replaceAll("-", "")}`;
      return [
        env.DB.prepare("INSERT INTO organization (id, name, slug, created_at) VALUES (?, ?, ?, ?)").bind(id, `Org ${i}`, `org-${id}`, Date.now()),
        env.DB.prepare("INSERT INTO member (id, organization_id, user_id, role, created_at) VALUES (?, ?, ?, 'owner', ?)").bind(
          `mem_${crypto.randomUUID().replaceAll("-", "")}`,
          id,
          t.userId,
          Date.now(),
        ),
      ];
    });
    await env.DB.batch(stmts.flat());
    const ours = await call("/v1/tenants", json({ name: "One too many" }, session(t.cookie)));
    expect(ours.status).toBe(409);
    expect(((await ours.json()) as { type: string }).type).toContain("organization-limit");
    const theirs = await call("/api/auth/organization/create", json({ name: "One too many", slug: unique("too-many") }, session(t.cookie)));
    expect(theirs.status).toBeGreaterThanOrEqual(400);
    const owned = await env.DB.prepare("SELECT count(*) AS n FROM member WHERE user_id = ? AND role = 'owner'").bind(t.userId).first<{ n: number }>();
    expect(owned?.n).toBe(MAX_ORGANIZATIONS_PER_USER);
  });

  it(`a tenant sends at most ${MAX_INVITATIONS_PER_TENANT_PER_DAY} invitations per 24 hours (our API and better-auth's)`, async () => {
    const t = await signUpTenant();
    const now = Date.now();
    await env.DB.batch(
      Array.from({ length: MAX_INVITATIONS_PER_TENANT_PER_DAY }, (_, i) =>
        env.DB.prepare("INSERT INTO invitation (id, organization_id, email, role, status, expires_at, created_at, inviter_id) VALUES (?, ?, ?, 'member', 'canceled', ?, ?, ?)").bind(
          `inv_${crypto.randomUUID().replaceAll("-", "")}`,
          t.tenantId,
          `x${i}@example.test`,
          now + 86_400_000,
          now - 1000,
          t.userId,
        ),
      ),
    );
    const ours = await call("/v1/invitations", json({ email: uniqueEmail("invitee"), role: "member" }, session(t.cookie)));
    expect(ours.status).toBe(429);
    expect(((await ours.json()) as { type: string }).type).toContain("invitation-limit");
    const theirs = await call("/api/auth/organization/invite-member", json({ email: uniqueEmail("invitee"), role: "member", organizationId: t.tenantId }, session(t.cookie)));
    expect(theirs.status).toBe(429);
  });
});
