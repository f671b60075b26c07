import { configDefaults, defineProject } from "vitest/config";

/**
 * A browser-test project: real headless Chromium (Debian's package, driven by playwright-core) against
 * the app started the way `npm run dev` starts it (global-setup.ts). The files run two at a time (the
 * root config's maxWorkers): they share one wrangler dev and one Chromium, each signs up its own
 * organizations, and they mostly wait for the network and the browser. (Three at a time measured no
 * faster in a clean-clone run: the machine is saturated by the other steps; bench/results/test-suite.md.)
 * Used by `e2e` (e2e/vitest.config.ts) and by the route audits' `slow-browser` (e2e/vitest.slow.config.ts).
 */
export function e2eProject(name: string, include: string[], exclude: string[] = []) {
  return defineProject({
    test: {
      name,
      root: import.meta.dirname,
      include,
      exclude: [...configDefaults.exclude, ...exclude],
      environment: "node",
      // The files share one module cache per Vitest worker: playwright-core and the support modules are
      // imported once per worker, not once per file (the files keep no module state of their own; each
      // opens and closes its own browser profiles).
      isolate: false,
      globalSetup: ["./global-setup.ts"],
      testTimeout: 120_000,
      hookTimeout: 180_000,
    },
  });
}

/** A glob of slow-tests.ts (relative to the repository root) relative to e2e/. */
export const fromE2e = (glob: string) => glob.replace(/^e2e\//, "");
