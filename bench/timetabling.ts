/**
 * ITC-2007 track 3 benchmark: `npm run bench -- timetabling [--seconds 60] [--seeds 3]
 * [--instances comp01,comp05] [--parallel 2] [--algorithm memetic] [--long] [--data DIR]`.
 *
 * Each run is a separate child process (the machine's cores are the parallelism), stepping the
 * solver with a wall-clock budget like the CLI does. Prints, per instance, hard violations (worst
 * over seeds), soft cost median and best, best known, the gap, the ITC-2007 winner's average and
 * moves evaluated per second; writes the same table to bench/results/timetabling-<seconds>s.md.
 * `--long` is the 300 s mode on comp01, comp05, comp07 and comp12 with one seed.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluate, memeticSolver, readCtt, saSolver } from "../core/timetabling/index";

const here = dirname(fileURLToPath(import.meta.url));

interface RunResult {
  instance: string;
  seed: number;
  hard: number;
  soft: number;
  evaluations: number;
  seconds: number;
  /** CPU time of the run: with the machine shared, moves per CPU second is the fair speed figure. */
  cpuSeconds: number;
  firstFeasibleSeconds: number;
}

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

/** One run in this process (used by the child processes). */
function runOne(dataDir: string, instance: string, seed: number, seconds: number, algorithm: string): RunResult {
  const problem = readCtt(readFileSync(resolve(dataDir, `${instance}.ctt`), "utf8"));
  const solver = algorithm === "sa" ? saSolver : memeticSolver;
  const state = solver.init(problem, solver.parameters({}, problem), seed, { maxEvaluations: Infinity });
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  let firstFeasible = NaN;
  while (performance.now() - start < seconds * 1000) {
    solver.step(state, { millis: Math.min(250, seconds * 1000 - (performance.now() - start)) });
    if (Number.isNaN(firstFeasible) && solver.progress(state).hard === 0) firstFeasible = (performance.now() - start) / 1000;
  }
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const best = solver.best(state);
  // Re-score with the independent evaluator: the table shows what the validator would print.
  const e = evaluate(problem, best.solution);
  return { instance, seed, hard: e.hard, soft: e.soft, evaluations: state.evaluations, seconds: elapsed, cpuSeconds: (cpu.user + cpu.system) / 1e6, firstFeasibleSeconds: firstFeasible };
}

function runChild(dataDir: string, instance: string, seed: number, seconds: number, algorithm: string): Promise<RunResult> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--child", dataDir, instance, String(seed), String(seconds), algorithm], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? ok(JSON.parse(out.trim().split("\n").pop()!)) : fail(new Error(`${instance} seed ${seed} exited ${code}`))));
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function run(args: string[]): Promise<void> {
  const long = args.includes("--long");
  const seconds = Number(option(args, "seconds", long ? "300" : "60"));
  const seeds = Number(option(args, "seeds", long ? "1" : "3"));
  const parallel = Number(option(args, "parallel", "2"));
  const algorithm = option(args, "algorithm", "memetic");
  const dataDir = resolve(option(args, "data", process.env.ITC_DATA ?? resolve(here, "../../shared/data/itc2007-cbctt")));
  const all = Array.from({ length: 14 }, (_, i) => `comp${String(i + 1).padStart(2, "0")}`);
  const instances = option(args, "instances", long ? "comp01,comp05,comp07,comp12" : all.join(",")).split(",");
  const known = JSON.parse(readFileSync(resolve(dataDir, "best_known.json"), "utf8")) as Record<string, { best: number; best_reported_later?: number; mueller_itc2007_avg?: number }>;

  const jobs = instances.flatMap((inst) => Array.from({ length: seeds }, (_, s) => ({ inst, seed: s + 1 })));
  const results: RunResult[] = [];
  let next = 0;
  const started = Date.now();
  console.error(`timetabling bench: ${instances.length} instances × ${seeds} seeds × ${seconds} s, ${parallel} in parallel, algorithm ${algorithm}`);
  await Promise.all(
    Array.from({ length: Math.max(1, parallel) }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const r = await runChild(dataDir, job.inst, job.seed, seconds, algorithm);
        console.error(`  ${r.instance} seed ${r.seed}: hard ${r.hard} soft ${r.soft} (${(r.evaluations / r.seconds / 1e6).toFixed(2)} M moves/s wall, ${(r.evaluations / (r.cpuSeconds || r.seconds) / 1e6).toFixed(2)} per CPU-s)`);
        results.push(r);
      }
    }),
  );

  const lines = [
    `# Timetabling benchmark: ITC-2007 track 3, ${seconds} s per run`,
    "",
    `Algorithm \`${algorithm}\`, seeds 1–${seeds}, ${parallel} runs in parallel, measured ${new Date().toISOString().slice(0, 10)} ` +
      `(wall ${((Date.now() - started) / 60000).toFixed(1)} min). Best known = min(best, best_reported_later) from best_known.json; ` +
      "gap = median / best known. Costs re-scored by the evaluator (validator definitions).",
    "",
    "| instance | hard (worst) | soft median | soft best | best known | gap (median) | Müller avg | M moves/s (wall) | M moves/CPU-s | first feasible (s) |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  let sumMedian = 0;
  let sumKnown = 0;
  let maxHard = 0;
  for (const inst of instances) {
    const rs = results.filter((r) => r.instance === inst);
    const softs = rs.map((r) => r.soft);
    const hard = Math.max(...rs.map((r) => r.hard));
    const k = known[inst];
    const bk = k ? Math.min(k.best, k.best_reported_later ?? Infinity) : NaN;
    const med = median(softs);
    sumMedian += med;
    sumKnown += bk;
    maxHard = Math.max(maxHard, hard);
    const rate = median(rs.map((r) => r.evaluations / r.seconds / 1e6));
    const cpuRate = median(rs.map((r) => r.evaluations / (r.cpuSeconds || r.seconds) / 1e6));
    const feas = Math.max(...rs.map((r) => r.firstFeasibleSeconds));
    const gap = bk > 0 ? (med / bk).toFixed(2) : med === 0 ? "1.00" : "∞";
    lines.push(`| ${inst} | ${hard} | ${med} | ${Math.min(...softs)} | ${bk} | ${gap} | ${k?.mueller_itc2007_avg ?? "–"} | ${rate.toFixed(2)} | ${cpuRate.toFixed(2)} | ${feas.toFixed(2)} |`);
  }
  lines.push(`| **sum** | ${maxHard} | ${sumMedian} | | ${sumKnown} | ${(sumMedian / sumKnown).toFixed(2)} | | | | |`);
  lines.push("");
  lines.push(`Targets: zero hard violations every run — ${maxHard === 0 ? "met" : "NOT met"}; sum of medians / sum of best known = ${(sumMedian / sumKnown).toFixed(2)} (target ≤ 2 at 60 s on all 14, ≤ 1.5 at 300 s on comp01/05/07/12).`);
  const table = lines.join("\n") + "\n";
  console.log(table);
  const out = resolve(here, "results", `timetabling-${seconds}s.md`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, table);
  console.error(`wrote ${out}`);
}

if (process.argv[2] === "--child") {
  const [, , , dataDir, instance, seed, seconds, algorithm] = process.argv;
  console.log(JSON.stringify(runOne(dataDir, instance, Number(seed), Number(seconds), algorithm)));
} else if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  run(process.argv.slice(2)).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
