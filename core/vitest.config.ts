import { defineProject } from "vitest/config";

// core/ is pure TypeScript: its tests run in plain Node, fast, with no Cloudflare runtime.
export default defineProject({
  test: {
    name: "core",
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
  },
});
