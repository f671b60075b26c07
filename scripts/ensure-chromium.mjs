#!/usr/bin/env node
/**
 * First step of `npm test` and `npm run test:slow`: the browser tests (e2e/) drive Debian's Chromium through playwright-core,
 * never a downloaded browser. If it is missing, install it when we can (root on a Debian/Ubuntu
 * machine), otherwise stop at once with the one-line fix, instead of fifteen failed browser tests later.
 *
 * Where it looks (scripts/chromium.mjs, as e2e/support/browser.ts does): CHROMIUM_PATH, else Debian's
 * chromium-headless-shell, else Debian's chromium. What it installs: chromium-headless-shell.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { CHROMIUM_PACKAGE, chromiumPath } from "./chromium.mjs";

const FIX = `sudo apt-get install -y ${CHROMIUM_PACKAGE}   (or set CHROMIUM_PATH to a Chromium or Chrome binary)`;

function runnable(file) {
  try {
    accessSync(file, constants.X_OK);
    return spawnSync(file, ["--version"], { stdio: "ignore", timeout: 30_000 }).status === 0;
  } catch {
    return false;
  }
}

function hasCommand(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

if (runnable(chromiumPath())) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (process.env.CHROMIUM_PATH === undefined && isRoot && hasCommand("apt-get")) {
  console.error(`Chromium is missing: installing Debian's ${CHROMIUM_PACKAGE} for the browser tests (apt-get install -y ${CHROMIUM_PACKAGE})…`);
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", CHROMIUM_PACKAGE], { stdio: "inherit", env });
  } catch {
    console.error(`Could not install Chromium. Fix: ${FIX}`);
    process.exit(1);
  }
  if (runnable(chromiumPath())) process.exit(0);
}

console.error(`Chromium not found at ${chromiumPath()}; the browser tests need it. Fix: ${FIX}`);
process.exit(1);
