/**
 * Debian's Chromium (its headless shell when installed: scripts/chromium.mjs) driven by playwright-core:
 * never a downloaded browser. One Chromium serves the
 * whole run (started by e2e/global-setup.ts with `launchBrowserServer`); each test file connects to
 * it and works in browser contexts of its own: a context is a fresh profile (its own cookies and
 * storage), so sessions never leak between flows, without a Chromium start per profile (about
 * 1 CPU-s each on this 2-core machine, 38 of them in the suite).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserServer, type Download, type Page } from "playwright-core";
import { inject } from "vitest";
import { chromiumPath } from "../../scripts/chromium.mjs";

const CHROMIUM = chromiumPath();
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** How long a navigation (goto, waitForURL, a click that navigates) may take. */
export const NAVIGATION_TIMEOUT_MS = 60_000;
export const SCREENSHOTS = resolve(import.meta.dirname, "../../artifacts/screenshots");

/** The run's Chromium, headless, for the test files to connect to (`browserWSEndpoint`). */
export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

export interface BrowserSession {
  baseURL: string;
  context: BrowserContext;
  page: Page;
  /** A second, independent browser profile (another person), e.g. for tenant isolation. */
  openProfile(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** Connect to the run's Chromium with a fresh profile; `close()` closes every profile it made. */
export async function openBrowser(): Promise<BrowserSession> {
  const baseURL = inject("baseURL");
  const browser: Browser = await chromium.connect(inject("browserWSEndpoint"));
  const launch = async () => {
    const context = await browser.newContext({ baseURL, acceptDownloads: true, viewport: { width: 1280, height: 860 } });
    // Element waits stay at 20 s; a navigation waits for server work (a sign-up hashes its password with
    // scrypt inside workerd, a job page solves), which on two cores shared with the rest of `npm test`
    // took over 20 s once at load 15: 60 s for those, a time that measures the machine, not the app.
    context.setDefaultTimeout(20_000);
    context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
    const page = await context.newPage();
    return { context, page };
  };
  const first = await launch();
  return {
    baseURL,
    ...first,
    openProfile: launch,
    async close() {
      for (const c of browser.contexts()) await c.close().catch(() => {});
      await browser.close().catch(() => {});
    },
  };
}

/** Where a finished download is on this machine: the browser runs beside the test process, so the file is copied here first. */
export async function savedDownload(download: Download): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "evolve-download-")), download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** Save a full-page screenshot as artifacts/screenshots/<name>.png (listed in the closing note). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
