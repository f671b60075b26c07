/**
 * Editing a solved school timetable and re-solving from it (the demo school, web/app/demo/small-school.fet):
 * drag a lesson onto another lesson of the same teacher → the edit panel lists the clash it breaks;
 * discard; the keyboard / phone way (choose the lesson, a day and an hour, "Move here") → the same
 * clash; pin it; "Re-solve from here" → a fork whose result keeps the pinned lesson where it was
 * pinned, with every hard constraint holding. Desktop and 390 px (no page overflow); screenshots.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, type BrowserSession } from "./support/browser";
import { createJobFromDemo, signUp } from "./support/fixtures";

interface Cell {
  activity: string;
  day: string;
  hour: string;
}

async function cellOf(block: Locator): Promise<Cell> {
  const td = block.locator("xpath=ancestor::td[1]");
  return { activity: (await block.getAttribute("data-activity"))!, day: (await td.getAttribute("data-day"))!, hour: (await td.getAttribute("data-hour"))! };
}

/** Two one-hour lessons of one teacher at different hours: choose the first teacher who has them. */
async function twoSingleLessons(page: Page): Promise<[Locator, Locator]> {
  const grid = page.getByTestId("school-grid");
  const owners = await page.locator("#school-owner option").count();
  for (let i = 0; i < owners; i++) {
    await page.locator("#school-owner").selectOption(String(i));
    const singles = grid.locator('button.block[data-duration="1"]');
    if ((await singles.count()) >= 2) return [singles.nth(0), singles.nth(1)];
  }
  throw new Error("no teacher with two one-hour lessons");
}

/** The edit panel once the server answered the latest edit. */
const checked = (page: Page) => page.locator('[data-testid="school-edit"][data-state="checked"]').waitFor({ timeout: 20_000 });

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe("editing a school timetable and re-solving from it", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("move (drag, or day and hour), see the broken constraint, pin, re-solve: the result keeps the pin", async () => {
    const { page } = b;
    await signUp(page, "school-edit");
    const parentId = await createJobFromDemo(page, "small-school", { evaluations: 300_000 });
    const grid = page.getByTestId("school-grid");
    await grid.waitFor({ timeout: 90_000 });
    await expect(page.getByTestId("school-figures").textContent()).resolves.toMatch(/Every hard constraint holds/);

    // Drag a lesson onto another lesson of the same teacher: a clash, listed before anything is saved.
    let [a, other] = await twoSingleLessons(page);
    const owner = await page.locator("#school-owner").inputValue();
    const from = await cellOf(a);
    const to = await cellOf(other);
    await a.dragTo(other.locator("xpath=ancestor::td[1]"));
    const panel = page.getByTestId("school-edit");
    await checked(page);
    const broken = page.getByTestId("edit-broken");
    await expect(panel.textContent()).resolves.toContain("1 lesson moved, 0 pinned.");
    await expect(broken.textContent()).resolves.toMatch(/\(hard\): 0 → [1-9]/);
    await expect(page.getByTestId("edit-figures").textContent()).resolves.toMatch(/Hard violations 0 → [1-9]/);
    const moved = grid.locator(`button.block[data-activity="${from.activity}"]`);
    await expect(cellOf(moved)).resolves.toEqual({ ...from, day: to.day, hour: to.hour });
    expect(await moved.getAttribute("aria-label")).toContain(", moved");
    expect(await grid.locator("button.block.clash").count()).toBeGreaterThanOrEqual(2);
    await saveScreenshot(page, "40-school-edit-dragged");

    // Discard: the solved timetable again.
    await panel.getByRole("button", { name: "Discard changes" }).click();
    await panel.waitFor({ state: "detached" });
    [a, other] = [grid.locator(`button.block[data-activity="${from.activity}"]`), grid.locator(`button.block[data-activity="${to.activity}"]`)];
    await expect(cellOf(a)).resolves.toEqual(from);

    // The keyboard / phone way: choose the lesson, then a day and an hour.
    await a.click();
    const mover = page.getByTestId("move-lesson");
    await mover.locator("#move-day").selectOption(to.day);
    await mover.locator("#move-hour").selectOption(to.hour);
    await mover.getByRole("button", { name: "Move here" }).click();
    await checked(page);
    await expect(cellOf(grid.locator(`button.block[data-activity="${from.activity}"]`))).resolves.toEqual({ ...from, day: to.day, hour: to.hour });
    const brokenText = (await page.getByTestId("edit-broken").textContent()) ?? "";
    expect(brokenText).toMatch(/\(hard\): 0 → [1-9]/);
    expect(brokenText).not.toMatch(/Constraint[A-Z]/);

    // Pin it where it now is.
    await page.getByTestId("move-lesson").getByRole("button", { name: "Pin (lock its start)" }).click();
    await checked(page);
    await expect(panel.textContent()).resolves.toContain("1 lesson moved, 1 pinned.");
    await expect(grid.locator(`button.block[data-activity="${from.activity}"]`).getAttribute("aria-label")).resolves.toContain(", pinned");
    await page.getByTestId("move-lesson").getByRole("button", { name: "Unpin" }).waitFor();
    await page.getByTestId("edit-broken").waitFor();
    await expect(page.getByTestId("edit-figures").textContent()).resolves.toMatch(/Hard violations 0 → [1-9]/);
    await saveScreenshot(page, "41-school-edit-pinned");
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflow(page)).toBeLessThanOrEqual(390);
    await panel.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "41b-school-edit-pinned-phone");
    await page.setViewportSize({ width: 1280, height: 860 });

    // Re-solve from here: a fork of the job, starting from the edit with the pin locked.
    await page.getByLabel("Evaluations for the re-solve").fill("150000");
    await Promise.all([page.waitForURL((u) => /\/app\/jobs\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith(parentId)), page.getByRole("button", { name: "Re-solve from here" }).click()]);
    // The URL changes before the child's page has rendered: wait for its header line, not the first read.
    await page.locator("h1 + p", { hasText: "forked from" }).waitFor();
    const child = page.getByTestId("school-grid");
    await child.waitFor({ timeout: 90_000 });
    await expect(page.getByTestId("school-figures").textContent()).resolves.toMatch(/Every hard constraint holds/);
    await page.locator("#school-owner").selectOption(owner);
    await expect(cellOf(child.locator(`button.block[data-activity="${from.activity}"]`))).resolves.toEqual({ ...from, day: to.day, hour: to.hour });
    // The child's own problem locks the pin: the page marks the lesson pinned.
    await expect(child.locator(`button.block[data-activity="${from.activity}"]`).getAttribute("aria-label")).resolves.toContain(", pinned");
    // The lesson it clashed with moved away.
    await expect(cellOf(child.locator(`button.block[data-activity="${to.activity}"]`))).resolves.not.toEqual(to);
    await saveScreenshot(page, "42-school-resolved-keeps-pin");
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflow(page)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, "42b-school-resolved-phone");
    await page.setViewportSize({ width: 1280, height: 860 });

    // The comparison names the school's own figures.
    await page.getByRole("link", { name: "Compare with parent" }).click();
    await expect(page.getByTestId("compare-figures").textContent()).resolves.toMatch(/Hard violations.*Soft penalty \(FET weights\)/);
  });
});
