import { configDefaults, defineProject } from "vitest/config";
import { SLOW_CORE_TESTS } from "../slow-tests";

// core/ is pure TypeScript: its tests run in plain Node, fast, with no Cloudflare runtime.
// Fuzzing and quality tests (slow-tests.ts) run in the `slow` project (core/vitest.slow.config.ts).
export default defineProject({
  test: {
    name: "core",
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...SLOW_CORE_TESTS.map((glob) => glob.replace(/^core\//, ""))],
    environment: "node",
    // core/ holds no mutable module state and its tests mock nothing: files share one module
    // cache per Vitest worker instead of re-importing the engine for each of them (2x faster).
    isolate: false,
    testTimeout: 60_000,
  },
});
