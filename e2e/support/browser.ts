/**
 * Debian's Chromium driven by playwright-core: never a downloaded browser. Each test file gets its
 * own browser with a fresh profile (user-data-dir) so sessions never leak between flows.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** How long a navigation (goto, waitForURL, a click that navigates) may take. */
export const NAVIGATION_TIMEOUT_MS = 60_000;
export const SCREENSHOTS = resolve(import.meta.dirname, "../../artifacts/screenshots");

export interface BrowserSession {
  baseURL: string;
  context: BrowserContext;
  page: Page;
  /** A second, independent browser profile (another person), e.g. for tenant isolation. */
  openProfile(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** Start Chromium with a fresh profile; `close()` removes every profile it made. */
export async function openBrowser(): Promise<BrowserSession> {
  const baseURL = inject("baseURL");
  const dirs: string[] = [];
  const contexts: BrowserContext[] = [];
  const launch = async () => {
    const dir = mkdtempSync(join(tmpdir(), "evolve-chromium-"));
    dirs.push(dir);
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      baseURL,
      acceptDownloads: true,
      viewport: { width: 1280, height: 860 },
    });
    // Element waits stay at 20 s; a navigation waits for server work (a sign-up hashes its password with
    // scrypt inside workerd, a job page solves), which on two cores shared with the rest of `npm test`
    // took over 20 s once at load 15: 60 s for those, a time that measures the machine, not the app.
    context.setDefaultTimeout(20_000);
    context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
    contexts.push(context);
    const page = context.pages()[0] ?? (await context.newPage());
    return { context, page };
  };
  const first = await launch();
  return {
    baseURL,
    ...first,
    openProfile: launch,
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Save a full-page screenshot as artifacts/screenshots/<name>.png (listed in the closing note). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
