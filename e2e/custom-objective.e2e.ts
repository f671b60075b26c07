/**
 * A tenant's own JavaScript objective through the web app: the demo's code is validated by running
 * it once in the sandbox, the job runs to the end, and the result shows the best value found.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";
import { createJobFromDemo, signUp } from "./support/fixtures";

describe("custom objective (sandboxed JavaScript)", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("validates the tenant's code and runs a job on it to the end", async () => {
    const { page } = b;
    await signUp(page, "custom");
    await page.goto("/app/jobs/new?demo=spring-design");
    await page.getByText("custom-objective.json is valid").waitFor();
    const jobId = await createJobFromDemo(page, "spring-design", { evaluations: 4_000 });
    expect(jobId).toMatch(/\S+/);
    await page.waitForFunction(() => document.querySelector("[data-counter=State]")?.textContent === "succeeded", null, { timeout: 90_000 });
    const best = Number(((await page.locator("[data-counter=Best]").textContent()) ?? "").replaceAll(",", ""));
    expect(Number.isFinite(best)).toBe(true);
    expect(best).toBeGreaterThan(0); // a spring has positive weight
    await saveScreenshot(page, "16-custom-objective-job");
  });
});
