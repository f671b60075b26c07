/** One tenant cannot open another tenant's job: the page answers 404, and so does the API. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";
import { createJobFromDemo, signUp } from "./support/fixtures";

describe("tenant isolation in the web app", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("shows 404 when another tenant opens a job URL", async () => {
    await signUp(b.page, "owner-a");
    const jobId = await createJobFromDemo(b.page, "comp01", { evaluations: 2_000 });
    const own = await b.page.goto(`/app/jobs/${jobId}`);
    expect(own?.status()).toBe(200);

    // While here: the settings pages of tenant A render (screenshots for the record).
    for (const [path, heading, shot] of [
      ["/app/settings/members", "Members", "12-members"],
      ["/app/settings/webhooks", "Webhooks", "13-webhooks"],
      ["/app/settings/billing", "Billing", "14-billing"],
    ] as const) {
      expect((await b.page.goto(path))?.status()).toBe(200);
      await b.page.getByRole("heading", { level: 1, name: heading }).waitFor();
      await saveScreenshot(b.page, shot);
    }

    const other = await b.openProfile();
    await signUp(other.page, "owner-b");
    const res = await other.page.goto(`/app/jobs/${jobId}`);
    expect(res?.status()).toBe(404);
    await other.page.getByRole("heading", { name: "Job not found" }).waitFor();
    expect(await other.page.content()).not.toContain("comp01.ctt");
    await saveScreenshot(other.page, "11-other-tenant-404");

    const api = await other.page.request.get(`/v1/jobs/${jobId}/events`);
    expect(api.status()).toBe(404);
  });
});
