/**
 * Every upgrade link the API emits leads to a page that exists: a 402 (islands above the free
 * plan) and a 429 (the free plan's one concurrent job) both carry `upgradeUrl`, and each answers
 * 200 with the public price list (web/app/routes/pricing, limits from worker/tenancy/tiers.ts).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";

const base = inject("baseURL");
const origin = new URL(base).origin;

async function signUp(): Promise<string> {
  const id = randomUUID().slice(0, 8);
  const res = await fetch(new URL("/api/auth/sign-up/email", base), {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ name: "Ada upgrade", email: `upgrade-${id}@example.test`, password: `pw-${randomUUID()}`, tenantName: `Upgrade ${id}` }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function submit(cookie: string, body: unknown): Promise<Response> {
  return fetch(new URL("/v1/jobs", base), { method: "POST", headers: { "content-type": "application/json", origin, cookie }, body: JSON.stringify(body) });
}

describe("upgrade links", () => {
  it("each upgradeUrl in a 402 and a 429 answers 200 with the plans", async () => {
    const cookie = await signUp();
    const problem = { kind: "continuous", function: "sphere", dimension: 3 };
    const urls: string[] = [];

    const islands = await submit(cookie, { problem, islands: 2 });
    expect(islands.status).toBe(402);
    urls.push(((await islands.json()) as { upgradeUrl: string }).upgradeUrl);

    // A target below sphere's optimum (0), so the first job still runs when the second arrives: a
    // seconds budget otherwise stops at the known optimum, which sphere in 3 dimensions can reach
    // before the second request on a quiet machine (a clean-clone run saw both admitted).
    const running = { problem, budget: { seconds: 30, stall: 0, target: -1 } };
    const first = await submit(cookie, running);
    expect(first.status).toBe(202);
    const second = await submit(cookie, running);
    expect(second.status).toBe(429);
    urls.push(((await second.json()) as { upgradeUrl: string }).upgradeUrl);
    const { id } = (await first.json()) as { id: string };
    await fetch(new URL(`/v1/jobs/${id}/cancel`, base), { method: "POST", headers: { origin, cookie } });

    for (const url of urls) {
      expect(new URL(url).pathname).toBe("/pricing");
      const page = await fetch(new URL(new URL(url).pathname, base));
      expect(page.status, url).toBe(200);
      const html = await page.text();
      expect(html).toContain("<title>Pricing · Evolve</title>");
      for (const tier of ["free", "pro", "enterprise"]) expect(html).toContain(`data-testid="plan-${tier}"`);
    }
  });
});
