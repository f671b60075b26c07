/**
 * Without Stripe (the local stack's placeholder secrets), "Upgrade to pro" tells the owner plainly
 * that billing is not available here — not which secret is missing — with a 503 like the API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, type BrowserSession } from "./support/browser";
import { signUp } from "./support/fixtures";

let session: BrowserSession;
beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

describe("billing without Stripe", () => {
  it("shows a plain message, answers 503 and never shows the operator's detail", async () => {
    const { page } = session;
    await signUp(page, "billing");
    await page.goto("/app/settings/billing");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/app/settings/billing")),
      page.getByRole("button", { name: "Upgrade to pro" }).click(),
    ]);
    expect(response.status()).toBe(503);
    await page.getByText("Billing is not available here").waitFor();
    const text = await page.locator("main").innerText();
    expect(text).not.toMatch(/STRIPE_|is not set|README/);
  });
});
