import { existsSync } from "node:fs";
import { defineConfig } from "vitest/config";
import WatchdogReporter from "./scripts/watchdog-reporter";

// Projects: core/ in plain Node, worker/ inside workerd (worker/vitest.config.ts), scripts/ repo checks ("tooling"),
// web/ pure helpers, e2e/ in real headless Chromium against wrangler dev (e2e/global-setup.ts), and the slow tests
// (fuzzing, solution quality, route audits; slow-tests.ts) as "slow" (Node), "slow-worker" (workerd) and "slow-browser"
// (Chromium), which `npm test` leaves out and `npm run test:slow` (CI too) runs.
/**
 * The projects in three groups. scripts/test-run.mjs (`npm test`) runs each group as its own Vitest
 * process, side by side (EVOLVE_TEST_PROJECTS=node|platform|browser picks groups; unset: all):
 * `node` needs nothing built; `platform` (the Worker in workerd, and the repository checks, whose
 * deploy dry run bundles the app) and `browser` need the web build (the Worker imports
 * web/build/server); the browser tests, which mostly wait, overlap the CPU-bound ones.
 */
export const PROJECT_GROUPS = {
  node: ["core/vitest.config.ts", "web/vitest.config.ts", "core/vitest.slow.config.ts"],
  platform: ["worker/vitest.config.ts", "worker/vitest.slow.config.ts", "scripts/vitest.config.ts"],
  browser: ["e2e/vitest.config.ts", "e2e/vitest.slow.config.ts"],
} as const;

/**
 * The project configs of the named groups (unset: all). Unset on a clone with no web build yet
 * (`built` false), only the `node` group: the Worker's config needs web/build/client to exist even
 * to be loaded, and `npx vitest run --project core` on a fresh clone should run core, not fail on
 * a project it was not asked for. `npm test` names its groups, and builds first.
 */
export function projectsFor(groups: string | undefined, built = true): string[] {
  if (!groups && !built) {
    console.warn("vitest.config.ts: no web build (web/build/client), so only the projects that need none (core, web, slow); `npm run build` for the rest.");
    return [...PROJECT_GROUPS.node];
  }
  if (!groups) return Object.values(PROJECT_GROUPS).flat();
  return groups.split(",").flatMap((g) => {
    const projects = PROJECT_GROUPS[g.trim() as keyof typeof PROJECT_GROUPS];
    if (!projects) throw new Error(`EVOLVE_TEST_PROJECTS: unknown group "${g}" (known: ${Object.keys(PROJECT_GROUPS).join(", ")})`);
    return projects;
  });
}

const JSON_OUTPUT = process.env.VITEST_JSON_OUTPUT;

export default defineConfig({
  test: {
    // The Worker logs one JSON line per request; keep test output to warnings and errors.
    onConsoleLog: (log) => !log.includes('"level":"info"'),
    // Two test files at a time across all projects (Vitest's default is one on a 2-core machine):
    // Worker and browser tests spend much of their time waiting (alarms, queues, Chromium), and each
    // Worker test file starts its own workerd. bench/results/test-suite.md has the figures.
    maxWorkers: 2,
    // The default output, plus a line every 3 minutes naming any file still running by then
    // (scripts/watchdog-reporter.ts): a stuck run says where it is stuck. VITEST_JSON_OUTPUT=<file>
    // adds Vitest's JSON report (scripts/test-run.mjs sets it under TEST_REPORT_DIR).
    reporters: ["default", new WatchdogReporter(), ...(JSON_OUTPUT ? ["json"] : [])],
    outputFile: JSON_OUTPUT ? { json: JSON_OUTPUT } : undefined,
    projects: projectsFor(process.env.EVOLVE_TEST_PROJECTS, existsSync(new URL("web/build/client", import.meta.url))),
  },
});
