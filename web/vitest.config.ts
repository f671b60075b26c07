import { defineProject } from "vitest/config";
import { importAliases } from "../import-aliases";

// Pure helpers of the web app (no React rendering, no Worker): plain Node, fast. Pages and flows
// are tested in real Chromium by the e2e project.
export default defineProject({
  resolve: { alias: importAliases },
  test: {
    name: "web",
    root: import.meta.dirname,
    include: ["app/**/*.test.ts"],
    environment: "node",
  },
});
