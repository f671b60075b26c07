/**
 * A big school on a slow line: the job page of a 1,920-lesson school (80 classes, 80 teachers:
 * core/school/test/synthetic.ts) sends one timetable, not the school. The document of one class's
 * timetable and the data of switching to another stay under bounds set by one timetable (about 24
 * lessons), the view's names and the explanation (at most 300 violations); the whole result (every
 * grid of every view) is 926 kB of JSON for this school (web/app/routes/app.jobs.$jobId/school-page.test.ts).
 * Also at 375 px: no page overflow.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetText } from "../core/school/test/fet";
import { syntheticSchool } from "../core/school/test/synthetic";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";
import { makeEnterprise } from "./support/enterprise";
import { signUp } from "./support/fixtures";

/** Bytes a phone downloads for the page of one class (HTML with the page's data inline), and for switching to another (the loader's data). */
const MAX_DOCUMENT_BYTES = 250_000;
const MAX_SWITCH_BYTES = 100_000;

describe("a big school's job page", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("sends one class's timetable at a time, within a bound of one timetable", async () => {
    const { page } = b;
    await signUp(page, "school-big");
    await makeEnterprise(page);
    await page.goto("/app/jobs/new?kind=timetabling");
    const text = fetText(syntheticSchool(80, 24, 80));
    await page.locator("input#file").setInputFiles({ name: "big-school.fet", mimeType: "application/xml", buffer: Buffer.from(text) });
    await page.getByRole("button", { name: "Validate" }).click();
    const summary = page.getByTestId("school-summary");
    await summary.waitFor({ timeout: 60_000 });
    await expect(summary.locator('[data-figure="Lessons (activities)"]').textContent()).resolves.toMatch(/^1,?920$/);
    await page.getByLabel("Evaluation budget").fill("300000");
    await Promise.all([page.waitForURL(/\/app\/jobs\/(?!new)[^/]+$/, { timeout: 60_000 }), page.getByRole("button", { name: "Start job" }).click()]);
    const jobPath = new URL(page.url()).pathname;
    await page.getByTestId("school-grid").waitFor({ timeout: 120_000 });

    const html = await page.request.get(`${jobPath}?view=students&of=C7`);
    expect(html.status()).toBe(200);
    const documentBytes = (await html.body()).length;
    const data = await page.request.get(`${jobPath}.data?view=students&of=C8`);
    expect(data.status()).toBe(200);
    const switchBytes = (await data.body()).length;
    console.log(`big school (1,920 lessons): document of class C7 ${documentBytes} bytes, data of switching to C8 ${switchBytes} bytes`);
    expect(documentBytes).toBeLessThan(MAX_DOCUMENT_BYTES);
    expect(switchBytes).toBeLessThan(MAX_SWITCH_BYTES);

    // The page itself: class C7's timetable, and C8's after choosing it.
    await page.goto(`${jobPath}?view=students&of=C7`);
    const grid = page.locator('[data-testid="school-grid"][data-view="students"][data-of="C7"]');
    await grid.waitFor();
    // As many blocks as the selector says C7 has (a one-hour lesson each; the short budget may leave some unplaced).
    const placed = Number(/— (\d+) lessons?$/.exec((await page.locator("#school-owner option:checked").textContent()) ?? "")?.[1]);
    expect(placed).toBeGreaterThanOrEqual(20);
    expect(await grid.locator("button.block").count()).toBe(placed);
    await page.locator("#school-owner").selectOption("C8");
    await page.locator('[data-testid="school-grid"][data-of="C8"]').waitFor();
    expect(new URL(page.url()).search).toBe("?view=students&of=C8");
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await saveScreenshot(page, "24-school-big-phone");
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});
