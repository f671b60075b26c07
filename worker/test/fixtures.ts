/**
 * Reusable fixtures for Worker tests (inside workerd). Everything goes through the real Worker:
 * better-auth sign-up creates the user and their tenant, /v1/api-keys issues a key.
 * `createTenant` makes the same tenant without the sign-up request (no per-user scrypt): for tests
 * that are not about identity.
 *
 *   const a = await signUpTenant();              // { cookie, tenantId, userId, apiKey, email, ... }
 *   const res = await call("/v1/usage", { headers: bearer(a.apiKey) });
 */
import { serializeSignedCookie } from "better-call";
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { getAuth } from "../auth/auth";
import worker from "../index";

/**
 * Hands a request to the Worker's own fetch handler (worker/index.ts) in this isolate, with the
 * test runtime's env (real local D1, R2, Durable Objects, Queues) and a fresh execution context.
 *
 * Not through the runtime's entrypoint (`exports.default.fetch`, `SELF.fetch`): in
 * @cloudflare/vitest-pool-workers each request through it costs more than the one before, in
 * one runtime (measured: a 404 went from 6 ms to 80 ms per call over 600 calls, /v1/health from
 * 11 ms to 370 ms over 1,200), which made files late in a shared runtime slow. The handler called
 * directly stays flat (a 404 0.2 ms, /v1/health 3.6 ms per call over 600). The code that runs is
 * the same; only the entrypoint's hop is skipped, and like that hop the response does not wait
 * for the request's `waitUntil` work.
 */
export function dispatch(request: Request): Promise<Response> {
  return Promise.resolve(worker.fetch(request as Parameters<typeof worker.fetch>[0], env, createExecutionContext()));
}

/** Origin the Worker treats as its own (APP_URL): cookie-authenticated changes must carry it. */
export const ORIGIN = env.APP_URL;

let clientIps = 0;
/** A client address no other test uses (IPv6 documentation prefix, random per runtime, then a counter). */
export function uniqueClientIp(): string {
  clientIps += 1;
  return `2001:db8:${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}::${clientIps.toString(16)}`;
}

/**
 * The address `call` sends as CF-Connecting-IP when a request names none: a new one for every test
 * file (worker/test/file-setup.ts). Files share one runtime: without it the per-client rate-limit
 * buckets (failed API keys, public paths, sign-ups) would fill up across files instead of starting
 * empty in each.
 */
let fileClientIp = uniqueClientIp();
export function newClientIpForThisFile(): void {
  fileClientIp = uniqueClientIp();
}

/** The Worker's info lines (worker/http/request-context.ts: one per request), whose text starts so. */
const INFO_LINE = '{"level":"info"';
let infoLogsQuiet = false;

/**
 * Leaves the Worker's info log lines out of the test output (once per runtime; warnings and errors still
 * print). The worker projects write console output straight to workerd's output
 * (worker/test/vitest-project.ts, `disableConsoleIntercept`), where the root config's onConsoleLog filter
 * does not apply. A test that spies on console still sees every line: its spy replaces this wrapper.
 */
export function quietInfoLogs(): void {
  if (infoLogsQuiet) return;
  infoLogsQuiet = true;
  console.log = withoutInfoLines(console.log.bind(console));
}

/** `log`, except for the Worker's info lines. */
export function withoutInfoLines(log: (...args: unknown[]) => void): (...args: unknown[]) => void {
  return (...args) => {
    if (typeof args[0] === "string" && args[0].startsWith(INFO_LINE)) return;
    log(...args);
  };
}

/** Calls the Worker like a client would (from this file's client address unless `init` names one). Relative paths resolve against APP_URL. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  const request = new Request(new URL(path, ORIGIN), init);
  if (!request.headers.has("cf-connecting-ip")) request.headers.set("cf-connecting-ip", fileClientIp);
  return dispatch(request);
}

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/** Headers for a signed-in browser request (cookie + same-origin, as the web app sends them). */
export function session(cookie: string): Record<string, string> {
  return { cookie, origin: ORIGIN };
}

export function json(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

/** Collects `name=value` pairs of every Set-Cookie into one Cookie header value. */
export function cookieFrom(res: Response, previous = ""): string {
  const jar = new Map(
    previous
      .split(/;\s*/)
      .filter(Boolean)
      .map((p) => [p.split("=")[0], p] as const),
  );
  for (const line of res.headers.getAll("set-cookie")) {
    const pair = line.split(";")[0];
    jar.set(pair.split("=")[0], pair);
  }
  return [...jar.values()].join("; ");
}

let counter = 0;
export function uniqueEmail(label = "user"): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}-${crypto.randomUUID().slice(0, 6)}@example.test`;
}

export const TEST_PASSWORD = "correct-horse-battery-staple";

export interface TestTenant {
  email: string;
  password: string;
  userId: string;
  cookie: string;
  tenantId: string;
  /** An API key of this tenant with jobs:read, jobs:write and admin scopes. */
  apiKey: string;
  apiKeyId: string;
}

/** Signs a user up through better-auth (which creates their tenant) and issues an API key. */
export async function signUpTenant(opts: { email?: string; name?: string; tenantName?: string; scopes?: string[] } = {}): Promise<TestTenant> {
  const email = opts.email ?? uniqueEmail();
  const res = await call(
    "/api/auth/sign-up/email",
    json({ name: opts.name ?? "Test User", email, password: TEST_PASSWORD, ...(opts.tenantName ? { tenantName: opts.tenantName } : {}) }, { origin: ORIGIN }),
  );
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const { user } = (await res.json()) as { user: { id: string } };
  const cookie = cookieFrom(res);
  const tenants = await call("/v1/tenants", { headers: session(cookie) });
  if (tenants.status !== 200) throw new Error(`GET /v1/tenants failed: ${tenants.status} ${await tenants.text()}`);
  const { data } = (await tenants.json()) as { data: { id: string; active: boolean }[] };
  const tenantId = data.find((t) => t.active)!.id;
  const created = await call("/v1/api-keys", json({ name: "test key", scopes: opts.scopes ?? ["jobs:read", "jobs:write", "admin"] }, session(cookie)));
  if (created.status !== 201) throw new Error(`POST /v1/api-keys failed: ${created.status} ${await created.text()}`);
  const { key, apiKey } = (await created.json()) as { key: string; apiKey: { id: string } };
  return { email, password: TEST_PASSWORD, userId: user.id, cookie, tenantId, apiKey: key, apiKeyId: apiKey.id };
}

/** The scrypt hash of TEST_PASSWORD, computed once per runtime (each scrypt costs ~200 ms of CPU). */
let passwordHash: Promise<string> | undefined;

/**
 * Like `signUpTenant`, without the sign-up request: better-auth's own database layer creates the user
 * (its hooks make the tenant, as sign-up does: worker/auth/auth.ts), the credential account with a
 * password hash computed once, and a session whose cookie is signed the way better-auth signs it.
 * The API key still comes from POST /v1/api-keys. For files that are not about identity; signIn works
 * for these users too.
 */
export async function createTenant(opts: { email?: string; name?: string; tenantName?: string; scopes?: string[] } = {}): Promise<TestTenant> {
  const email = opts.email ?? uniqueEmail();
  const auth = await getAuth(env).$context;
  passwordHash ??= auth.password.hash(TEST_PASSWORD);
  const user = await auth.internalAdapter.createUser({ email, name: opts.name ?? "Test User", emailVerified: false }, { method: "email-password" });
  await auth.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: await passwordHash });
  if (opts.tenantName) {
    await env.DB.prepare("UPDATE organization SET name = ? WHERE id = (SELECT organization_id FROM member WHERE user_id = ? AND role = 'owner')").bind(opts.tenantName, user.id).run();
  }
  const { token } = await auth.internalAdapter.createSession(user.id);
  const cookie = (await serializeSignedCookie(auth.authCookies.sessionToken.name, token, auth.secret)).split(";")[0];
  const tenantId = (await env.DB.prepare("SELECT organization_id AS id FROM member WHERE user_id = ? AND role = 'owner'").bind(user.id).first<{ id: string }>())!.id;
  const created = await call("/v1/api-keys", json({ name: "test key", scopes: opts.scopes ?? ["jobs:read", "jobs:write", "admin"] }, session(cookie)));
  if (created.status !== 201) throw new Error(`POST /v1/api-keys failed: ${created.status} ${await created.text()}`);
  const { key, apiKey } = (await created.json()) as { key: string; apiKey: { id: string } };
  return { email, password: TEST_PASSWORD, userId: user.id, cookie, tenantId, apiKey: key, apiKeyId: apiKey.id };
}

/** Signs an existing user in; returns the session cookie. */
export async function signIn(email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await call("/api/auth/sign-in/email", json({ email, password }, { origin: ORIGIN }));
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return cookieFrom(res);
}

/**
 * Adds a second user to `tenant` with `role` (invitation → sign-up → accept through better-auth)
 * and returns their cookie, with the tenant made active for their session.
 */
export async function addMember(tenant: TestTenant, role: "admin" | "member" = "member"): Promise<{ email: string; cookie: string; userId: string; memberId: string }> {
  const email = uniqueEmail(role);
  const inv = await call("/v1/invitations", json({ email, role }, session(tenant.cookie)));
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${await inv.text()}`);
  const { id: invitationId } = (await inv.json()) as { id: string };
  const res = await call("/api/auth/sign-up/email", json({ name: `A ${role}`, email, password: TEST_PASSWORD }, { origin: ORIGIN }));
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status}`);
  const { user } = (await res.json()) as { user: { id: string } };
  let cookie = cookieFrom(res);
  const accepted = await call("/api/auth/organization/accept-invitation", json({ invitationId }, session(cookie)));
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${await accepted.text()}`);
  cookie = cookieFrom(accepted, cookie);
  const active = await call("/v1/tenants/active", { method: "PUT", headers: { "content-type": "application/json", ...session(cookie) }, body: JSON.stringify({ tenantId: tenant.tenantId }) });
  if (active.status !== 200) throw new Error(`switch failed: ${active.status} ${await active.text()}`);
  cookie = cookieFrom(active, cookie);
  const members = (await (await call("/v1/members", { headers: session(tenant.cookie) })).json()) as { data: { id: string; userId: string }[] };
  return { email, cookie, userId: user.id, memberId: members.data.find((m) => m.userId === user.id)!.id };
}

/** Inserts a job row for `tenantId` directly into D1 (tests that need a row in a given state, e.g. past its retention, without running a job). */
export async function insertJobRow(tenantId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = (overrides.id as string) ?? `job_${crypto.randomUUID().replaceAll("-", "")}`;
  await env.DB.prepare("INSERT INTO job (id, tenant_id, kind, algorithm, state, parameters, seed, budget, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    .bind(id, tenantId, overrides.kind ?? "tsp", overrides.algorithm ?? "ga", overrides.state ?? "succeeded", "{}", 1, "{}", overrides.expiresAt ?? null)
    .run();
  return id;
}

/**
 * A test clock for the fixed UTC-minute rate-limit windows, instead of waiting for a fresh minute:
 * `Date` (only `Date`: timers stay real) jumps to one second into the next minute and runs on from
 * there, so a burst that takes less than 59 s falls inside a single window. The Worker and its
 * Durable Objects run in the test's isolate and see the same clock. Call the returned function
 * (or `vi.useRealTimers()`) to go back to the real clock.
 */
export function freshMinuteClock(): () => void {
  const next = Math.floor(Date.now() / 60_000) * 60_000 + 61_000;
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(next);
  return () => vi.useRealTimers();
}
