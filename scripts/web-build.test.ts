// package.json's `build`: the web app's client bundle is React's production build even when the caller's
// NODE_ENV says otherwise (Vitest sets "test", and the e2e set-up rebuilds a stale app from inside Vitest:
// scripts/local-stack.ts ensureWebBuild). A development React is about twice the size and slower to hydrate.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./local-stack";

/** A string only React's development build contains (a forwardRef warning). */
const DEVELOPMENT_REACT = "Did you forget to use the ref parameter?";

describe("the web app's build", () => {
  it("sets NODE_ENV=production itself, and the client bundle at hand holds no development React", () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    expect(scripts.build).toMatch(/^NODE_ENV=production remix vite:build /);
    // npm test's platform step runs after its build step, so the bundle is there to look at.
    const assets = join(ROOT, "web/build/client/assets");
    const bundles = existsSync(assets) ? readdirSync(assets).filter((f) => f.endsWith(".js")) : [];
    for (const file of bundles) expect(readFileSync(join(assets, file), "utf8").includes(DEVELOPMENT_REACT), file).toBe(false);
  });
});
