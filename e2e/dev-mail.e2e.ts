/**
 * Local development without a mail key (the harness runs like `npm run dev`): a password-reset mail
 * is captured and readable at /dev/mail, its link is clickable and leads to the reset form, and the
 * new password works. The wrangler log says where the mail is, never its link.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";
import { createJobFromDemo, signIn, signUp } from "./support/fixtures";
import { isWranglerRequestLine } from "../scripts/dev-log.mjs";

describe("the development mailbox", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("a reset mail is listed at /dev/mail; its link opens the reset form and the new password signs in", async () => {
    const owner = await b.openProfile();
    const account = await signUp(owner.page, "dev-mail");
    await owner.context.close();

    const { page } = b;
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(account.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByText("a reset link is on its way").waitFor();

    await page.goto("/dev/mail");
    await page.getByRole("heading", { name: "Mail (development)" }).waitFor();
    const row = page.locator("tr", { hasText: account.email });
    await Promise.all([page.waitForURL(/\/dev\/mail\/mail_/), row.getByRole("link", { name: "Reset your Evolve password" }).click()]);
    await saveScreenshot(page, "50-dev-mail");
    const link = page.locator(".mail a").first();
    const href = (await link.getAttribute("href"))!;
    // The link opens where this browser is (the harness's 127.0.0.1 origin).
    expect(new URL(href).origin).toBe(new URL(b.baseURL).origin);
    const token = new URL(href).pathname.split("/").pop()!;
    await Promise.all([page.waitForURL(/\/reset-password\?/), link.click()]);
    await page.getByLabel("New password").fill("a-new-password-from-dev-mail");
    await Promise.all([page.waitForURL(/\/sign-in\?reset=done/), page.getByRole("button", { name: "Change password" }).click()]);
    await signIn(page, { email: account.email, password: "a-new-password-from-dev-mail" });

    // The Worker's log points at /dev/mail and never carries the reset token (wrangler's own request
    // lines, which `npm run dev` leaves out, are not the Worker's: scripts/dev-log.mjs).
    const log = readFileSync(process.env.E2E_WRANGLER_LOG!, "utf8")
      .split("\n")
      .filter((line) => !isWranglerRequestLine(line))
      .join("\n");
    expect(log).toContain("mail captured (development): open /dev/mail/mail_");
    expect(log).not.toContain(token);
  });

  it("job-finished notices: off by default, on from Settings → Account, then a finished job is mailed", async () => {
    const member = await b.openProfile();
    const { page } = member;
    const account = await signUp(page, "notices");
    await createJobFromDemo(page, "rastrigin", { evaluations: 2_000 });
    await page.waitForFunction(() => document.querySelector("[data-counter=State]")?.textContent === "succeeded", null, { timeout: 60_000 });
    await page.goto("/dev/mail");
    expect(await page.locator("tr", { hasText: account.email }).count()).toBe(0);

    await page.goto("/app/settings/account");
    const box = page.getByLabel("Mail me when my jobs finish");
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("You will get a mail when your jobs finish.").waitFor();
    await page.reload();
    expect(await page.getByLabel("Mail me when my jobs finish").isChecked()).toBe(true);

    const jobId = await createJobFromDemo(page, "berlin52", { evaluations: 3_000 });
    await page.waitForFunction(() => document.querySelector("[data-counter=State]")?.textContent === "succeeded", null, { timeout: 60_000 });
    for (let i = 0; i < 40; i++) {
      await page.goto("/dev/mail");
      if (await page.locator("tr", { hasText: account.email }).count()) break;
      await page.waitForTimeout(500);
    }
    await page.locator("tr", { hasText: account.email }).getByRole("link").click();
    await page.locator(`.mail a[href$="/app/jobs/${jobId}"]`).waitFor();
    await member.context.close();
  });
});
