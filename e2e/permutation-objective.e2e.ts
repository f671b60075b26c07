/**
 * A tenant's own objective over an ordering through the web app: the weighted-tardiness demo's code
 * is validated in the sandbox, the job runs to the end, and the page shows the best ordering (a
 * permutation of the 20 jobs) with its value, and offers the ordering's exports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";
import { createJobFromDemo, signUp } from "./support/fixtures";

describe("permutation objective (sandboxed JavaScript over an ordering)", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("validates the tenant's code and runs a job on it to the best ordering", async () => {
    const { page } = b;
    await signUp(page, "permutation");
    await page.goto("/app/jobs/new?demo=weighted-tardiness");
    await page.getByText("weighted-tardiness.json is valid").waitFor();
    await expect(page.getByRole("radio", { name: "permutation" }).isChecked()).resolves.toBe(true);
    const jobId = await createJobFromDemo(page, "weighted-tardiness", { evaluations: 5_000 });
    expect(jobId).toMatch(/\S+/);
    await page.waitForFunction(() => document.querySelector("[data-counter=State]")?.textContent === "succeeded", null, { timeout: 90_000 });
    await page.reload(); // the result section is drawn by the loader of a finished job
    const ordering = ((await page.getByTestId("best-ordering").textContent()) ?? "").split(" → ").map(Number);
    expect([...ordering].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const heading = (await page.getByRole("heading", { name: /Best ordering — objective/ }).textContent()) ?? "";
    expect(Number(heading.replace(/.*objective /, "").replaceAll(",", ""))).toBeGreaterThanOrEqual(0);
    const csvHref = await page.locator("a[data-format=csv]").getAttribute("href");
    const csv = await page.request.get(new URL(csvHref!, page.url()).toString());
    expect(csv.status()).toBe(200);
    const rows = (await csv.text()).trim().split(/\r?\n/);
    expect(rows[0]).toBe("position,item");
    expect(rows.slice(1, 21).map((r) => Number(r.split(",")[1]))).toEqual(ordering);
    await saveScreenshot(page, "17-permutation-objective-job");
  });
});
