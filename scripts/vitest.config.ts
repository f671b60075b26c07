import { defineProject } from "vitest/config";
import { importAliases } from "../import-aliases";

// Checks of the repository itself (schema vs migrations, scripts), in plain Node.
export default defineProject({
  // @core/… and @worker/… for scripts that run the engine (scripts/contribute.ts).
  resolve: { alias: importAliases },
  test: { name: "tooling", root: import.meta.dirname, include: ["**/*.test.ts"], environment: "node", testTimeout: 120_000 },
});
