// scripts/chromium.mjs and scripts/ensure-chromium.mjs: which Chromium the browser tests drive, and the one-line fix when there is none.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHROMIUM_CANDIDATES, CHROMIUM_PACKAGE, chromiumPath } from "./chromium.mjs";
import { ROOT } from "./test-run.mjs";

const executable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

describe("the browser tests' Chromium", () => {
  it("is CHROMIUM_PATH when set, else the headless shell before the full browser", () => {
    expect(chromiumPath({ CHROMIUM_PATH: "/opt/chrome/chrome" })).toBe("/opt/chrome/chrome");
    expect(CHROMIUM_CANDIDATES).toEqual(["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"]);
    const found = CHROMIUM_CANDIDATES.find(executable) ?? CHROMIUM_CANDIDATES[0];
    expect(chromiumPath({})).toBe(found);
    expect(CHROMIUM_PACKAGE).toBe("chromium-headless-shell");
  });

  it("stops npm test at once with the one-line fix when the named Chromium is missing (nothing installed)", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "scripts/ensure-chromium.mjs")], { encoding: "utf8", env: { ...process.env, CHROMIUM_PATH: "/nonexistent/chromium" }, timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Chromium not found at /nonexistent/chromium");
    expect(r.stderr).toContain("sudo apt-get install -y chromium-headless-shell");
  });
});
