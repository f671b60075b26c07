#!/usr/bin/env node
/**
 * Runs a command and stops it once it has used a given amount of CPU time (its own, all threads,
 * read from /proc/<pid>/stat), or after a wall-clock limit, whichever comes first. A CPU budget
 * means the same on a quiet and on a loaded machine, where a wall-clock limit does not.
 *
 *   node cpu-limit.mjs <cpuSeconds> <wallSeconds> <command> [args...]
 *
 * Used by runFetCl (fetcl.ts) for locked timetables: fet-cl generates an acceptable one at once
 * (a few hundredths of a CPU-second) and searches a refused one until it is stopped, ignoring its
 * own --timelimitseconds. The command gets SIGTERM (fet-cl then writes its logs and exits), and
 * SIGKILL 2 s later if it is still there. Its stdout and stderr pass through. Exit status: the
 * command's own, or 124 when it was stopped (as `timeout` does), with one line on stderr saying why.
 * Without /proc (not Linux) only the wall-clock limit applies.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { constants } from "node:os";

const [cpuArg, wallArg, command, ...args] = process.argv.slice(2);
const cpuLimit = Number(cpuArg);
const wallLimit = Number(wallArg);
if (!command || !(cpuLimit > 0) || !(wallLimit > 0)) {
  console.error("usage: node cpu-limit.mjs <cpuSeconds> <wallSeconds> <command> [args...]");
  process.exit(2);
}

/** Linux reports utime and stime in USER_HZ ticks, 100 per second on every architecture it runs on. */
const TICKS_PER_SECOND = 100;
const POLL_MS = 20;

/** CPU seconds (user + system, all threads) the process has used so far, or undefined without /proc. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name in parentheses: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

const started = Date.now();
const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
let stopped = "";
let used = 0;

function stop(why) {
  if (stopped) return;
  stopped = why;
  child.kill("SIGTERM");
  setTimeout(() => child.kill("SIGKILL"), 2000).unref();
}

const poll = setInterval(() => {
  const cpu = child.pid === undefined ? undefined : cpuSeconds(child.pid);
  if (cpu !== undefined) used = cpu;
  if (used >= cpuLimit) stop(`${used.toFixed(2)} CPU-s (limit ${cpuLimit})`);
  else if (Date.now() - started >= wallLimit * 1000) stop(`${wallLimit} s of wall-clock time (${used.toFixed(2)} CPU-s used)`);
}, POLL_MS);

child.on("error", (err) => {
  clearInterval(poll);
  console.error(`cpu-limit: cannot run ${command}: ${err.message}`);
  process.exit(127);
});

child.on("exit", (code, signal) => {
  clearInterval(poll);
  if (stopped) {
    console.error(`cpu-limit: stopped ${command} after ${stopped}`);
    process.exit(124);
  }
  process.exit(code ?? 128 + (constants.signals[signal] ?? 15));
});

// If this supervisor is told to stop, the command stops with it.
for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(sig, () => {
    child.kill("SIGKILL");
    process.exit(128 + 15);
  });
}
