/**
 * The main flow: sign up → timetabling job from the demo .ctt → live progress arrives over the
 * WebSocket → the grid → XLSX and ICS downloads (content checked) → an API key created and revoked.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "@e965/xlsx";
import { openBrowser, saveScreenshot, savedDownload, type BrowserSession } from "./support/browser";
import { createJobFromDemo, signUp } from "./support/fixtures";

/** Read a numeric counter off the live page ("12,345" → 12345; "—" → NaN). */
async function counter(page: Page, name: string): Promise<number> {
  const text = (await page.locator(`[data-counter="${name}"]`).textContent()) ?? "";
  return Number(text.replaceAll(",", ""));
}

async function download(page: Page, format: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`a[data-format="${format}"]`).click()]);
  return readFileSync(await savedDownload(file));
}

describe("timetabling job from sign-up to exports", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("runs a demo timetable live, shows the grid and exports it", async () => {
    const { page } = b;
    await signUp(page, "flow");
    await page.getByText("No jobs yet").waitFor();
    await saveScreenshot(page, "04-jobs-empty");

    await page.getByRole("link", { name: /Try the demo: University timetable/ }).click();
    await page.waitForURL(/\/app\/jobs\/new\?demo=comp01/);
    await page.getByText("comp01.ctt is valid").waitFor();
    await saveScreenshot(page, "05-new-job");

    const jobId = await createJobFromDemo(page, "comp01", { evaluations: 3_000_000 });
    expect(jobId).toMatch(/\S+/);

    // Progress arrives while the page is open: after the snapshot, at least one pushed event
    // (3M evaluations take a few seconds at engine 1.1's 1–4 M moves/s, long enough to be watched live;
    // 60k, as before, could end before the page had connected).
    await page.waitForFunction(() => Number(document.querySelector("[data-testid=connection]")?.getAttribute("data-events") ?? 0) >= 2, null, { timeout: 60_000 });
    await saveScreenshot(page, "06-job-live");
    await page.getByTestId("timetable-grid").waitFor({ timeout: 90_000 });
    expect(await counter(page, "Evaluations")).toBeGreaterThan(0);
    expect(await page.locator("[data-counter=State]").textContent()).toBe("succeeded");

    // The grid: lectures placed, switchable by group, a click lists that lecture's violations.
    const lectures = page.getByTestId("timetable-grid").locator("button.lecture");
    expect(await lectures.count()).toBeGreaterThan(0);
    await lectures.first().click();
    await expect(page.getByTestId("lecture-violations").locator("h3").textContent()).resolves.toMatch(/lecture \d+/);
    await page.getByLabel("View by").selectOption("curriculum");
    expect(await page.getByTestId("timetable-grid").locator("button.lecture").count()).toBeGreaterThan(0);
    await saveScreenshot(page, "07-job-results-grid");

    const xlsx = await download(page, "xlsx");
    expect(xlsx.subarray(0, 2).toString("latin1")).toBe("PK");
    const workbook = XLSX.read(xlsx, { type: "buffer" });
    expect(workbook.SheetNames.length).toBeGreaterThan(0);
    expect(workbook.SheetNames.join(" ")).toMatch(/room|timetable|lecture|assign/i);

    const ics = (await download(page, "ics")).toString("utf8");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect((ics.match(/BEGIN:VEVENT/g) ?? []).length).toBeGreaterThan(0);

    // The job is listed with its state and kind.
    await page.goto("/app/jobs");
    await expect(page.locator("tbody tr").first().textContent()).resolves.toMatch(/succeeded.*timetabling/);
    await saveScreenshot(page, "08-jobs-list");
    // Phone width: the list still fits (no horizontal scroll on the page itself).
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, "08b-jobs-list-phone");
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it("creates an API key (shown once) and revokes it", async () => {
    const { page } = b;
    await page.goto("/app/settings/api-keys");
    await page.getByLabel("Key name").fill("CI pipeline");
    await page.getByLabel("jobs:write").check();
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = (await page.getByTestId("new-key").textContent()) ?? "";
    expect(secret).toMatch(/^evk_live_[A-Za-z0-9_-]{43}$/);
    await saveScreenshot(page, "09-api-key-created");

    // The key works against /v1 until revoked.
    const before = await fetch(`${b.baseURL}/v1/api-keys`, { headers: { authorization: `Bearer ${secret}` } });
    expect(before.status).not.toBe(401);

    const row = page.locator("tr", { hasText: "CI pipeline" });
    page.once("dialog", (d) => d.accept());
    await row.getByRole("button", { name: /Revoke/ }).click();
    await row.getByText("revoked").waitFor();
    await page.reload();
    expect(await page.getByTestId("new-key").count()).toBe(0);
    await saveScreenshot(page, "10-api-key-revoked");

    const after = await fetch(`${b.baseURL}/v1/api-keys`, { headers: { authorization: `Bearer ${secret}` } });
    expect(after.status).toBe(401);
  });
});
