/**
 * Start and stop the whole product locally the way `npm run dev` does — D1 migrations applied,
 * then `wrangler dev` with local D1/R2/DO/Queues — in a chosen state folder on a free port.
 * Used by the load test, the fault tests (which stop and restart the server on the same state)
 * and the browser tests. Secrets come from .dev.vars.example with a fresh auth secret.
 *
 * The web app is built at most once: wrangler runs with a copy of wrangler.toml without its
 * [build] table (wrangler would otherwise run `npm run build` at start, again when its file
 * watcher is ready, and on every later change under web/app). `ensureWebBuild` rebuilds only when
 * a source of the server bundle is newer than web/build/server/index.js — never right after
 * `npm test`'s own `npm run build`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..");
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");

export interface LocalStack {
  baseURL: string;
  port: number;
  stateDir: string;
  logPath: string;
  /** Stops wrangler and workerd (SIGTERM to the process group, or SIGKILL for a crash). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  /** Reuse a state folder (restart after a stop); a fresh temporary one otherwise. */
  stateDir?: string;
  port?: number;
  /** Extra `--var NAME:value` settings. */
  vars?: Record<string, string>;
  startTimeoutMs?: number;
}

export function makeStateDir(prefix = "evolve-local-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startLocalStack(options: StartOptions = {}): Promise<LocalStack> {
  const stateDir = options.stateDir ?? makeStateDir();
  mkdirSync(stateDir, { recursive: true });
  // The ports are chosen below the kernel's range for automatic ports, so nothing that listens on
  // port 0 meanwhile (a test's fake Stripe, in the step beside the browser tests) can take them
  // between this check and wrangler's bind: a clean-clone run once saw wrangler dev fail with
  // "Address already in use" and the health check answered by that fake.
  const port = options.port ?? (await findFreePort());
  const inspectorPort = await findFreePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const envFile = join(stateDir, "local.dev.vars");
  if (!existsSync(envFile)) {
    const example = readFileSync(join(ROOT, ".dev.vars.example"), "utf8");
    writeFileSync(envFile, example.replace(/^BETTER_AUTH_SECRET=.*$/m, `BETTER_AUTH_SECRET=${randomBytes(32).toString("hex")}`));
  }
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" };
  ensureWebBuild();
  const config = writeConfigWithoutBuild();

  const migrate = await runWrangler(["d1", "migrations", "apply", "DB", "--local", "--config", config, "--persist-to", stateDir], { timeoutMs: 120_000 });
  if (migrate.status !== 0) throw new Error(`D1 migrations failed (${migrate.why}):\n${migrate.stdout}\n${migrate.stderr}`);

  const logPath = join(stateDir, `wrangler-${Date.now()}.log`);
  const log = createWriteStream(logPath);
  const vars = { APP_URL: baseURL, ...options.vars };
  const args = ["dev", "--config", config, "--port", String(port), "--ip", "127.0.0.1", "--inspector-port", String(inspectorPort)];
  args.push("--persist-to", stateDir, "--env-file", envFile, "--show-interactive-dev-session=false");
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const dev = spawn(WRANGLER, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  dev.stdout?.pipe(log, { end: false });
  dev.stderr?.pipe(log, { end: false });
  // When the server ends, its log says how and when (an exit in the middle of a test run otherwise
  // shows only as refused connections).
  // "close", not "exit": it comes after the output streams have ended, so nothing is written after the log's end.
  dev.on("close", (code, signal) => {
    log.end(`\n[local-stack] wrangler dev (pid ${dev.pid}) exited at ${new Date().toISOString()}: code ${code}, signal ${signal}\n`);
  });

  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    stopProcessGroup(dev, signal);
    await new Promise((r) => setTimeout(r, 700));
  };
  try {
    await waitForHealth(baseURL, dev, logPath, options.startTimeoutMs ?? 150_000);
  } catch (err) {
    await stop("SIGKILL");
    throw err;
  }
  return { baseURL, port, stateDir, logPath, stop };
}

/** Sources bundled into web/build/server (the Remix app imports the Worker's services and core/). */
const WEB_BUILD_SOURCES = ["web/app", "web/api-docs", "web/public", "web/vite.config.ts", "worker", "core", "import-aliases.ts", "package-lock.json"];
const WEB_BUILD_OUTPUT = join(ROOT, "web/build/server/index.js");

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.startsWith(".") || entry.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when web/build is missing or older than one of its sources. */
export function webBuildIsStale(): boolean {
  const built = statSync(WEB_BUILD_OUTPUT, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined || !existsSync(join(ROOT, "web/build/client"))) return true;
  return WEB_BUILD_SOURCES.some((source) => newestMtime(join(ROOT, source)) > built);
}

/** Runs `npm run build` once when the web app's build is missing or stale. */
export function ensureWebBuild(): void {
  if (!webBuildIsStale()) return;
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 600_000, killSignal: "SIGKILL" });
  if (build.status !== 0) throw new Error(`npm run build failed${build.error ? ` (${build.error.message})` : ""}:\n${build.stdout}\n${build.stderr}`);
}

/** The [build] table (and its [build.*] subtables) of a wrangler.toml text removed, each up to the next table header. */
export function withoutBuildTable(toml: string): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of toml.split("\n")) {
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (header) skipping = header[1] === "build" || header[1].startsWith("build.");
    if (!skipping) out.push(line);
  }
  return out.join("\n");
}

/**
 * Writes wrangler.toml without [build] next to it (same folder, so every relative path in it
 * still resolves), git-ignored; returns its path.
 */
export function writeConfigWithoutBuild(): string {
  const path = join(ROOT, ".wrangler-local-stack.toml");
  const text = `# Generated by scripts/local-stack.ts from wrangler.toml, without [build]. Do not edit.\n${withoutBuildTable(readFileSync(join(ROOT, "wrangler.toml"), "utf8"))}`;
  if (existsSync(path) && readFileSync(path, "utf8") === text) return path;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return path;
}

export interface CommandResult {
  /** The exit code; null when the command was killed. */
  status: number | null;
  stdout: string;
  stderr: string;
  /** "exit N", or why it was stopped ("timed out after 60 s"). */
  why: string;
}

/**
 * Runs a wrangler command (local D1 work: migrations, `d1 execute`) without blocking the event loop and
 * never for longer than `timeoutMs`: it is killed with its process group then. A synchronous spawn here
 * would also freeze the caller's timers, so a test's own timeout could never fire.
 */
export function runWrangler(args: string[], { timeoutMs = 60_000 }: { timeoutMs?: number } = {}): Promise<CommandResult> {
  return new Promise((done) => {
    const child = spawn(WRANGLER, args, {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d) => (stdout += d));
    child.stderr?.on("data", (d) => (stderr += d));
    let why = "";
    const timer = setTimeout(() => {
      why = `timed out after ${timeoutMs / 1000} s`;
      stopProcessGroup(child, "SIGKILL");
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      done({ status: null, stdout, stderr, why: err.message });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ status: code, stdout, stderr, why: why || `exit ${code}` });
    });
  });
}

export function removeState(stateDir: string): void {
  rmSync(stateDir, { recursive: true, force: true });
}

/** The low end of the kernel's automatic (ephemeral) port range; 32768 where it cannot be read. */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 12_000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const server = createServer();
    server.unref();
    server.once("error", () => ok(false));
    server.listen(port, "127.0.0.1", () => server.close(() => ok(true)));
  });
}

/** A free port on 127.0.0.1 below the automatic range (10000 up to it), so no port-0 listener can take it meanwhile. */
export async function findFreePort(): Promise<number> {
  const high = ephemeralLow();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 10_000 + Math.floor(Math.random() * (high - 10_000));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port found between 10000 and ${high}`);
}

async function waitForHealth(baseURL: string, dev: ChildProcess, logPath: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  let last = "no answer";
  while (Date.now() - started < timeoutMs) {
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
function stopProcessGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}
