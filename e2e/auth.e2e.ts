/** Accounts: sign up creates user + organization, sign out ends the session, sign in restores it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";
import { signIn, signUp } from "./support/fixtures";

describe("sign up, sign out, sign in", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("refuses a short password with a field-level error", async () => {
    await b.page.goto("/sign-up");
    await b.page.getByLabel("Your name").fill("Short");
    await b.page.getByLabel("Email").fill("short@example.test");
    await b.page.getByLabel("Password").fill("short");
    await b.page.getByLabel("Organization name").fill("Short U");
    await b.page.getByRole("button", { name: "Sign up" }).click();
    await expect(b.page.getByText("Use at least 10 characters.").textContent()).resolves.toContain("10 characters");
    expect(await b.page.getByLabel("Password").getAttribute("aria-invalid")).toBe("true");
    await saveScreenshot(b.page, "02-sign-up-errors");
  });

  it("creates the user and their organization, then signs out and back in", async () => {
    const account = await signUp(b.page, "auth");
    const switcher = b.page.getByLabel("Organization");
    expect(await switcher.locator("option:checked").textContent()).toContain(account.tenantName);

    await Promise.all([b.page.waitForURL("**/sign-in"), b.page.getByRole("button", { name: "Sign out" }).click()]);
    await b.page.goto("/app/jobs");
    expect(new URL(b.page.url()).pathname).toBe("/sign-in");

    await b.page.getByLabel("Email").fill(account.email);
    await b.page.getByLabel("Password").fill("wrong-password-123");
    await b.page.getByRole("button", { name: "Sign in" }).click();
    await expect(b.page.getByRole("alert").first().textContent()).resolves.toMatch(/wrong email or password/i);
    await saveScreenshot(b.page, "03-sign-in");

    await signIn(b.page, account);
    expect(new URL(b.page.url()).pathname).toBe("/app/jobs");
  });
});
