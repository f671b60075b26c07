import { defineProject } from "vitest/config";

// End-to-end tests: real headless Chromium (Debian's package, driven by playwright-core) against the
// app started the way `npm run dev` starts it (see global-setup.ts). Two files at a time (the root
// config's maxWorkers): they share one wrangler dev and one Chromium, each signs up its own
// organizations, and they mostly wait for the network and the browser. (Three at a time measured no
// faster in a clean-clone run: the machine is saturated by the other steps; bench/results/test-suite.md.)
export default defineProject({
  test: {
    name: "e2e",
    root: import.meta.dirname,
    include: ["**/*.e2e.ts", "support/**/*.test.ts"],
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
