#!/usr/bin/env node
/**
 * `npm test`: every check of the repository except the slow projects, run side by side instead of
 * one after another, with one combined exit status.
 *
 *   typecheck  npm run typecheck (tsc -b)  ┐
 *   lint       biome check .               │ from the start
 *   build      npm run build (the web app) │
 *   node       vitest: core, web (EVOLVE_TEST_PROJECTS=node; vitest.config.ts's groups)
 *   platform   vitest: worker, tooling                            ┐ once the build is done (the
 *   browser    vitest: e2e (Chromium against wrangler dev)         ┘ Worker imports web/build/server)
 *
 * `npm run test:slow` (--slow) runs the slow projects (fuzzing, solution quality and the route audits,
 * slow-tests.ts): the build, then `slow` (Node), `slow-worker` (workerd) and `slow-browser` (Chromium)
 * in one Vitest process. CI (.ci/run) runs
 * `npm test` and then `npm run test:slow`, so every test runs on every change; developers get the
 * quick part alone.
 *
 * The browser tests wait on the network and the browser far more than they compute, so they run next
 * to the CPU-bound ones. The type-check and lint have no time limits and no one waits for them, so
 * they run at `nice` 10 (they take whatever CPU is left); the tests keep the normal priority, since
 * a test starved by a busy machine's other work fails on its own timeout (seen with the platform
 * tests at `nice` 10: bench/results/test-suite.md).
 *
 * Output: each step's output is kept and printed in one block when the step ends (never two steps'
 * lines mixed), a progress line every minute says what is still running, and the watchdog lines of a
 * Vitest run (scripts/watchdog-reporter.ts) are passed on at once. A step that runs longer than
 * TEST_STEP_TIMEOUT_SECONDS (default 1800) is stopped with its whole process group and counts as
 * failed; so does a step whose prerequisite failed. Extra arguments go to every Vitest step
 * (`npm test -- core/school`). TEST_REPORT_DIR=<dir> also writes each Vitest step's JSON report and
 * the steps' timings (steps.json, or slow-steps.json for --slow) there.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, setPriority } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const ROOT = resolve(import.meta.dirname, "..");
const bin = (name) => join(ROOT, "node_modules/.bin", name);
/** The web app's build: the platform and browser steps wait for it, `--slow` too. */
const BUILD = { name: "build", command: ["npm", "run", "--silent", "build"], after: [], nice: 0 };

/**
 * The steps of a run: name, command, the steps it waits for, its CPU priority (nice) and extra
 * environment. By default every project except the slow ones (`--project=!slow*`); `slow`: only
 * those, after the build.
 */
export function plan({ slow = false, vitestArgs = [] } = {}) {
  const extra = vitestArgs.length ? ["--passWithNoTests", ...vitestArgs] : [];
  if (slow) {
    return [BUILD, { name: "slow", command: [bin("vitest"), "run", "--project=slow*", ...extra], env: { EVOLVE_TEST_PROJECTS: "node,platform,browser" }, after: ["build"], nice: 0, vitest: true }];
  }
  const vitest = (lane) => ({
    command: [bin("vitest"), "run", "--project=!slow*", ...extra],
    env: { EVOLVE_TEST_PROJECTS: lane },
    vitest: true,
  });
  return [
    // `npm run typecheck`: TypeScript 7's tsc -b, named there by path (package.json), about half the CPU
    // of TypeScript 5.9's on a clean clone (bench/results/test-suite.md).
    { name: "typecheck", command: ["npm", "run", "--silent", "typecheck"], after: [], nice: 10 },
    { name: "lint", command: [bin("biome"), "check", "."], after: [], nice: 10 },
    BUILD,
    { name: "node", ...vitest("node"), after: [], nice: 0 },
    { name: "platform", ...vitest("platform"), after: ["build"], nice: 0 },
    { name: "browser", ...vitest("browser"), after: ["build"], nice: 0 },
  ];
}

/** Keeps a step's output (stdout and stderr in arrival order), at most `limit` characters: the head and the tail. */
export class OutputBuffer {
  constructor(limit = 20_000_000) {
    this.limit = limit;
    this.head = "";
    this.tail = "";
    this.dropped = 0;
  }
  write(text) {
    if (this.head.length < this.limit / 2) {
      const room = this.limit / 2 - this.head.length;
      this.head += text.slice(0, room);
      text = text.slice(room);
    }
    if (!text) return;
    this.tail += text;
    if (this.tail.length > this.limit / 2) {
      const cut = this.tail.length - this.limit / 2;
      this.dropped += cut;
      this.tail = this.tail.slice(cut);
    }
  }
  toString() {
    return this.dropped ? `${this.head}\n… ${this.dropped} characters left out …\n${this.tail}` : this.head + this.tail;
  }
}

/** The lines of `chunk` (with what was left over from the last chunk) that a watchdog reporter printed. */
export function watchdogLines(pending, chunk) {
  const text = pending + chunk;
  const lines = text.split("\n");
  const rest = lines.pop() ?? "";
  return { lines: lines.filter((l) => l.includes("[watchdog]")), rest };
}

/** One line per step for the closing summary. */
export function summaryLines(results) {
  const width = Math.max(...results.map((r) => r.name.length));
  return results.map(
    (r) =>
      `  ${r.name.padEnd(width)}  ${r.status.padEnd(9)} ${r.seconds === undefined ? "" : `${r.seconds.toFixed(1).padStart(6)} s`}${r.cpu === undefined ? "" : ` (${r.cpu.toFixed(1)} CPU-s)`}${r.why ? `  ${r.why}` : ""}`,
  );
}

const seconds = (ms) => Math.round(ms / 100) / 10;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** Runs the steps of `plan()`; resolves to 0 when every step passed, 1 otherwise. */
export async function run(steps, { out = process.stdout, stepTimeoutMs = 1_800_000, progressMs = 60_000, reportDir, stepsFile = "steps.json" } = {}) {
  const t0 = Date.now();
  const say = (line) => out.write(`${line}\n`);
  const results = new Map();
  const running = new Map();
  const done = new Map(steps.map((s) => [s.name, deferred()]));
  let cpuSoFar = reapedCpuSeconds() ?? 0;
  say(`[test] ${steps.map((s) => s.name).join(", ")} — ${cpus().length} CPUs, load ${load()}`);

  const progress = setInterval(() => {
    const now = Date.now();
    const busy = [...running.values()].map((r) => `${r.name} ${Math.round((now - r.start) / 1000)} s`);
    const finished = [...results.values()].map((r) => `${r.name} ${r.status}`);
    say(`[test] ${Math.round((now - t0) / 1000)} s: running ${busy.join(", ") || "nothing"}${finished.length ? `; done: ${finished.join(", ")}` : ""} (load ${load()})`);
  }, progressMs);
  progress.unref();

  const stopAll = (signal) => {
    for (const r of running.values()) killGroup(r.child, signal);
  };
  const onSignal = (signal) => {
    say(`[test] ${signal}: stopping ${[...running.keys()].join(", ") || "nothing"}`);
    for (const r of running.values()) r.why = `stopped by ${signal}`;
    stopAll("SIGTERM");
    setTimeout(() => stopAll("SIGKILL"), 5000).unref();
  };
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const s of signals) process.on(s, onSignal);

  const runStep = async (step) => {
    for (const dep of step.after) {
      const r = await done.get(dep).promise;
      if (r.status !== "ok") {
        const result = { name: step.name, status: "skipped", why: `${dep} failed` };
        results.set(step.name, result);
        say(`\n━━ ${step.name}: skipped (${dep} failed) ━━`);
        done.get(step.name).resolve(result);
        return;
      }
    }
    // Every process the step starts inherits this mark, also those that leave its process group.
    const mark = `${process.pid}-${step.name}`;
    const env = { ...process.env, ...step.env, [STEP_MARK]: mark };
    if (out.isTTY && env.FORCE_COLOR === undefined) env.FORCE_COLOR = "1";
    if (reportDir && step.vitest) env.VITEST_JSON_OUTPUT = join(reportDir, `${step.name}.json`);
    const start = Date.now();
    const buffer = new OutputBuffer();
    const child = spawn(step.command[0], step.command.slice(1), { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    if (step.nice && child.pid !== undefined) {
      try {
        setPriority(child.pid, step.nice);
      } catch {
        // Not allowed here: the step runs at the normal priority.
      }
    }
    const entry = { name: step.name, child, start, why: "" };
    running.set(step.name, entry);
    let pending = "";
    const onData = (chunk) => {
      const text = chunk.toString();
      buffer.write(text);
      const w = watchdogLines(pending, text);
      pending = w.rest;
      for (const line of w.lines) say(`[${step.name}] ${line.trim()}`);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const timer = setTimeout(() => {
      entry.why = `no result after ${Math.round(stepTimeoutMs / 1000)} s: stopped`;
      killGroup(child, "SIGTERM");
      setTimeout(() => killGroup(child, "SIGKILL"), 10_000).unref();
    }, stepTimeoutMs);
    let cpu;
    child.on("exit", () => {
      // The step's CPU (its own and its waited-for children's): what the run's reaped children used since the last step ended.
      const total = reapedCpuSeconds();
      if (total !== undefined) {
        cpu = Math.round((total - cpuSoFar) * 10) / 10;
        cpuSoFar = total;
      }
    });
    const { code, signal, error } = await new Promise((res) => {
      child.on("error", (e) => res({ code: null, signal: null, error: e }));
      child.on("close", (c, s) => res({ code: c, signal: s }));
    });
    clearTimeout(timer);
    // Whatever the step left behind goes with it: its process group, and processes that started
    // groups of their own (wrangler dev, Chromium) found by the mark in their environment.
    killGroup(child, "SIGKILL");
    const leftovers = killMarked(mark);
    if (leftovers.length) buffer.write(`\n[test] stopped ${leftovers.length} process(es) the step left running: ${leftovers.join(", ")}\n`);
    running.delete(step.name);
    const ok = code === 0 && !entry.why;
    const why = entry.why || (error ? error.message : signal ? `killed by ${signal}` : code !== 0 ? `exit ${code}` : "");
    const result = { name: step.name, status: ok ? "ok" : "FAILED", seconds: seconds(Date.now() - start), cpu, start: seconds(start - t0), why, command: step.command.join(" ") };
    results.set(step.name, result);
    say(`\n━━ ${step.name}: ${ok ? "ok" : `FAILED (${why})`} in ${result.seconds} s — ${step.command.map((c) => c.replace(`${ROOT}/node_modules/.bin/`, "")).join(" ")} ━━`);
    const text = buffer.toString().trimEnd();
    if (text) say(text);
    done.get(step.name).resolve(result);
  };

  await Promise.all(steps.map(runStep));
  clearInterval(progress);
  for (const s of signals) process.off(s, onSignal);
  const all = steps.map((s) => results.get(s.name));
  const failed = all.filter((r) => r.status !== "ok");
  const wall = seconds(Date.now() - t0);
  say(`\n━━ ${failed.length ? `FAILED: ${failed.map((r) => r.name).join(", ")}` : "all passed"} in ${wall} s (load ${load()}) ━━`);
  for (const line of summaryLines(all)) say(line);
  if (reportDir) {
    mkdirSync(reportDir, { recursive: true });
    writeFileSync(join(reportDir, stepsFile), `${JSON.stringify({ wallSeconds: wall, cpus: cpus().length, loadAtEnd: loadavg(), steps: all }, null, 2)}\n`);
  }
  return failed.length ? 1 : 0;
}

/** The environment variable that marks a step's processes (scripts/test-run.mjs). */
export const STEP_MARK = "EVOLVE_TEST_STEP";

/**
 * SIGKILL to every process whose environment carries STEP_MARK=`mark` (Linux /proc; elsewhere
 * nothing is found); returns them as "pid name".
 */
export function killMarked(mark) {
  const needle = `${STEP_MARK}=${mark}\0`;
  const killed = [];
  let pids = [];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid);
  } catch {
    return killed;
  }
  for (const pid of pids) {
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, "latin1");
      if (!environ.startsWith(needle) && !environ.includes(`\0${needle}`)) continue;
      const name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      process.kill(Number(pid), "SIGKILL");
      killed.push(`${pid} ${name}`);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return killed;
}

/**
 * CPU seconds (user + system) of this process's children that have ended and been waited for,
 * with their own waited-for children (Linux /proc/self/stat cutime + cstime, 100 ticks a second);
 * undefined elsewhere. Processes a step leaves in groups of their own are not counted.
 */
export function reapedCpuSeconds() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

/** A promise with its resolve function (Promise.withResolvers needs Node 22). */
function deferred() {
  let resolve;
  const promise = new Promise((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** SIGTERM / SIGKILL to the step's whole process group (it was started detached, as a group leader). */
function killGroup(child, signal) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

async function main() {
  const args = process.argv.slice(2);
  const slow = args.includes("--slow");
  const vitestArgs = args.filter((a) => a !== "--slow");
  const reportDir = process.env.TEST_REPORT_DIR ? resolve(process.env.TEST_REPORT_DIR) : undefined;
  if (reportDir && !existsSync(reportDir)) mkdirSync(reportDir, { recursive: true });
  const stepTimeoutMs = Number(process.env.TEST_STEP_TIMEOUT_SECONDS ?? 1800) * 1000;
  process.exitCode = await run(plan({ slow, vitestArgs }), { stepTimeoutMs, reportDir, stepsFile: slow ? "slow-steps.json" : "steps.json" });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
