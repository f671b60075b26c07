import { defineConfig } from "vitest/config";
import WatchdogReporter from "./scripts/watchdog-reporter";

// Projects: core/ in plain Node, worker/ inside workerd (worker/vitest.config.ts; worker/vitest.fresh.config.ts for
// the few files that need a runtime of their own), scripts/ repo checks ("tooling"),
// web/ pure helpers, e2e/ in real headless Chromium against wrangler dev (e2e/global-setup.ts), and the slow
// tests (fuzzing, solution quality; slow-tests.ts) as "slow" (Node) and "slow-worker" (workerd), which
// `npm run test:fast` skips.
export default defineConfig({
  test: {
    // The Worker logs one JSON line per request; keep test output to warnings and errors.
    onConsoleLog: (log) => !log.includes('"level":"info"'),
    // Two test files at a time across all projects (Vitest's default is one on a 2-core machine):
    // Worker and browser tests spend much of their time waiting (alarms, queues, Chromium), and each
    // Worker test file starts its own workerd. bench/results/test-suite.md has the figures.
    maxWorkers: 2,
    // The default output, plus a line every 3 minutes naming any file still running by then
    // (scripts/watchdog-reporter.ts): a stuck run says where it is stuck.
    reporters: ["default", new WatchdogReporter()],
    projects: [
      "core/vitest.config.ts",
      "worker/vitest.config.ts",
      "worker/vitest.fresh.config.ts",
      "scripts/vitest.config.ts",
      "web/vitest.config.ts",
      "e2e/vitest.config.ts",
      "core/vitest.slow.config.ts",
      "worker/vitest.slow.config.ts",
    ],
  },
});
