import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";

describe("landing page", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("renders in Chromium with its call to action and the product picture", async () => {
    const res = await b.page.goto("/");
    expect(res?.status()).toBe(200);
    await expect(b.page.locator("h1").first().textContent()).resolves.toMatch(/\S/);
    // The product picture (web/public/landing-convergence.png) is served and loaded, with a description.
    const picture = b.page.getByRole("img", { name: /live charts of a timetabling job/ });
    await picture.waitFor();
    expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1068);
    await saveScreenshot(b.page, "01-landing");
  });
});
