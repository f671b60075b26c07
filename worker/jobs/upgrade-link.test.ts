// The upgrade link in a 402 (problem too large for the plan) points at the pricing page on the
// visitor's trusted origin (worker/auth/dev-origins.ts linkOrigin), on APP_URL otherwise.
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../env";
import { app } from "../app";
import { createJobFromPage, forkJobFromPage } from "../../web/app/server/jobs.server";
import { ApiError } from "../http/problem";
import { createTenant, json } from "../test/fixtures";

const APP_URL = "http://localhost:8787";
const LOOPBACK = "http://127.0.0.1:8787";
/** 31 dimensions: the free plan allows 30, pro accepts it (worker/tenancy/tiers.ts). */
const TOO_LARGE = { problem: { kind: "continuous", function: "sphere", dimension: 31 }, budget: { evaluations: 1000 } };

async function submitFrom(origin: string, environment: string): Promise<{ upgradeUrl: string; detail: string; upgradeTo: string }> {
  const t = await createTenant({ scopes: ["jobs:read", "jobs:write"] });
  const withEnv: Env = { ...env, ENVIRONMENT: environment, APP_URL };
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`${origin}/v1/jobs`, json(TOO_LARGE, { authorization: `Bearer ${t.apiKey}`, "cf-connecting-ip": `2001:db8:7e8::${Math.floor(Math.random() * 0xffff).toString(16)}` })),
    withEnv,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  expect(res.status, await res.clone().text()).toBe(402);
  return res.json();
}

describe("the plan's upgrade link in a 402", () => {
  it("in development, a caller on 127.0.0.1 gets the pricing page on 127.0.0.1, in the field and the detail", async () => {
    const problem = await submitFrom(LOOPBACK, "development");
    expect(problem.upgradeTo).toBe("pro");
    expect(problem.upgradeUrl).toBe(`${LOOPBACK}/pricing`);
    expect(problem.detail).toContain(`${LOOPBACK}/pricing`);
  });

  it("the new-job page (web/app/server/jobs.server.ts) refuses with the same link on the page's trusted origin", async () => {
    const t = await createTenant();
    const devEnv: Env = { ...env, ENVIRONMENT: "development", APP_URL };
    const auth = { tenantId: t.tenantId, userId: t.userId, role: "owner" as const, scopes: ["jobs:read", "jobs:write"] };
    const refusal = await createJobFromPage(devEnv, auth, TOO_LARGE as never, new Request(`${LOOPBACK}/app/jobs/new`)).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).status).toBe(402);
    expect((refusal as ApiError).extra.upgradeUrl).toBe(`${LOOPBACK}/pricing`);
    const withoutRequest = await createJobFromPage(devEnv, auth, TOO_LARGE as never).catch((e: unknown) => e);
    expect((withoutRequest as ApiError).extra.upgradeUrl).toBe(`${APP_URL}/pricing`);
  });

  it("a fork from the job page (the plan went back to free under a 31-dimension job) refuses with the link on the page's trusted origin", async () => {
    const t = await createTenant();
    const setTier = (tier: string) =>
      env.DB.prepare("INSERT INTO subscription (tenant_id, tier, status) VALUES (?, ?, 'active') ON CONFLICT (tenant_id) DO UPDATE SET tier = excluded.tier, status = 'active'")
        .bind(t.tenantId, tier)
        .run();
    const devEnv: Env = { ...env, ENVIRONMENT: "development", APP_URL };
    const auth = { tenantId: t.tenantId, userId: t.userId, role: "owner" as const, scopes: ["jobs:read", "jobs:write"] };
    await setTier("pro");
    const parent = await createJobFromPage(devEnv, auth, TOO_LARGE as never);
    await setTier("free");
    const refusal = await forkJobFromPage(devEnv, auth, parent.id, { evaluations: 1000 }, undefined, undefined, new Request(`${LOOPBACK}/app/jobs/${parent.id}`)).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).status).toBe(402);
    expect((refusal as ApiError).extra.upgradeUrl).toBe(`${LOOPBACK}/pricing`);
    expect((refusal as ApiError).message).toContain(`${LOOPBACK}/pricing`);
  });

  it("outside development, or from an untrusted origin, APP_URL's pricing page", async () => {
    expect((await submitFrom(LOOPBACK, "production")).upgradeUrl).toBe(`${APP_URL}/pricing`);
    expect((await submitFrom("http://evil.example:8787", "development")).upgradeUrl).toBe(`${APP_URL}/pricing`);
  });
});
