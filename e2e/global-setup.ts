/**
 * Starts the whole product the way `npm run dev` does (scripts/local-stack.ts: D1 migrations
 * applied, then `wrangler dev`) in a throw-away state folder on a free port, with secrets from a
 * temporary copy of .dev.vars.example (a clean clone has no .dev.vars). `npm test` has already
 * built the web app: wrangler runs without its [build] step, and the app is rebuilt here only when
 * a source is newer than the build (`vitest --project e2e` after an edit).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { findFreePort, ROOT, removeState, startLocalStack } from "../scripts/local-stack";
import { launchBrowserServer } from "./support/browser";
import { startRetryProxy } from "./support/retry-proxy";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** The run's Chromium (e2e/support/browser.ts): every test file connects to it. */
    browserWSEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  mkdirSync(join(ROOT, "artifacts/screenshots"), { recursive: true });
  const browser = await launchBrowserServer();
  project.provide("browserWSEndpoint", browser.wsEndpoint());
  // While developing the tests: E2E_BASE_URL=http://127.0.0.1:8787 reuses a running `npm run dev`.
  if (process.env.E2E_BASE_URL) {
    project.provide("baseURL", process.env.E2E_BASE_URL);
    return () => browser.close();
  }
  // The browser talks to wrangler dev through a proxy that sends a request again when wrangler dev's
  // own proxy failed it (support/retry-proxy.ts); APP_URL is that proxy's origin, the browser's
  // origin, which auth checks.
  const proxyPort = await findFreePort();
  const stack = await startLocalStack({ vars: { APP_URL: `http://127.0.0.1:${proxyPort}` } }).catch(async (e: unknown) => {
    await browser.close();
    throw e;
  });
  const proxy = await startRetryProxy(new URL(stack.baseURL), proxyPort);
  project.provide("baseURL", proxy.url);
  // The demo user exists before the files run side by side (e2e/vitest.config.ts): the seed is
  // idempotent, but two first seeds at once would both sign the demo user up.
  const seed = await fetch(`${stack.baseURL}/api/dev/seed`, { method: "POST", signal: AbortSignal.timeout(60_000) });
  if (seed.status !== 200) {
    await stack.stop();
    await browser.close();
    throw new Error(`POST /api/dev/seed answered ${seed.status}: ${await seed.text()}`);
  }
  process.env.E2E_WRANGLER_LOG = stack.logPath;

  return async () => {
    await browser.close();
    await proxy.close();
    await stack.stop();
    // The server's log outlives the run (artifacts/ is git-ignored): what it said when a test failed.
    copyFileSync(stack.logPath, join(ROOT, "artifacts/e2e-wrangler.log"));
    if (!process.env.E2E_KEEP_STATE) removeState(stack.stateDir);
  };
}
