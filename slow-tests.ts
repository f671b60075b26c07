/**
 * Slow tests: fuzzing, solution-quality checks and the route audits. They run in their own Vitest
 * projects — `slow` (core/, plain Node: core/vitest.slow.config.ts), `slow-worker` (inside workerd,
 * a runtime per file: worker/vitest.slow.config.ts) and `slow-browser` (Chromium:
 * e2e/vitest.slow.config.ts) — which `npm test` leaves out and `npm run test:slow` runs; CI
 * (.ci/run) runs both. Globs are relative to the repository root.
 */
export const SLOW_CORE_TESTS = ["core/**/*.fuzz.test.ts", "core/continuous/allocation.test.ts"];
export const SLOW_WORKER_TESTS = ["worker/**/*.fuzz.test.ts"];
/**
 * The route audits: every route of the app at two widths, each in a fresh tab, checked for overflow,
 * console errors and serious axe-core findings (e2e/support/routes.ts). About a third of the browser
 * tests' work (bench/results/test-suite.md); the flows in the other e2e files stay in `npm test`.
 */
export const SLOW_BROWSER_TESTS = ["e2e/routes-*.e2e.ts"];
