/**
 * The timetabling form editor: build a week in the form (a room and a course added, keyboard
 * first), see the service's error on the right row for a bad value, fix it, see the size against
 * the plan, run the job and find the new course in the result grid.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, saveScreenshot, savedDownload, type BrowserSession } from "./support/browser";
import { signUp } from "./support/fixtures";

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

/** The error text an input points at with aria-describedby ("" when it points at none). */
async function describedError(page: Page, label: string): Promise<string> {
  const ids = (await page.getByLabel(label, { exact: true }).getAttribute("aria-describedby")) ?? "";
  const texts = await Promise.all(
    ids
      .split(" ")
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  return texts.join(" ");
}

describe("timetabling form editor", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it("builds a timetable in the form, fixes a field error and runs it to a grid", async () => {
    const { page } = b;
    await signUp(page, "editor");
    await page.goto("/app/jobs/new");
    await page.getByLabel("Build it in a form").check();
    const editor = page.getByTestId("timetable-editor");
    await editor.waitFor();
    // The example is there to start from.
    expect(await page.getByLabel("Course 1 Id", { exact: true }).inputValue()).toBe("MATH1");
    expect(await editor.locator(".tt-rows").nth(2).locator("> li").count()).toBe(2); // rooms

    // Adding a row puts the focus in it: a keyboard user types straight away.
    await page.getByRole("button", { name: "Add room" }).click();
    expect(await focusedId(page)).toBe(await page.getByLabel("Room 3 Id", { exact: true }).getAttribute("id"));
    await page.keyboard.type("C3");
    await page.keyboard.press("Tab");
    await page.keyboard.type("25");
    expect(await page.getByLabel("Room 3 Capacity", { exact: true }).inputValue()).toBe("25");

    // A period added and removed again leaves four.
    await page.getByRole("button", { name: "Add period" }).click();
    await page.getByRole("button", { name: "Remove Period 5" }).click();
    await page.waitForFunction(() => document.activeElement?.textContent === "Add period"); // focus stays in the table
    expect(await page.getByLabel(/^Period \d+ Id$/).count()).toBe(4);

    // A new course: taught by smith, for group year2, with more lectures than the week has periods.
    await page.getByRole("button", { name: "Add course" }).click();
    await page.keyboard.type("CHEM1");
    await page.getByLabel("Course 4 Instructor", { exact: true }).selectOption({ label: "smith" });
    await page.getByLabel("Course 4 Lectures / week", { exact: true }).fill("99");
    await page.getByLabel("Course 4 in year2", { exact: true }).check();
    // The same membership shows on the group's row.
    expect(await page.getByLabel("Group 2 takes CHEM1", { exact: true }).isChecked()).toBe(true);

    await page.getByRole("button", { name: "Validate" }).click();
    await page.getByText("Timetable form has problems").waitFor();
    const bad = page.getByLabel("Course 4 Lectures / week", { exact: true });
    expect(await bad.getAttribute("aria-invalid")).toBe("true");
    expect(await describedError(page, "Course 4 Lectures / week")).toMatch(/99 lectures do not fit in 20 periods/);
    expect(await page.getByLabel("Course 1 Lectures / week", { exact: true }).getAttribute("aria-invalid")).toBeNull();
    expect(await editor.locator(".tt-row.has-error").count()).toBe(1);
    await saveScreenshot(page, "35-timetable-editor-field-error");

    await bad.fill("2");
    // A weight that is not a number is named on its own field; 3 is accepted.
    await page.getByText("Soft-constraint weights (optional)").click();
    // Weights are labelled in words (web/app/components/labels.ts), not by their code names.
    const weight = page.getByLabel("Room stability (one room per course)", { exact: true });
    await weight.fill("lots");
    await page.getByRole("button", { name: "Validate" }).click();
    // (The "has problems" summary is still up from the last round: wait for the new answer itself.)
    await page.locator('#tt-weight-roomStability[aria-invalid="true"]').waitFor();
    await page.getByText("Timetable form has problems").waitFor();
    expect(await bad.getAttribute("aria-invalid")).toBeNull();
    await weight.fill("3");
    await page.getByRole("button", { name: "Validate" }).click();
    await page.getByText("Timetable form is valid").waitFor();
    expect(await bad.getAttribute("aria-invalid")).toBeNull();
    // Size against the plan, like the upload and demo paths.
    const sizes = page.locator("table.data", { has: page.locator("caption", { hasText: "Problem size against the" }) });
    expect(await sizes.locator("tbody tr").count()).toBeGreaterThan(0);
    await expect(sizes.textContent()).resolves.toMatch(/lectures\s*9/);
    await saveScreenshot(page, "36-timetable-editor");

    // Phone width: the editor's rows wrap instead of widening the page.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, "36b-timetable-editor-phone");
    await page.setViewportSize({ width: 1280, height: 860 });

    await page.getByLabel("Evaluation budget").fill("20000");
    await Promise.all([page.waitForURL(/\/app\/jobs\/(?!new)[^/]+$/), page.getByRole("button", { name: "Start job" }).click()]);
    await page.getByTestId("timetable-grid").waitFor({ timeout: 90_000 });
    expect(await page.locator("[data-counter=State]").textContent()).toBe("succeeded");

    // CHEM1's two lectures are in smith's week, with the period labels typed in the form.
    await page.getByLabel("View by").selectOption("instructor");
    await page.locator("#grid-owner").selectOption({ label: "smith" });
    const grid = page.getByTestId("timetable-grid");
    // Each lecture block is named by its visible text first (course · room), then "lecture N, day period, room".
    expect(await grid.locator('button.lecture[aria-label^="CHEM1 · "][aria-label*=": lecture "]').count()).toBe(2);
    expect(await grid.locator('button.lecture[aria-label^="MATH1 · "][aria-label*=": lecture "]').count()).toBe(3);
    await expect(grid.locator("tbody th").first().textContent()).resolves.toBe("09:00");
    await saveScreenshot(page, "37-timetable-editor-job-grid");
  });

  it("opens the comp01 demo in the form to edit it", async () => {
    const { page } = b;
    await page.goto("/app/jobs/new?editor=1");
    await page.getByTestId("timetable-editor").waitFor();
    await page.getByRole("button", { name: "Open demo in the form" }).click();
    await page.getByText("comp01.ctt is valid").waitFor();
    expect(await page.getByLabel(/^Course \d+ Id$/).count()).toBe(30);
    expect(await page.getByLabel(/^Room \d+ Id$/).count()).toBe(6);
    // The ITC unavailability constraints have no input here; they are kept and sent back.
    await expect(page.getByTestId("timetable-editor-summary").textContent()).resolves.toMatch(/160 lectures .* 5 days × 6 periods × 6 rooms.*kept as they were/);

    // What the form holds downloads as a model document, and that file opens in the form again.
    await page.getByLabel("Course 1 Id", { exact: true }).fill("RENAMED");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as JSON" }).click()]);
    const file = await savedDownload(download);
    const model = JSON.parse(readFileSync(file, "utf8"));
    expect(model).toMatchObject({ kind: "timetabling", format: "model" });
    expect(model.courses).toHaveLength(30);
    expect(model.courses[0].id).toBe("RENAMED");
    expect(model.courses.filter((c: { unavailable?: unknown[] }) => c.unavailable?.length).length).toBeGreaterThan(0);

    await page.getByLabel("Open a file in the form").setInputFiles({ name: "mine.json", mimeType: "application/json", buffer: readFileSync(file) });
    await page.getByRole("button", { name: "Open in the form" }).click();
    await page.getByText("mine.json is valid").waitFor();
    expect(await page.getByLabel("Course 1 Id", { exact: true }).inputValue()).toBe("RENAMED");
    expect(await page.getByLabel(/^Course \d+ Id$/).count()).toBe(30);
  });
});
