/**
 * The operator console: a normal user gets 404 at /ops; the seeded demo user (a platform
 * operator, made one by POST /api/dev/seed) sees tenants, jobs across tenants and metric charts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";
import { createJobFromDemo, signIn, signUp } from "./support/fixtures";

describe("operator console", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("is a 404 for a tenant owner and opens for a platform operator", async () => {
    const owner = await signUp(b.page, "tenant-owner");
    await createJobFromDemo(b.page, "comp01", { evaluations: 2_000 });
    // Only operators see the link to the console in the app's navigation.
    expect(await b.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Operator console" }).count()).toBe(0);
    for (const path of ["/ops", "/ops/dead-letters", "/ops/metrics"]) {
      const res = await b.page.goto(path);
      expect(res?.status()).toBe(404);
    }
    expect(await b.page.content()).not.toContain(owner.tenantName);

    // The dev seed (DEV_SEED=true in the harness env) makes the demo user an operator; twice is fine.
    for (let i = 0; i < 2; i++) {
      const seed = await fetch(`${b.baseURL}/api/dev/seed`, { method: "POST" });
      expect(seed.status).toBe(200);
    }
    const seeded = (await (await fetch(`${b.baseURL}/api/dev/seed`, { method: "POST" })).json()) as { email: string; password: string };
    const op = await b.openProfile();
    await signIn(op.page, seeded);
    await Promise.all([op.page.waitForURL("**/ops"), op.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Operator console" }).click()]);
    expect((await op.page.goto("/ops"))?.status()).toBe(200);
    await op.page.getByRole("heading", { level: 1, name: "Operator console" }).waitFor();
    // Every tenant, including the other user's, with its tier; that tenant's job is listed too.
    const tenantRow = op.page.getByTestId("ops-tenants").locator("tr", { hasText: owner.tenantName });
    await expect(tenantRow.textContent()).resolves.toMatch(/free/);
    await expect(op.page.getByTestId("ops-jobs").locator("tr", { hasText: owner.tenantName }).first().textContent()).resolves.toMatch(/timetabling/);
    await saveScreenshot(op.page, "15-ops-console");

    await op.page.goto("/ops/metrics");
    const states = op.page.getByTestId("chart-job-states");
    expect(await states.locator("li").count()).toBeGreaterThan(0);
    expect(await op.page.getByTestId("chart-routes").locator("li").count()).toBeGreaterThan(0);
    await saveScreenshot(op.page, "16-ops-metrics");

    expect((await op.page.goto("/ops/dead-letters"))?.status()).toBe(200);
    await op.page.getByRole("heading", { level: 1, name: "Dead letters" }).waitFor();
  });
});
