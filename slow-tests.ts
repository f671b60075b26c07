/**
 * Slow tests: fuzzing and solution-quality checks. They run in their own Vitest projects —
 * `slow` (core/, plain Node: core/vitest.slow.config.ts) and `slow-worker` (inside workerd, a
 * runtime per file: worker/vitest.slow.config.ts) — which `npm test` leaves out and
 * `npm run test:slow` runs; CI (.ci/run) runs both. Globs are relative to the
 * repository root.
 */
export const SLOW_CORE_TESTS = ["core/**/*.fuzz.test.ts", "core/continuous/allocation.test.ts"];
export const SLOW_WORKER_TESTS = ["worker/**/*.fuzz.test.ts"];
