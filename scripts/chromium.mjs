/**
 * Which Chromium the browser tests drive (e2e/support/browser.ts) and `npm test` makes sure of
 * (scripts/ensure-chromium.mjs): CHROMIUM_PATH when set, else Debian's `chromium-headless-shell`
 * (Chromium's old headless mode, a build without the browser's UI, the one Playwright itself uses
 * for headless runs), else Debian's full `chromium`. The shell does the same page work with less
 * around it: e2e/routes-public.e2e.ts alone, 65 → 53 CPU-s of Chromium at load 10
 * (bench/results/test-suite.md).
 */
import { accessSync, constants } from "node:fs";

/** The Debian package to install when no Chromium is found. */
export const CHROMIUM_PACKAGE = "chromium-headless-shell";

export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];

/** CHROMIUM_PATH, or the first of CHROMIUM_CANDIDATES that exists and is executable (the first one when none is). */
export function chromiumPath(env = process.env) {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  for (const candidate of CHROMIUM_CANDIDATES) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here: try the next.
    }
  }
  return CHROMIUM_CANDIDATES[0];
}
