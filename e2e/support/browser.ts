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
/**
 * `--process-per-site`: the tabs of one profile showing our origin share one renderer process instead
 * of one each, so a tab costs no process start, and V8's caches (the app's bundles, axe-core in
 * e2e/support/routes.ts) serve every page after the first. Each page keeps its own window and
 * document. An audit-like sweep (16 visits with axe) measured 26.8 → 19.8 CPU-s of Chromium
 * (bench/results/test-suite.md).
 */
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--process-per-site"];
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
    reportServerTrouble(context);
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

/**
 * Prints each request of the profile that failed in the network or was answered with a 5xx, with
 * its time, so a test that then waits in vain says why (a 5xx a test expects, such as
 * billing-unavailable's 503, is printed too). wrangler dev's proxy, for one, answers a POST with 503
 * "Your worker restarted mid-request" when its connection to the Worker breaks.
 */
function reportServerTrouble(context: BrowserContext): void {
  const stamp = () => new Date().toISOString().slice(11, 23);
  context.on("requestfailed", (request) => {
    const why = request.failure()?.errorText ?? "failed";
    // A tab closed or a navigation that replaced a load cancels GETs on purpose.
    if (why === "net::ERR_ABORTED" && request.method() === "GET") return;
    console.warn(`[e2e ${stamp()}] ${request.method()} ${request.url()}: ${why}`);
  });
  context.on("response", (response) => {
    if (response.status() < 500) return;
    const request = response.request();
    void response
      .text()
      .catch(() => "")
      .then((body) => console.warn(`[e2e ${stamp()}] ${request.method()} ${request.url()}: ${response.status()} ${body.slice(0, 200)}`));
  });
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
