/**
 * Invitation accept page: the owner invites an address; its person opens the mailed link
 * signed out (→ sign-in, then back), sees organization and role, accepts, and works inside it.
 * Someone without an account goes on from sign-in to sign-up and also lands back on the invitation.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";
import type { Page } from "playwright-core";
import { signUp } from "./support/fixtures";

/** Invite `email` from the owner's members page; returns the invitation id. */
async function invite(page: Page, email: string, role: "admin" | "member"): Promise<string> {
  await page.goto("/app/settings/members");
  await page.locator("#invite-role").selectOption(role);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: /invit/i }).click();
  await page.getByText(`Invitation sent to ${email}`).waitFor();
  const id = await page.locator('form:has(input[value="revoke-invitation"]) input[name="id"]').first().getAttribute("value");
  expect(id).toBeTruthy();
  return id!;
}

describe("accepting an invitation", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("signs in, shows organization and role, accepts", async () => {
    const owner = await signUp(b.page, "inviter");
    const invitee = await b.openProfile();
    const account = await signUp(invitee.page, "invitee");
    await invitee.page.getByRole("button", { name: "Sign out" }).click();
    await invitee.page.waitForURL((u) => !u.pathname.startsWith("/app"));

    const invitationId = await invite(b.page, account.email, "admin");

    // Signed out: the link leads to sign-in, and sign-in comes back to the invitation.
    await invitee.page.goto(`/accept-invitation/${invitationId}`);
    await invitee.page.waitForURL(/\/sign-in\?redirectTo=/);
    await invitee.page.getByLabel("Email").fill(account.email);
    await invitee.page.getByLabel("Password").fill(account.password);
    await Promise.all([invitee.page.waitForURL(`**/accept-invitation/${invitationId}`), invitee.page.getByRole("button", { name: "Sign in" }).click()]);
    await expect(invitee.page.getByTestId("invitation-summary").textContent()).resolves.toMatch(new RegExp(`${owner.tenantName}.*admin`));
    await saveScreenshot(invitee.page, "20-accept-invitation");

    await Promise.all([invitee.page.waitForURL("**/app/jobs"), invitee.page.getByRole("button", { name: "Accept and join" }).click()]);
    await expect(invitee.page.locator("#tenant-select option:checked").textContent()).resolves.toContain(owner.tenantName);

    // Used up: opening the link again says so; a stranger's made-up id is refused too.
    await invitee.page.goto(`/accept-invitation/${invitationId}`);
    await invitee.page.getByText(/cannot be used/).waitFor();
    await invitee.page.goto(`/accept-invitation/${randomUUID()}`);
    await invitee.page.getByText(/cannot be used/).waitFor();
  });

  it("signs up from the invitation link and comes back to it", async () => {
    const owner = await b.openProfile();
    const ownerAccount = await signUp(owner.page, "inviter2");
    const newcomer = { name: "Grace newcomer", email: `newcomer-${randomUUID().slice(0, 8)}@example.test`, password: `pw-${randomUUID()}` };
    const invitationId = await invite(owner.page, newcomer.email, "member");

    // Signed out, no account: the link leads to sign-in, which offers sign-up and keeps the way back.
    const { page } = await b.openProfile();
    await page.goto(`/accept-invitation/${invitationId}`);
    await page.waitForURL(/\/sign-in\?redirectTo=/);
    await page.getByText("Sign in to answer your invitation").waitFor();
    await Promise.all([page.waitForURL(/\/sign-up\?redirectTo=/), page.getByRole("link", { name: "Create one" }).click()]);
    expect(new URL(page.url()).searchParams.get("redirectTo")).toBe(`/accept-invitation/${invitationId}`);
    await page.getByText("After signing up you return to your invitation").waitFor();
    await page.getByLabel("Your name").fill(newcomer.name);
    await page.getByLabel("Email").fill(newcomer.email);
    await page.getByLabel("Password").fill(newcomer.password);
    // No organization name: joining by invitation does not need one of your own.
    await saveScreenshot(page, "20b-sign-up-from-invitation");
    await Promise.all([page.waitForURL(`**/accept-invitation/${invitationId}`), page.getByRole("button", { name: "Sign up" }).click()]);
    await expect(page.getByTestId("invitation-summary").textContent()).resolves.toMatch(new RegExp(`${ownerAccount.tenantName}.*member`));

    await Promise.all([page.waitForURL("**/app/jobs"), page.getByRole("button", { name: "Accept and join" }).click()]);
    await expect(page.locator("#tenant-select option:checked").textContent()).resolves.toContain(ownerAccount.tenantName);
    // The sign-up also made the newcomer a workspace of their own (named after them), listed beside it.
    await expect(page.locator("#tenant-select").textContent()).resolves.toContain(newcomer.name);
  });

  it("ignores a redirectTo that leaves the site", async () => {
    const { page } = await b.openProfile();
    await page.goto(`/sign-up?redirectTo=${encodeURIComponent("//evil.example/steal")}`);
    expect(await page.locator('input[name="redirectTo"]').inputValue()).toBe("");
    await page.getByLabel("Your name").fill("Eve");
    await page.getByLabel("Email").fill(`eve-${randomUUID().slice(0, 8)}@example.test`);
    await page.getByLabel("Password").fill(`pw-${randomUUID()}`);
    await page.getByLabel("Organization name").fill("Eve's lab");
    await Promise.all([page.waitForURL("**/app/jobs"), page.getByRole("button", { name: "Sign up" }).click()]);
    expect(new URL(page.url()).origin).toBe(b.baseURL.replace(/\/$/, ""));
  });
});
