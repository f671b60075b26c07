import { defineProject } from "vitest/config";

// End-to-end tests: real headless Chromium (Debian's package, driven by playwright-core) against the
// app started the way `npm run dev` starts it (see global-setup.ts). Files run one after another:
// they share one wrangler dev and the machine's few cores.
export default defineProject({
  test: {
    name: "e2e",
    root: import.meta.dirname,
    include: ["**/*.e2e.ts"],
    environment: "node",
    globalSetup: ["./global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
