/**
 * Contributed compute in the browser: a second browser profile (no account) opens a running job's
 * join link and lends its tab (a Web Worker running core), and the owner's job page shows what that
 * tab contributed. The tenant is made enterprise (islands) in the stack's own D1 (e2e/support/enterprise.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";
import { makeEnterprise } from "./support/enterprise";
import { signUp } from "./support/fixtures";

describe("lend this tab's CPU", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("a visitor's tab lends compute through a join link and the job page shows its contribution", async () => {
    const { page, baseURL } = b;
    await signUp(page, "lend");
    const headers = { origin: baseURL, "content-type": "application/json" };
    await makeEnterprise(page);
    expect((await page.request.put("/v1/contribute/settings", { headers, data: { allowContributions: true, maxContributors: 4 } })).status()).toBe(200);
    const created = await page.request.post("/v1/jobs", {
      headers,
      data: {
        name: "Lent rastrigin",
        problem: { kind: "continuous", function: "rastrigin", dimension: 30 },
        seed: 5,
        islands: 2,
        budget: { evaluations: 20_000_000 },
        allowContributions: true,
        options: { islandChunkEvaluations: 20_000 },
      },
    });
    expect(created.status(), await created.text()).toBe(202);
    const jobId = ((await created.json()) as { id: string }).id;

    await page.goto(`/app/jobs/${jobId}`);
    await page.getByTestId("lend-panel").waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Join link for other machines" }).click();
    const joinUrl = (await page.getByTestId("join-link").textContent()) ?? "";
    expect(joinUrl).toMatch(new RegExp(`/contribute/${jobId}\\?join=`));

    // Another person, not signed in, opens the link and lends the tab.
    const visitor = await b.openProfile();
    expect((await visitor.page.goto(joinUrl))?.status()).toBe(200);
    await visitor.page.getByRole("heading", { name: "Lend compute to Lent rastrigin" }).waitFor();
    await visitor.page.getByRole("button", { name: "Lend this tab's CPU" }).click();
    await visitor.page.waitForFunction(() => Number(document.querySelector('[data-testid="lend-units"]')?.textContent ?? 0) >= 2, null, { timeout: 90_000 });
    await saveScreenshot(visitor.page, "40-lend-this-tab");

    // The owner's job page shows the contribution (metered by the server, not the tab's claim).
    await page.getByTestId("contributors-table").waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => Number((document.querySelector('[data-testid="contributor-evaluations"]')?.textContent ?? "0").replaceAll(",", "")) > 0, null, { timeout: 30_000 });
    expect(await page.getByTestId("contributors-table").textContent()).toContain("browser");
    await saveScreenshot(page, "41-job-contributors");

    // Stop: the tab says so and lends nothing more.
    await visitor.page.getByRole("button", { name: "Stop lending" }).click();
    await visitor.page.getByText(/stopped: stopped by you/).waitFor();
    await page.request.post(`/v1/jobs/${jobId}/cancel`, { headers, data: {} });

    // Usage shows the period's contributed compute apart from the plan's compute.
    await page.goto("/app/settings/billing");
    await expect(page.getByTestId("usage-contributed").textContent()).resolves.toMatch(/^[1-9][\d,]* evaluations from 1 contributors \(not counted as compute\)$/);
  }, 240_000);
});
