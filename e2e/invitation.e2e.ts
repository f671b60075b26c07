/**
 * Invitation accept page: the owner invites an address; its person opens the mailed link
 * signed out (→ sign-in, then back), sees organization and role, accepts, and works inside it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";
import { signUp } from "./support/fixtures";

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

    await b.page.goto("/app/settings/members");
    await b.page.locator("#invite-role").selectOption("admin");
    await b.page.getByLabel("Email").fill(account.email);
    await b.page.getByRole("button", { name: /invit/i }).click();
    await b.page.getByText(`Invitation sent to ${account.email}`).waitFor();
    const invitationId = await b.page.locator('form:has(input[value="revoke-invitation"]) input[name="id"]').first().getAttribute("value");
    expect(invitationId).toBeTruthy();

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
});
