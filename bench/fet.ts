/**
 * FET benchmark: `npm run bench -- fet [--seconds N] [--files GLOB[,GLOB…]] [--seed N] [--runs R] [--out NAME]`.
 *
 * For each official FET example (default: every .fet under /usr/share/doc/fet-data/examples/FET-5-official,
 * or under $FET_EXAMPLES; GLOBs match paths relative to that folder, `*` within a folder, `**` across):
 * our solver and FET's `fet-cl` with the same time limit, then our result (every activity locked)
 * checked by fet-cl. The examples are AGPL data read in place, never copied into the repository.
 * Prints a markdown table (supported or which types are not, our time to zero hard, FET's time to
 * success, FET-verified, soft penalty) and a summary, and saves bench/results/fet.md (or NAME.md).
 * With `--runs R` both run R times per file (our seeds seed..seed+R−1; FET draws its own) and the
 * times are medians over the runs, a run that did not succeed counting as slower than any that did
 * (FET's time on one file varies a lot between runs: 0.7 s to over 10 s on one official example).
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ProblemError } from "../core/engine/errors";
import { compileSchool, schoolSolver, writeFet } from "../core/school/index";
import { fetClAvailable, runFetCl } from "../core/school/cli/fetcl";
import { machineHeader, median, option, publish } from "./report";

const DEFAULT_ROOT = "/usr/share/doc/fet-data/examples/FET-5-official";

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (e.toLowerCase().endsWith(".fet")) out.push(p);
  }
  return out;
}

function globRegex(glob: string): RegExp {
  let r = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      r += ".*";
      i++;
    } else if (c === "*") r += "[^/]*";
    else if (c === "?") r += "[^/]";
    else r += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${r}$`);
}

interface Row {
  file: string;
  activities: number | string;
  supported: string;
  oursSeconds?: number;
  oursHard?: number;
  soft?: number;
  fetSeconds?: number;
  fetMessage?: string;
  verified?: boolean;
  verifyMessage?: string;
}

/** Our solver with a wall-clock limit; seconds to zero hard (undefined if not reached). */
function runOurs(text: string, name: string, seconds: number, seed: number) {
  const problem = compileSchool({ kind: "timetabling", format: "fet", text, name });
  const st = schoolSolver.init(problem, schoolSolver.parameters({}, problem), seed, { maxEvaluations: Infinity });
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  let feasible: number | undefined;
  while (elapsed() < seconds && !schoolSolver.progress(st).done) {
    schoolSolver.step(st, { millis: 20 });
    if (feasible === undefined && schoolSolver.progress(st).hard === 0) feasible = elapsed();
  }
  const best = schoolSolver.best(st);
  return { problem, best, feasible };
}

export async function run(args: string[]): Promise<void> {
  const seconds = Number(option(args, "seconds") ?? 10);
  const seed = Number(option(args, "seed") ?? 1);
  const runs = Math.max(1, Number(option(args, "runs") ?? 1));
  const outName = option(args, "out") ?? "fet";
  // the machine line says the load and time at the start of the run, so it is taken now, not when the table is written
  const header = machineHeader(`npm run bench -- fet ${args.join(" ")}`.trim());
  const root = process.env.FET_EXAMPLES ?? DEFAULT_ROOT;
  if (!existsSync(root)) {
    console.error(`no FET examples at ${root} (install the Debian package fet-data or set FET_EXAMPLES)`);
    process.exitCode = 2;
    return;
  }
  const fet = fetClAvailable();
  if (!fet) console.error("fet-cl is not installed: only our solver runs (no FET times, no verification)");
  const globs = (option(args, "files") ?? "**").split(",").map((g) => globRegex(g.trim()));
  const files = walk(root).filter((f) => globs.some((g) => g.test(relative(root, f))));
  const rows: Row[] = [];
  for (const file of files) {
    const rel = relative(root, file);
    const text = readFileSync(file, "utf8");
    const name = (rel.split("/").pop() ?? rel).replace(/\.fet$/i, "");
    const row: Row = { file: rel, activities: "", supported: "yes" };
    rows.push(row);
    let ours: ReturnType<typeof runOurs> | undefined;
    const oursTimes: number[] = [];
    try {
      for (let r = 0; r < runs; r++) {
        const o = runOurs(text, name, seconds, seed + r);
        oursTimes.push(o.feasible ?? Infinity);
        if (!ours || (o.feasible !== undefined && (ours.feasible === undefined || (o.best.soft ?? Infinity) < (ours.best.soft ?? Infinity)))) ours = o;
      }
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      row.supported = "no: " + e.issues.map((i) => `${String(i.path[0]).replace(/^Constraint/, "")} ×${/occurs (\d+)/.exec(i.message)?.[1] ?? "?"}`).join(", ");
      if (!e.issues.every((i) => i.message.startsWith("unsupported"))) row.supported = "no: " + e.message.slice(0, 160);
      console.error(`${rel}: ${row.supported}`);
      continue;
    }
    if (!ours) continue;
    row.activities = ours.problem.nActivities;
    row.oursHard = ours.best.hard;
    row.soft = ours.best.soft;
    const mo = median(oursTimes);
    row.oursSeconds = Number.isFinite(mo) ? mo : undefined;
    if (fet) {
      const fetTimes: number[] = [];
      for (let r = 0; r < runs; r++) {
        const f = runFetCl(text, seconds, { name });
        fetTimes.push(f.success ? f.seconds : Infinity);
        if (!f.success) row.fetMessage = f.message;
      }
      const mf = median(fetTimes);
      row.fetSeconds = Number.isFinite(mf) ? mf : undefined;
      if (row.fetSeconds !== undefined) row.fetMessage = undefined;
      if (ours.best.hard === 0) {
        const v = runFetCl(writeFet(ours.problem, ours.best.solution), Math.max(10, seconds), { name: `${name}-evolve` });
        row.verified = v.success;
        row.verifyMessage = v.message;
      }
    }
    console.error(`${rel}: ours ${row.oursSeconds?.toFixed(2) ?? `hard ${row.oursHard}`} s, FET ${row.fetSeconds?.toFixed(2) ?? row.fetMessage ?? "-"}, verified ${row.verified ?? "-"}`);
  }
  const fmt = (x: number | undefined) => (x === undefined ? "" : x.toFixed(2));
  const lines = [
    `# FET examples: Evolve's school solver vs fet-cl (${seconds} s each${runs > 1 ? `, median of ${runs} runs` : ""})`,
    "",
    ...header,
    `Examples: ${root} (${files.length} files). fet-cl: ${fet ? "FET 6.8.5 (/usr/bin/fet-cl)" : "not installed"}. Same time limit for both; FET's time is the wall clock of its run (it stops at success).`,
    "",
    "| file | activities | supported | ours: s to zero hard (or hard left) | FET: s to success | FET-verified | soft |",
    "|---|---:|---|---:|---:|---|---:|",
    ...rows.map((r) =>
      r.supported !== "yes"
        ? `| ${r.file} | ${r.activities} | ${r.supported} | | | | |`
        : `| ${r.file} | ${r.activities} | yes | ${r.oursSeconds !== undefined ? fmt(r.oursSeconds) : `not reached (hard ${r.oursHard})`} | ${r.fetSeconds !== undefined ? fmt(r.fetSeconds) : (r.fetMessage ?? "")} | ${r.verified === undefined ? "" : r.verified ? "yes" : `no (${r.verifyMessage})`} | ${r.oursHard === 0 ? Number(r.soft!.toFixed(2)) : ""} |`,
    ),
    "",
  ];
  const supported = rows.filter((r) => r.supported === "yes");
  const both = supported.filter((r) => r.oursSeconds !== undefined && r.fetSeconds !== undefined);
  const ratios = both.map((r) => r.oursSeconds! / r.fetSeconds!);
  const oursOnly = supported.filter((r) => r.oursSeconds !== undefined && fet && r.fetSeconds === undefined);
  const fetOnly = supported.filter((r) => r.oursSeconds === undefined && r.fetSeconds !== undefined);
  lines.push(
    "## Summary",
    "",
    `- Supported (every active constraint type known): ${supported.length} of ${rows.length} files.`,
    `- Zero hard within ${seconds} s: ours ${supported.filter((r) => r.oursSeconds !== undefined).length}, FET ${supported.filter((r) => r.fetSeconds !== undefined).length} (of the supported).`,
    `- Our results FET-verified (fet-cl generates the locked file): ${supported.filter((r) => r.verified).length} of ${supported.filter((r) => r.verified !== undefined).length}.`,
    both.length
      ? `- Median time ratio ours / FET on the ${both.length} files both solve: ${median(ratios).toFixed(2)} (target ≤ 0.5); median ours ${median(both.map((r) => r.oursSeconds!)).toFixed(2)} s, FET ${median(both.map((r) => r.fetSeconds!)).toFixed(2)} s.`
      : "- No file solved by both.",
    `- Solved by us and not by FET within the limit: ${oursOnly.map((r) => r.file).join(", ") || "none"}.`,
    `- Solved by FET and not by us: ${fetOnly.map((r) => r.file).join(", ") || "none"}.`,
    "",
  );
  publish(outName, lines);
}
