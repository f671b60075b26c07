import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { dispatch } from "./test/fixtures";

const call = (path: string, init?: RequestInit) => dispatch(new Request(`http://localhost${path}`, init));

async function problem(res: Response) {
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = (await res.json()) as Record<string, any>;
  expect(body.status).toBe(res.status);
  expect(body.type).toMatch(/^https:\/\/evolve\.dev\/problems\//);
  expect(typeof body.title).toBe("string");
  expect(typeof body.detail).toBe("string");
  expect(body.requestId).toBe(res.headers.get("x-request-id"));
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/); // never a stack trace
  return body;
}

describe("GET /v1/health", () => {
  it("exercises D1, R2, the Durable Object and the queue for the operator, and answers 200", async () => {
    // Anonymous callers get only { status } (worker/http/entry-points.test.ts).
    const res = await call("/v1/health", { headers: { authorization: `Bearer ${env.OPS_TOKEN}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.status).toBe("ok");
    expect(Object.keys(body.components).sort()).toEqual(["d1", "durableObjects", "queue", "r2"]);
    for (const c of Object.values(body.components) as any[]) expect(c.status).toBe("ok");
    // The R2 probe cleans up after itself.
    expect((await env.BLOBS.list({ prefix: "_health/" })).objects).toHaveLength(0);
  });
});

describe("errors are problem+json", () => {
  it("unknown /v1 route → 404", async () => {
    const res = await call("/v1/no-such-thing");
    expect(res.status).toBe(404);
    const body = await problem(res);
    expect(body.detail).toContain("/v1/no-such-thing");
  });

  it("unknown /api route → 404", async () => {
    const res = await call("/api/nothing-here", { method: "POST" });
    expect(res.status).toBe(404);
    await problem(res);
  });

  it("wrong content type → 415", async () => {
    const res = await call("/v1/health", { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" });
    expect(res.status).toBe(415);
    await problem(res);
  });

  it("oversized body → 413 naming the limit", async () => {
    const big = "x".repeat(Number(env.MAX_BODY_BYTES) + 10);
    const res = await call("/v1/health", { method: "POST", headers: { "content-type": "application/json" }, body: big });
    expect(res.status).toBe(413);
    const body = await problem(res);
    expect(body.limitBytes).toBe(Number(env.MAX_BODY_BYTES));
  });

  it("returns a request id header, reusing a well-formed incoming one", async () => {
    const res = await call("/v1/health", { headers: { "x-request-id": "trace-abcdef123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-abcdef123");
    const fresh = await call("/v1/health", { headers: { "x-request-id": "bad id with spaces" } });
    expect(fresh.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
  });
});

describe("web app", () => {
  it("renders the landing page from the same Worker", async () => {
    const res = await call("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("Timetables and optimization jobs");
    expect(html).toContain('href="/sign-in"');
    expect(html).toContain('href="/sign-up"');
  });
});

describe("security headers, CORS and CSRF", () => {
  it("sends a CSP and hardening headers with the web app", async () => {
    const res = await call("/");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("marks API answers no-store", async () => {
    const res = await call("/v1/no-such-thing");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("allows cross-origin API calls without credentials", async () => {
    const res = await call("/v1/health", {
      method: "OPTIONS",
      headers: { origin: "https://example.org", "access-control-request-method": "POST", "access-control-request-headers": "authorization" },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("refuses a cookie-authenticated mutation from another site", async () => {
    const res = await call("/v1/health", {
      method: "POST",
      headers: { cookie: "session=abc", origin: "https://evil.example", "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(403);
    const body = await problem(res);
    expect(body.type).toContain("cross-site-request");
  });

  it("lets the same origin and API-key callers through the CSRF guard", async () => {
    const same = await call("/v1/health", {
      method: "POST",
      headers: { cookie: "session=abc", origin: "http://localhost", "content-type": "application/json" },
      body: "{}",
    });
    expect(same.status).not.toBe(403);
    const keyed = await call("/v1/health", {
      method: "POST",
      headers: { authorization: "Bearer x", cookie: "session=abc", origin: "https://evil.example", "content-type": "application/json" },
      body: "{}",
    });
    expect(keyed.status).not.toBe(403);
  });
});
