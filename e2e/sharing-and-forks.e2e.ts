/**
 * Results page extras: a share link opens a read-only result for someone not signed in (with
 * exports) until revoked; a calendar feed URL serves ICS until revoked; a fork with a changed
 * parameter runs, and its "Compare with parent" page shows the cost per constraint of both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";
import { createJobFromDemo, signUp } from "./support/fixtures";

describe("share links, calendar feeds, fork and compare", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("shares a result read-only, serves a feed, forks and compares", async () => {
    const { page } = b;
    await signUp(page, "share");
    const jobId = await createJobFromDemo(page, "comp01", { evaluations: 3_000 });
    await page.getByTestId("timetable-grid").waitFor({ timeout: 60_000 });

    // Share link: shown once, opens without signing in, exports through the token.
    await page.getByRole("button", { name: "Create share link" }).click();
    const shareUrl = (await page.getByTestId("new-share-url").textContent()) ?? "";
    expect(shareUrl).toMatch(/\/share\/shr_[^/]+$/);
    // Calendar feed for the first room.
    await page.getByRole("button", { name: "Create feed URL" }).click();
    const feedUrl = (await page.getByTestId("new-feed-url").textContent()) ?? "";
    expect(feedUrl).toMatch(/\/v1\/feeds\/[^/]+\.ics$/);
    await expect(page.getByTestId("calendar-links").textContent()).resolves.toMatch(/room:/);
    await page.getByRole("heading", { name: "Sharing" }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, "17-share-and-feed-links");

    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain("BEGIN:VCALENDAR");

    const stranger = await b.openProfile();
    expect((await stranger.page.goto(shareUrl))?.status()).toBe(200);
    await stranger.page.getByText("read-only").first().waitFor();
    expect(await stranger.page.getByTestId("timetable-grid").locator("button.lecture").count()).toBeGreaterThan(0);
    expect(await stranger.page.locator("form").count()).toBe(0); // nothing to change from here
    const xlsxHref = await stranger.page.locator('a[data-format="xlsx"]').getAttribute("href");
    expect(xlsxHref).toMatch(/^\/v1\/share\/.+\/exports\/xlsx$/);
    const xlsx = await stranger.page.request.get(xlsxHref!);
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString("latin1")).toBe("PK");
    await saveScreenshot(stranger.page, "18-shared-result");

    // Revoke both: the share page and the feed answer 404 from then on.
    await page.getByTestId("share-links").getByRole("button", { name: "Revoke" }).click();
    await page.getByTestId("share-links").getByText("revoked").waitFor();
    await page.getByTestId("calendar-links").getByRole("button", { name: "Revoke" }).click();
    await page.getByTestId("calendar-links").getByText("revoked").waitFor();
    expect((await stranger.page.goto(shareUrl))?.status()).toBe(404);
    await stranger.page.getByRole("heading", { name: "Link not valid" }).waitFor();
    expect((await fetch(feedUrl)).status).toBe(404);

    // Fork the timetable with a changed temperature; the fork's page links to the comparison,
    // which shows the cost per constraint of both runs.
    await page.goto(`/app/jobs/${jobId}`);
    await page.getByText("Fork with changed parameters").click();
    await page.getByLabel("More evaluations").fill("3000");
    await page.getByLabel("Initial temperature").fill("1.5");
    // Weigh room stability ten times the competition's 1: the fork re-scores and optimises for it.
    await page.getByTestId("fork-weights").getByLabel("Room stability").fill("10");
    await Promise.all([page.waitForURL((u) => /\/app\/jobs\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith(jobId)), page.getByRole("button", { name: "Start fork" }).click()]);
    await page.getByRole("link", { name: "Compare with parent" }).click({ timeout: 60_000 });
    await page.getByRole("heading", { level: 1, name: "Compare with parent" }).waitFor();
    await expect(page.getByTestId("compare-figures").textContent()).resolves.toMatch(/Hard violations.*Soft cost \(weighted\)/);
    await page.getByText(/Changed parameters: Initial temperature: .* → 1\.5/).waitFor();
    await page.getByText(/Changed weights: Room stability \(one room per course\): 1 → 10/).waitFor();
    const rows = page.getByTestId("compare-constraints").locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    await expect(rows.first().textContent()).resolves.toMatch(/[a-zA-Z]+.*(hard|soft, weight \d+)/);
    await saveScreenshot(page, "19-fork-compare");
  });
});
