/**
 * A school timetabler's flow: upload a FET file (the fictional demo school shipped in
 * web/app/demo/small-school.fet) → the pre-flight summary (teachers, classes, lessons, hours,
 * constraints in words) → start → the timetable by teacher and by class on the file's own day and
 * hour names, a double lesson as one block spanning two hours → a violation in the explanation
 * highlights its lessons → exports download (CSV, locked .fet, a class's calendar). Screenshots at desktop and 390 px phone width.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, savedDownload, type BrowserSession } from "./support/browser";
import { signUp } from "./support/fixtures";

const SCHOOL_FILE = resolve(import.meta.dirname, "../web/app/demo/small-school.fet");

async function download(page: Page, selector: string): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
  return { name: file.suggestedFilename(), body: readFileSync(await savedDownload(file)) };
}

/**
 * Choose the timetable of `name` in the second selector (its options read "name — N lessons") and
 * wait until the page has loaded it (one timetable at a time: the grid names its owner in data-of).
 */
async function chooseOwner(page: Page, name: string): Promise<void> {
  const value = await page.locator("#school-owner option").evaluateAll((options, wanted) => (options as HTMLOptionElement[]).find((o) => o.textContent?.startsWith(`${wanted} `))?.value ?? null, name);
  expect(value, `an option for ${name}`).not.toBeNull();
  await page.locator("#school-owner").selectOption(value!);
  await page.locator(`[data-testid="school-grid"][data-of=${JSON.stringify(value)}]`).waitFor();
}

/** Choose a view ("View by") and wait for its first timetable. */
async function chooseView(page: Page, view: string): Promise<void> {
  await page.getByLabel("View by").selectOption(view);
  await page.locator(`[data-testid="school-grid"][data-view="${view}"]`).waitFor();
}

describe("school timetable from a .fet upload", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("shows the pre-flight summary, solves, draws the views and exports", async () => {
    const { page } = b;
    await signUp(page, "school");
    await page.goto("/app/jobs/new?kind=timetabling");
    await page.locator("input#file").setInputFiles(SCHOOL_FILE);
    await page.getByRole("button", { name: "Validate" }).click();

    // Pre-flight: the figures of the file, constraints in words, nothing unsupported.
    const summary = page.getByTestId("school-summary");
    await summary.waitFor();
    await expect(summary.locator('[data-figure="Teachers"]').textContent()).resolves.toBe("11");
    await expect(summary.locator('[data-figure="Classes (students sets)"]').textContent()).resolves.toBe("3 years, 5 groups, 0 subgroups");
    await expect(summary.locator('[data-figure="Lessons (activities)"]').textContent()).resolves.toBe("85");
    await expect(summary.locator('[data-figure="Hours to place"]').textContent()).resolves.toBe("95");
    const constraints = (await page.getByTestId("school-constraints").locator("tbody").textContent()) ?? "";
    expect(constraints).toContain("Teacher not available");
    expect(constraints).toContain("Max gaps per week for students");
    expect(constraints).not.toMatch(/Constraint[A-Z]/);
    expect(await page.getByTestId("school-unsupported").count()).toBe(0);
    await expect(page.locator("#algorithm").inputValue()).resolves.toBe("school");
    await saveScreenshot(page, "20-school-preflight");
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, "20b-school-preflight-phone");
    await page.setViewportSize({ width: 1280, height: 860 });

    await page.getByLabel("Evaluation budget").fill("300000");
    await Promise.all([page.waitForURL(/\/app\/jobs\/(?!new)[^/]+$/), page.getByRole("button", { name: "Start job" }).click()]);
    await expect(page.locator("h1 + p").textContent()).resolves.toMatch(/School timetable \(FET\)/);

    // The result: by teacher, with the file's day and hour names as headers.
    const grid = page.getByTestId("school-grid");
    await grid.waitFor({ timeout: 90_000 });
    await expect(page.getByTestId("school-figures").textContent()).resolves.toMatch(/Every hard constraint holds/);
    expect(await grid.getAttribute("data-view")).toBe("teacher");
    expect(await grid.locator("thead th").allTextContents()).toEqual(["Hour", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]);
    expect(await grid.locator("tbody th").allTextContents()).toEqual(["08:00-08:45", "08:55-09:40", "09:50-10:35", "10:55-11:40", "11:50-12:35", "13:30-14:15", "14:25-15:10"]);

    // Ms Clark teaches each class one double science lesson: five blocks spanning two hours.
    await chooseOwner(page, "Ms Clark");
    await expect(grid.locator('td[rowspan="2"] button[data-duration="2"]').count()).resolves.toBe(5);
    expect(await grid.locator("button.block").count()).toBe(10);
    await saveScreenshot(page, "21-school-by-teacher");

    // By class: 7A has all its 17 lessons (19 hours), split lessons marked.
    await chooseView(page, "students");
    await chooseOwner(page, "7A");
    // One timetable at a time, named in the address: it can be shared, and back shows the one before.
    expect(new URL(page.url()).search).toBe("?view=students&of=7A");
    expect(await grid.getAttribute("data-view")).toBe("students");
    expect(await grid.locator("thead th").nth(1).textContent()).toBe("Monday");
    expect(await grid.locator("button.block").count()).toBe(17);
    expect(await grid.locator(".part").first().textContent()).toMatch(/^part \d of \d$/);
    await grid.locator("button.block").first().click();
    await expect(page.getByTestId("lesson-details").locator("h3").textContent()).resolves.toMatch(/activity \d+/);
    await saveScreenshot(page, "22-school-by-class");
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, "22b-school-by-class-phone");
    await page.setViewportSize({ width: 1280, height: 860 });

    // The demo's two Year 7 classes both want maths with Ms Adams first thing on Monday: one wish
    // (95%) is a soft violation; choosing it highlights that lesson (in a timetable that has it).
    const wish = page
      .getByTestId("school-explanation")
      .getByRole("button", { name: /Lesson at a fixed time/ })
      .first();
    await expect(wish.textContent()).resolves.toMatch(/soft, weight 95%: 1 violation/);
    await wish.click();
    await grid.locator("button.block.highlight").first().waitFor();
    expect(await grid.locator("button.block.highlight").count()).toBeGreaterThan(0);
    expect(await grid.locator("button.block.dim").count()).toBeGreaterThan(0);
    await saveScreenshot(page, "23-school-violation-highlighted");

    // By room and by subject also draw.
    await chooseView(page, "room");
    await chooseOwner(page, "Gym");
    expect(await grid.locator("button.block").count()).toBe(5);
    await chooseView(page, "subject");
    await chooseOwner(page, "Maths");
    expect(await grid.locator("button.block").count()).toBe(20);
    // Back shows the timetable before (Maths), with the selectors set to it.
    await chooseView(page, "teacher");
    await page.goBack();
    await page.locator('[data-testid="school-grid"][data-view="subject"][data-of="Maths"]').waitFor();
    await expect(page.locator("#school-view").inputValue()).resolves.toBe("subject");
    await expect(page.locator("#school-owner").inputValue()).resolves.toBe("Maths");
    // The address alone opens a timetable (a fresh load: the page's document carries that one grid).
    await page.goto(`${new URL(page.url()).pathname}?view=room&of=Gym`);
    await page.locator('[data-testid="school-grid"][data-view="room"][data-of="Gym"]').waitFor();
    expect(await grid.locator("button.block").count()).toBe(5);

    // Exports: the CSV names days and hours as the file does; the locked .fet is a FET file.
    const csv = await download(page, 'a[data-format="csv"]');
    const text = csv.body.toString("utf8");
    expect(text.split(/\r?\n/)[0]).toBe("activity,subject,teachers,students,tags,day,hour,duration,room");
    expect(text).toMatch(/,Monday,08:00-08:45,/);
    const fet = await download(page, 'a[data-format="fet"]');
    expect(fet.body.toString("utf8")).toContain("<fet");
    expect(fet.body.toString("utf8")).toContain("ConstraintActivityPreferredStartingTime");
    await page.locator("#calendar-view").selectOption("students:7A");
    const ics = (await download(page, 'a[data-format="ics"]')).body.toString("utf8");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect((ics.match(/BEGIN:VEVENT/g) ?? []).length).toBe(17); // one weekly event per lesson of 7A
    expect(ics).toContain("SUMMARY:Maths");
  });
});
