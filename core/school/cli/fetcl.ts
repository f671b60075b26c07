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

/** Run fet-cl on `text` with a time limit; the output dir is temporary unless `keep` names one. */
export function runFetCl(text: string, timeLimitSeconds: number, options: { name?: string; keep?: string } = {}): FetClResult {
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
  const r = spawnSync(
    FET_CL,
    [`--inputfile=${input}`, `--timelimitseconds=${Math.max(1, Math.ceil(timeLimitSeconds))}`, `--outputdir=${join(dir, "out")}`, "--htmllevel=0", ...flags.filter((f) => !f.includes("conflicts"))],
    {
      encoding: "utf8",
      // fet-cl does not always honour its own limit (e.g. with clashing locked activities): stop it 3 s later.
      timeout: (Math.max(1, Math.ceil(timeLimitSeconds)) + 3) * 1000,
      killSignal: "SIGKILL",
      env: { ...process.env, QT_QPA_PLATFORM: "offscreen" },
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const output = `${r.stdout ?? ""}\n${r.stderr ?? ""}`;
  let success = /Simulation successful/.test(output);
  if (!success) {
    const tt = join(dir, "out", "timetables");
    if (existsSync(tt)) success = readdirSync(tt).some((d) => existsSync(join(tt, d, `${d}_data_and_timetable.fet`)) && /successful/i.test(output));
  }
  const killed = r.signal === "SIGKILL";
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
