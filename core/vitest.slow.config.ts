import { defineProject } from "vitest/config";
import { SLOW_CORE_TESTS } from "../slow-tests";

// The slow part of core/'s tests (fuzzing, solution quality; listed in slow-tests.ts), plain Node.
// `npm run test:slow` runs it (CI, after `npm test`); `npm test` leaves it out.
const root = new URL("..", import.meta.url).pathname;

export default defineProject({
  test: {
    name: "slow",
    root,
    include: SLOW_CORE_TESTS,
    environment: "node",
    // core/ holds no mutable module state and its tests mock nothing: files share one module
    // cache per Vitest worker instead of re-importing the engine for each of them (2x faster).
    isolate: false,
    testTimeout: 120_000,
  },
});
