import { defineProject } from "vitest/config";

// Checks of the repository itself (schema vs migrations, scripts), in plain Node.
export default defineProject({
  test: { name: "tooling", root: import.meta.dirname, include: ["**/*.test.ts"], environment: "node", testTimeout: 120_000 },
});
