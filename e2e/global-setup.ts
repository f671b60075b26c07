/**
 * Starts the whole product the way `npm run dev` does — D1 migrations applied to a local state,
 * then `wrangler dev` — but in a throw-away state folder on a free port, with secrets from a
 * temporary copy of .dev.vars.example (a clean clone has no .dev.vars). `npm test` has already
 * built the web app; wrangler's [build] step may rebuild it, which is harmless.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const ROOT = resolve(import.meta.dirname, "..");
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");
const START_TIMEOUT_MS = 150_000;

export default async function setup(project: TestProject) {
  mkdirSync(join(ROOT, "artifacts/screenshots"), { recursive: true });
  // While developing the tests: E2E_BASE_URL=http://127.0.0.1:8787 reuses a running `npm run dev`.
  if (process.env.E2E_BASE_URL) {
    project.provide("baseURL", process.env.E2E_BASE_URL);
    return;
  }
  const state = mkdtempSync(join(tmpdir(), "evolve-e2e-"));
  const port = await findFreePort();
  const inspectorPort = await findFreePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const envFile = writeEnvFile(state);
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" };

  const migrate = spawnSync(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  if (migrate.status !== 0) throw new Error(`D1 migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);

  const logPath = join(state, "wrangler.log");
  const log = createWriteStream(logPath);
  const dev = spawn(
    WRANGLER,
    [
      "dev",
      "--port", String(port),
      "--ip", "127.0.0.1",
      "--inspector-port", String(inspectorPort),
      "--persist-to", state,
      "--env-file", envFile,
      // Auth checks the browser's origin against APP_URL, so it must be this server's origin.
      "--var", `APP_URL:${baseURL}`,
      "--show-interactive-dev-session=false",
    ],
    { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  dev.stdout?.pipe(log);
  dev.stderr?.pipe(log);

  const stop = () => stopProcessGroup(dev);
  try {
    await waitForHealth(baseURL, dev, logPath);
  } catch (err) {
    stop();
    throw err;
  }
  project.provide("baseURL", baseURL);
  process.env.E2E_WRANGLER_LOG = logPath;

  return async () => {
    stop();
    await new Promise((r) => setTimeout(r, 500));
    if (!process.env.E2E_KEEP_STATE) rmSync(state, { recursive: true, force: true });
  };
}

/** Secrets for this run: .dev.vars.example with a fresh auth secret (as `npm run dev` does). */
function writeEnvFile(dir: string): string {
  const example = readFileSync(join(ROOT, ".dev.vars.example"), "utf8");
  const vars = example.replace(/^BETTER_AUTH_SECRET=.*$/m, `BETTER_AUTH_SECRET=${randomBytes(32).toString("hex")}`);
  const path = join(dir, "e2e.dev.vars");
  writeFileSync(path, vars);
  return path;
}

function findFreePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

async function waitForHealth(baseURL: string, dev: ChildProcess, logPath: string): Promise<void> {
  const started = Date.now();
  let last = "no answer";
  while (Date.now() - started < START_TIMEOUT_MS) {
    if (dev.exitCode !== null) break;
    try {
      const res = await fetch(`${baseURL}/v1/health`);
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const tail = readFileSync(logPath, "utf8").split("\n").slice(-40).join("\n");
  throw new Error(`wrangler dev did not become healthy at ${baseURL} (last: ${last}).\n${tail}`);
}

/** wrangler dev spawns workerd; signal the whole group so nothing outlives the run. */
function stopProcessGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
}
