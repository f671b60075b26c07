// Every entry point of the Worker is bounded (docs/threat-model.md): bodies are capped outside /v1
// too, the web app's actions check Origin, public paths are rate-limited per client IP, anonymous
// health is cheap and vague, metric labels cannot be minted by clients, export variants are
// normalised, and a cross-site WebSocket upgrade is refused.
import { env } from "cloudflare:workers";
import { describe, expect, it, onTestFinished } from "vitest";
import { call, freshMinuteClock, json, ORIGIN, signUpTenant } from "../test/fixtures";
import { exportVariant } from "../jobs/exports";
import { metricsStub } from "../ops/record";
import { AUTH_MAX_BODY_BYTES, STRIPE_WEBHOOK_MAX_BODY_BYTES } from "./body";
import { PUBLIC_RATE_LIMITS } from "./public-limits";

const MAX = () => Number(env.MAX_BODY_BYTES);

async function expectProblem(res: Response, status: number): Promise<any> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return res.json();
}

/** A body streamed in 64 KiB chunks without Content-Length. */
function streamOf(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const n = Math.min(65_536, bytes - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(97));
    },
  });
}

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

describe("request bodies are capped outside /v1 too", () => {
  it("a Remix action (/sign-in, no session) refuses a declared body over MAX_BODY_BYTES with 413 problem+json", async () => {
    const body = "x".repeat(MAX() + 1);
    const res = await call("/sign-in", { method: "POST", headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" }, body });
    expect((await expectProblem(res, 413)).limitBytes).toBe(MAX());
  });

  it("a streamed body without Content-Length is cut at the cap, for the web app and /api/auth", async () => {
    const web = await call("/sign-in", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      body: streamOf(MAX() + 100_000),
      duplex: "half",
    } as RequestInit);
    await expectProblem(web, 413);
    const auth = await call("/api/auth/sign-in/email", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json" },
      body: streamOf(AUTH_MAX_BODY_BYTES + 1),
      duplex: "half",
    } as RequestInit);
    expect((await expectProblem(auth, 413)).limitBytes).toBe(AUTH_MAX_BODY_BYTES);
  });

  it("/api/auth/* and the Stripe webhook have their own small caps", async () => {
    const auth = await call("/api/auth/sign-in/email", json({ email: "a@example.test", password: "x".repeat(AUTH_MAX_BODY_BYTES) }, { origin: ORIGIN }));
    expect((await expectProblem(auth, 413)).limitBytes).toBe(AUTH_MAX_BODY_BYTES);
    const hook = await call("/api/billing/webhook", {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=x" },
      body: "x".repeat(STRIPE_WEBHOOK_MAX_BODY_BYTES + 1),
    });
    expect((await expectProblem(hook, 413)).limitBytes).toBe(STRIPE_WEBHOOK_MAX_BODY_BYTES);
  });
});

describe("web app actions check Origin (CSRF beyond SameSite=Lax)", () => {
  const form = (headers: Record<string, string>) => ({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: "email=a%40example.test&password=x" });

  it("refuses a cross-site sign-in post (login CSRF), with or without a session", async () => {
    await expectProblem(await call("/sign-in", form({ origin: "https://evil.example" })), 403);
    await expectProblem(await call("/sign-in", form({ origin: "null" })), 403);
    await expectProblem(await call("/sign-in", form({ "sec-fetch-site": "cross-site" })), 403);
  });

  it("lets our own origin through to the action", async () => {
    const res = await call("/sign-in", form({ origin: ORIGIN, host: new URL(ORIGIN).host }));
    expect(res.status).not.toBe(403);
    expect(res.status, await res.clone().text()).toBeLessThan(500);
  });
});

describe("public paths are rate-limited per client IP", () => {
  it("share-link exports: beyond the limit a 429 with Retry-After; another IP is unaffected", async () => {
    onTestFinished(freshMinuteClock()); // the limit + 1 requests must fall inside one fixed window
    const ip = freshIp();
    const path = "/v1/share/no-such-token-0000/exports/csv";
    const { limit } = PUBLIC_RATE_LIMITS.shareExports;
    for (let i = 0; i < limit; i++) expect((await call(path, { headers: { "cf-connecting-ip": ip } })).status).toBe(404);
    const refused = await call(path, { headers: { "cf-connecting-ip": ip } });
    const body = await expectProblem(refused, 429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(body.limit).toBe(PUBLIC_RATE_LIMITS.shareExports.bucket);
    expect((await call(path, { headers: { "cf-connecting-ip": freshIp() } })).status).toBe(404);
  });
});

describe("GET /v1/health", () => {
  it("anonymous: cheap and vague — no R2 write, no queue message, no component names or error text", async () => {
    const res = await call("/v1/health", { headers: { "cf-connecting-ip": freshIp() } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ status: "ok" });
  });

  it("the operator token gets the full component check", async () => {
    const res = await call("/v1/health", { headers: { authorization: `Bearer ${env.OPS_TOKEN}`, "cf-connecting-ip": freshIp() } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(Object.keys(body.components).sort()).toEqual(["d1", "durableObjects", "queue", "r2"]);
  });
});

describe("metric labels are bounded", () => {
  it("made-up /v1 paths all count under one 'unmatched' route; real routes by their pattern", async () => {
    const made = Array.from({ length: 5 }, (_, i) => `/v1/zz-${crypto.randomUUID().slice(0, 8)}-${i}/x`);
    for (const p of made) expect((await call(p)).status).toBe(404);
    await call(`/v1/jobs/job_${"a".repeat(32)}/exports/made-up-format-${Date.now()}`);
    let labels: string[] = [];
    for (let i = 0; i < 50; i++) {
      const registry = await metricsStub(env).snapshot();
      const keys = [...Object.keys(registry.counters), ...Object.keys(registry.histograms)].join("\n");
      labels = [...keys.matchAll(/route="([^"]*)"/g)].map((m) => m[1]);
      if (labels.includes("unmatched") && labels.some((l) => l.includes(":format"))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(labels).toContain("unmatched");
    expect(labels).toContain("/v1/jobs/:id/exports/:format");
    for (const p of made) expect(labels.some((l) => l.includes(p.split("/")[2]))).toBe(false);
    expect(labels.some((l) => l.includes("made-up-format"))).toBe(false);
  });
});

describe("export variants are normalised before they are stored", () => {
  const row = { createdAt: new Date("2026-03-04T10:00:00Z") }; // a Wednesday: default start 2026-03-09
  it("drops options a format ignores and defaults, canonicalises the time zone, refuses unknown zones", () => {
    expect(exportVariant(row, "csv", { view: "room:R1", start: "2030-01-01", weeks: 3, tz: "Europe/Rome" })).toEqual({});
    expect(exportVariant(row, "ics", { view: "room:R1", start: "2026-03-09", weeks: 12 })).toEqual({ view: "room:R1" });
    expect(exportVariant(row, "zip", { view: "room:R1", weeks: 4, tz: "europe/rome" })).toEqual({ weeks: 4, tz: "Europe/Rome" });
    expect(() => exportVariant(row, "ics", { tz: "Mars/Olympus" })).toThrow(/time zone/);
  });
});

describe("WebSocket upgrades check Origin", () => {
  it("a signed-in browser on another site cannot open a job's live stream", async () => {
    const t = await signUpTenant();
    const res = await call("/v1/jobs/job_00000000000000000000000000000000/ws", { headers: { cookie: t.cookie, origin: "https://evil.example", upgrade: "websocket" } });
    expect((await expectProblem(res, 403)).type).toMatch(/cross-site-request$/);
  });
});
