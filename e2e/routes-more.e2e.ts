/**
 * More routes at 1280 and 390 px (e2e/support/routes.ts `audit`): the job pages of tenant-written
 * objectives (over a point and over an ordering), and contributed compute (a running island job's
 * lend panel and the public join page /contribute/<job>?join=…, visited signed out).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, type BrowserSession } from "./support/browser";
import { makeEnterprise } from "./support/enterprise";
import { signUp } from "./support/fixtures";
import { api, audit, auditPaths, demoJson, type Finding, report, submit } from "./support/routes";

describe("objectives' and contributed compute's routes at 1280 and 390 px: no overflow, no console errors, no serious axe findings", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("the tenant-written objectives' jobs (over a point and over an ordering)", async () => {
    const { page, baseURL } = b;
    await signUp(page, "routes-objectives");
    const ids = [await submit(page, baseURL, "Spring design", demoJson("custom-objective.json"), 2_000), await submit(page, baseURL, "Weighted tardiness", demoJson("weighted-tardiness.json"), 2_000)];
    const findings = await auditPaths(
      page,
      ids.map((id) => `/app/jobs/${id}`),
    );
    expect(findings, report(findings)).toEqual([]);
  }, 180_000);

  it("contributed compute: the job page's lend panel and the public join page", async () => {
    // A running island job that takes contributors (enterprise plan, contributions allowed); the join
    // page is visited signed out, in a profile of its own, before anything is lent.
    const owner = await b.openProfile();
    await signUp(owner.page, "routes-lend");
    await makeEnterprise(owner.page);
    const headers = { origin: new URL(b.baseURL).origin };
    expect((await owner.page.request.put(new URL("/v1/contribute/settings", b.baseURL).href, { headers, data: { allowContributions: true, maxContributors: 4 } })).status()).toBe(200);
    const job = await api<{ id: string }>(owner.page, b.baseURL, "/v1/jobs", {
      name: "Lent rastrigin",
      problem: { kind: "continuous", function: "rastrigin", dimension: 30 },
      islands: 2,
      budget: { evaluations: 20_000_000 },
      allowContributions: true,
    });
    const link = await api<{ url: string }>(owner.page, b.baseURL, `/v1/jobs/${job.id}/contribute/links`, {});
    const visitor = await b.openProfile();
    const findings: Finding[] = [];
    try {
      const joinPage = audit(visitor.page, new URL(link.url).pathname + new URL(link.url).search);
      joinPage.catch(() => {});
      await owner.page.goto(`/app/jobs/${job.id}`);
      await owner.page.getByTestId("lend-panel").waitFor({ timeout: 30_000 });
      findings.push(...(await joinPage), ...(await audit(owner.page, `/app/jobs/${job.id}`)));
    } finally {
      await owner.page.request.post(new URL(`/v1/jobs/${job.id}/cancel`, b.baseURL).href, { headers, data: {} });
      await visitor.context.close();
      await owner.context.close();
    }
    expect(findings, report(findings)).toEqual([]);
  }, 180_000);
});
