import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";

describe("landing page", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("renders in Chromium with its call to action", async () => {
    const res = await b.page.goto("/");
    expect(res?.status()).toBe(200);
    await expect(b.page.locator("h1").first().textContent()).resolves.toMatch(/\S/);
    await saveScreenshot(b.page, "01-landing");
  });
});
