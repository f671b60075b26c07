/**
 * Slow tests: fuzzing and solution-quality checks of the engine. They run in their own Vitest
 * project, `slow` (core/, plain Node: core/vitest.slow.config.ts), which `npm test` (and so CI)
 * runs with everything else; `npm run test:fast` skips it while developing. Globs are relative to
 * the repository root. The Worker's fuzz tests (worker/ops/fuzz/) are part of the `worker` project:
 * a few seconds each since they call the Worker's handler directly (worker/test/fixtures.ts).
 */
export const SLOW_CORE_TESTS = ["core/**/*.fuzz.test.ts", "core/continuous/allocation.test.ts"];
