/**
 * Runs FET's command-line generator (`fet-cl`, FET 6.8.5 at /usr/bin/fet-cl) on a `.fet` text
 * (Node only: tests, scripts/verify-fet.ts and bench/fet.ts). FET writes its result files under
 * `<outputdir>/timetables/<name>/`; "Simulation successful" on its output (or the
 * `<name>_data_and_timetable.fet` it writes) means it generated a timetable.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const FET_CL = process.env.FET_CL ?? "/usr/bin/fet-cl";

export function fetClAvailable(): boolean {
  return existsSync(FET_CL);
}

export interface FetClResult {
  /** FET generated a timetable within the limit. */
  success: boolean;
  /** Wall-clock seconds of the fet-cl run. */
  seconds: number;
  /** FET's own words: "Simulation successful", "Time exceeded", an error… */
  message: string;
  output: string;
}

export interface RunFetClOptions {
  name?: string;
  keep?: string;
  /**
   * Also stop fet-cl once it has used this much CPU time (cpu-limit.pl). For locked timetables:
   * FET generates an acceptable one at once (a few hundredths of a CPU-second, on a loaded machine
   * too) and searches a refused one until stopped, so a CPU budget tells them apart without the
   * wall-clock wait, and a busy machine cannot turn an acceptance into a refusal. The wall-clock
   * limit then only guards against a stuck run (LOCKED_WALL_SECONDS).
   */
  cpuSeconds?: number;
}

/** With `cpuSeconds`, the wall-clock seconds after which fet-cl is stopped anyway (a stuck run, not a slow machine). */
export const LOCKED_WALL_SECONDS = 120;

const CPU_LIMIT = fileURLToPath(new URL("./cpu-limit.pl", import.meta.url));

/** Run fet-cl on `text` with a time limit; the output dir is temporary unless `keep` names one. */
export function runFetCl(text: string, timeLimitSeconds: number, options: RunFetClOptions = {}): FetClResult {
  if (!fetClAvailable()) throw new Error(`fet-cl is not installed (looked for ${FET_CL}); install FET (Debian package "fet") or set FET_CL`);
  const dir = options.keep ?? mkdtempSync(join(tmpdir(), "evolve-fetcl-"));
  const name = (options.name ?? "input").replace(/[^A-Za-z0-9_.-]/g, "_");
  const input = join(dir, `${name}.fet`);
  writeFileSync(input, text);
  const t0 = performance.now();
  const flags = [
    "conflicts",
    "statistics",
    "xml",
    "dayshorizontal",
    "daysvertical",
    "timehorizontal",
    "timevertical",
    "subgroups",
    "groups",
    "years",
    "teachers",
    "teachersfreeperiods",
    "rooms",
    "subjects",
    "activitytags",
    "activities",
  ].map((w) => `--writetimetables${w}=false`);
  const limit = Math.max(1, Math.ceil(timeLimitSeconds));
  const fetArgs = [`--inputfile=${input}`, `--timelimitseconds=${limit}`, `--outputdir=${join(dir, "out")}`, "--htmllevel=0", ...flags.filter((f) => !f.includes("conflicts"))];
  const cpu = options.cpuSeconds;
  const env = { ...process.env, QT_QPA_PLATFORM: "offscreen" };
  const r =
    cpu === undefined
      ? spawnSync(FET_CL, fetArgs, {
          encoding: "utf8",
          // fet-cl does not always honour its own limit (e.g. with clashing locked activities): stop it 3 s later.
          timeout: (limit + 3) * 1000,
          killSignal: "SIGKILL",
          env,
        })
      : // cpu-limit.pl stops fet-cl at `cpu` CPU-seconds (or LOCKED_WALL_SECONDS); spawnSync's own timeout is the backstop.
        spawnSync("perl", [CPU_LIMIT, String(cpu), String(LOCKED_WALL_SECONDS), FET_CL, ...fetArgs], {
          encoding: "utf8",
          timeout: (LOCKED_WALL_SECONDS + 10) * 1000,
          killSignal: "SIGKILL",
          env,
        });
  const seconds = (performance.now() - t0) / 1000;
  const output = `${r.stdout ?? ""}\n${r.stderr ?? ""}`;
  let success = /Simulation successful/.test(output);
  if (!success) {
    const tt = join(dir, "out", "timetables");
    if (existsSync(tt)) success = readdirSync(tt).some((d) => existsSync(join(tt, d, `${d}_data_and_timetable.fet`)) && /successful/i.test(output));
  }
  const killed = r.signal === "SIGKILL" || (cpu !== undefined && r.status === 124);
  const message = success
    ? "Simulation successful"
    : killed
      ? "Time exceeded (fet-cl stopped)"
      : (/Time exceeded/.exec(output)?.[0] ??
        (output
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean)
          .pop() ||
          `exit ${r.status}`));
  if (!options.keep) rmSync(dir, { recursive: true, force: true });
  return { success, seconds, message, output };
}
