import { defineConfig } from "vitest/config";

// Two projects: core/ in plain Node, worker/ inside workerd (see worker/vitest.config.ts).
export default defineConfig({
  test: {
    projects: ["core/vitest.config.ts", "worker/vitest.config.ts", "scripts/vitest.config.ts"],
  },
});
