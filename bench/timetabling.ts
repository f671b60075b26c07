/**
 * ITC-2007 track 3 benchmark: `npm run bench -- timetabling [--seconds 60] [--seeds 3 | 2,3 | 2-5]
 * [--instances comp01,comp05] [--parallel 2] [--budget cpu|wall] [--algorithm memetic] [--long] [--data DIR]
 * [--params '{"kempeRate":0.05}'] [--loader bundle|tsx] [--results NAME]`.
 *
 * Each run is a separate child process (the machine's cores are the parallelism; `--parallel` runs
 * at a time). `--budget cpu` (the default) stops a run when the process has used `--seconds` of CPU
 * time (process.cpuUsage), so runs on a shared machine get the same work however loaded it is;
 * `--budget wall` stops on the clock like the CLI. Prints, per instance, hard violations (worst over
 * seeds), soft cost mean and best over seeds, the four published averages and the best of them, the
 * best known, moves per CPU second and time to the first feasible timetable; then the targets
 * (zero hard on every run, mean ≤ best published average, geometric mean of mean / best known).
 * Writes the table, the exact command and the load average to bench/results/timetabling-<seconds>s.md
 * (`--results NAME`: bench/results/NAME instead).
 * `--long` is the 300 s mode on comp01, comp05, comp07 and comp12 with one seed.
 * `--params` (JSON) overrides solver parameters for every run, as bench/timetabling-evals.ts does;
 * the table's header names them (a run without it uses the defaults).
 * `--loader` (default `bundle`): each child runs from an esbuild bundle of this file, as the Worker's
 * code runs bundled (scripts/node-bundle.ts); `tsx` runs it through the parent's tsx loader instead.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluate, memeticSolver, readCtt, saSolver } from "../core/timetabling/index";
import { runTimed } from "../core/timetabling/solver/timed";
import { nodeBundle } from "../scripts/node-bundle";

/**
 * Published average soft costs on comp01–14 (a few runs per instance at the ITC-2007 time limit,
 * about 5 minutes on the machines of the time), as printed in the comparison table of T. Urli,
 * "Hybrid CP+LNS for the Curriculum-Based Course Timetabling Problem" (University of Udine, c. 2013;
 * LaTeX source: GitHub tunnuz/cpctt, paper/paper.tex):
 * Müller = T. Müller, ITC-2007 winner (Annals of OR 172, 2009);
 * Lü & Hao = Z. Lü, J.-K. Hao, "Adaptive tabu search for course timetabling", EJOR 200 (2010);
 * Abdullah = S. Abdullah et al., J. Heuristics 18 (2012);
 * Bellio = R. Bellio, L. Di Gaspero, A. Schaerf, "Design and statistical analysis of a hybrid local
 * search algorithm for course timetabling", J. Scheduling 15 (2012).
 * `best` is the best known soft cost: the lower of that table's "Best" column and the later figure
 * of Ceschia, Di Gaspero & Schaerf, "Educational timetabling: problems, benchmarks, and
 * state-of-the-art results", EJOR 2023 (comp05 284, comp12 294; the others are equal).
 */
export interface PublishedResult {
  mueller: number;
  luHao: number;
  abdullah: number;
  bellio: number;
  best: number;
}

export const PUBLISHED: Readonly<Record<string, PublishedResult>> = {
  comp01: { mueller: 5.0, luHao: 5.0, abdullah: 5.0, bellio: 5.0, best: 5 },
  comp02: { mueller: 61.3, luHao: 60.6, abdullah: 53.9, bellio: 53.0, best: 24 },
  comp03: { mueller: 94.8, luHao: 86.6, abdullah: 84.2, bellio: 79.0, best: 66 },
  comp04: { mueller: 42.8, luHao: 47.9, abdullah: 51.9, bellio: 38.3, best: 35 },
  comp05: { mueller: 343.5, luHao: 328.5, abdullah: 339.5, bellio: 365.2, best: 284 },
  comp06: { mueller: 56.8, luHao: 69.9, abdullah: 64.4, bellio: 50.4, best: 27 },
  comp07: { mueller: 33.9, luHao: 28.2, abdullah: 20.2, bellio: 23.8, best: 6 },
  comp08: { mueller: 46.5, luHao: 51.4, abdullah: 47.9, bellio: 43.6, best: 37 },
  comp09: { mueller: 113.1, luHao: 113.2, abdullah: 113.9, bellio: 105.0, best: 96 },
  comp10: { mueller: 21.3, luHao: 38.0, abdullah: 24.1, bellio: 20.5, best: 4 },
  comp11: { mueller: 0.0, luHao: 0.0, abdullah: 0.0, bellio: 0.0, best: 0 },
  comp12: { mueller: 351.6, luHao: 365.0, abdullah: 355.9, bellio: 340.5, best: 294 },
  comp13: { mueller: 73.9, luHao: 76.2, abdullah: 72.4, bellio: 71.3, best: 59 },
  comp14: { mueller: 61.8, luHao: 62.9, abdullah: 63.3, bellio: 57.9, best: 51 },
};

/** The lowest of the four published averages. */
export function bestPublishedAverage(r: PublishedResult): number {
  return Math.min(r.mueller, r.luHao, r.abdullah, r.bellio);
}

/** ours / best known, with best known 0 (comp11) read as (ours + 1) / 1 so a zero stays 1. */
export function ratioToBest(ours: number, best: number): number {
  return best > 0 ? ours / best : ours + 1;
}

export function geometricMean(xs: number[]): number {
  return xs.length ? Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length) : NaN;
}

const here = dirname(fileURLToPath(import.meta.url));

export interface RunResult {
  instance: string;
  seed: number;
  hard: number;
  soft: number;
  evaluations: number;
  seconds: number;
  /** CPU time of the run: with the machine shared, moves per CPU second is the fair speed figure. */
  cpuSeconds: number;
  /** On the budget's clock (CPU or wall seconds). */
  firstFeasibleSeconds: number;
}

type Budget = "cpu" | "wall";

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

function cpuSince(cpu0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(cpu0);
  return (c.user + c.system) / 1e6;
}

/** Solver parameters given as `--params '<json>'`: an object of numbers, strings or booleans. */
export type ParamOverrides = Record<string, number | string | boolean>;

export function parseParams(json: string): ParamOverrides {
  const v: unknown = JSON.parse(json);
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new Error(`--params must be a JSON object, got ${json}`);
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== "number" && typeof x !== "string" && typeof x !== "boolean") throw new Error(`--params: ${k} must be a number, string or boolean`);
  }
  return v as ParamOverrides;
}

/** How a table names its parameters: "its default parameters" or the overrides. */
export function describeParams(params: ParamOverrides): string {
  return Object.keys(params).length ? `parameters \`${JSON.stringify(params)}\` (the rest default)` : "its default parameters";
}

/** One run in this process (used by the child processes). */
function runOne(dataDir: string, instance: string, seed: number, seconds: number, algorithm: string, budget: Budget, params: ParamOverrides): RunResult {
  const problem = readCtt(readFileSync(resolve(dataDir, `${instance}.ctt`), "utf8"));
  const solver = algorithm === "sa" ? saSolver : memeticSolver;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const clock = budget === "cpu" ? () => cpuSince(cpu0) : () => (performance.now() - start) / 1000;
  const state = solver.init(problem, solver.parameters(params, problem), seed, { maxEvaluations: Infinity });
  // The time becomes an evaluation budget after a short calibration (core/timetabling/solver/timed.ts).
  const firstFeasible = runTimed(solver, state, seconds, clock).firstFeasible;
  const elapsed = (performance.now() - start) / 1000;
  const best = solver.best(state);
  // Re-score with the independent evaluator: the table shows what the validator would print.
  const e = evaluate(problem, best.solution);
  return { instance, seed, hard: e.hard, soft: e.soft, evaluations: state.evaluations, seconds: elapsed, cpuSeconds: cpuSince(cpu0), firstFeasibleSeconds: firstFeasible };
}

/** How a child starts: `node <bundle>` (the default; scripts/node-bundle.ts) or this file through the parent's tsx (`--loader tsx`). */
type ChildStart = { bundle: string } | { tsx: true };

function runChild(start: ChildStart, dataDir: string, instance: string, seed: number, seconds: number, algorithm: string, budget: Budget, params: ParamOverrides): Promise<RunResult> {
  return new Promise((ok, fail) => {
    const args = ["--child", dataDir, instance, String(seed), String(seconds), algorithm, budget, JSON.stringify(params)];
    const argv = "bundle" in start ? [start.bundle, ...args] : [...process.execArgv, fileURLToPath(import.meta.url), ...args];
    const child = spawn(process.execPath, argv, {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? ok(JSON.parse(out.trim().split("\n").pop()!)) : fail(new Error(`${instance} seed ${seed} exited ${code}`))));
  });
}

/** The figures of a table this bench wrote before (to print a line against it). */
export function readPreviousTable(md: string): { command?: string; measured?: string; geometricMean?: string; means: Map<string, number> } {
  const means = new Map<string, number>();
  for (const line of md.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    // | instance | hard (worst) | mean | …
    if (cells.length > 4 && /^comp\d+$/.test(cells[1]) && Number.isFinite(Number(cells[3]))) means.set(cells[1], Number(cells[3]));
  }
  return {
    command: /^Command: `([^`]*)`/m.exec(md)?.[1],
    measured: /measured (\S+?Z)/.exec(md)?.[1],
    geometricMean: /geometric mean of mean \/ best known = ([\d.]+)/.exec(md)?.[1],
    means,
  };
}

/** An argument as a shell would need it to be typed again (the JSON of --params gets single quotes). */
export function shellWord(a: string): string {
  return /^[\w.,:/=@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/**
 * `--seeds`: a count N (seeds 1–N, as before), a list ("2,3") or a range ("2-5"); a later session
 * can add seeds to a table without running the first ones again.
 */
export function parseSeeds(text: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(text);
  const seeds = range
    ? Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) }, (_, i) => Number(range[1]) + i)
    : text.includes(",")
      ? text.split(",").map(Number)
      : /^\d+$/.test(text)
        ? Array.from({ length: Number(text) }, (_, i) => i + 1)
        : [];
  if (seeds.length === 0 || seeds.some((s) => !Number.isSafeInteger(s) || s < 1)) {
    throw new Error(`--seeds takes a count (5), a list (2,3) or a range (2-5) of positive integers, got "${text}"`);
  }
  return seeds;
}

/** Seeds as the table names them: "1–5" for a run of consecutive seeds, else the list. */
export function describeSeeds(seeds: number[]): string {
  const consecutive = seeds.every((s, i) => i === 0 || s === seeds[i - 1] + 1);
  return seeds.length > 1 && consecutive ? `${seeds[0]}–${seeds[seeds.length - 1]}` : seeds.join(", ");
}

/**
 * The soft cost of every run, instance by instance in seed order ("comp10: 8, 10, 8, 12, 10
 * (seeds 1–5)"), so a later table can be compared seed by seed, not only by its means.
 */
export function perSeedLines(instances: string[], results: Pick<RunResult, "instance" | "seed" | "soft" | "hard">[]): string[] {
  return instances.map((inst) => {
    const rs = results.filter((r) => r.instance === inst).sort((a, b) => a.seed - b.seed);
    const costs = rs.map((r) => (r.hard > 0 ? `${r.soft} (hard ${r.hard})` : String(r.soft)));
    return `- ${inst}: ${costs.join(", ")} (seed${rs.length === 1 ? "" : "s"} ${describeSeeds(rs.map((r) => r.seed))})`;
  });
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const fmt = (x: number, d = 1) => (Number.isInteger(x) ? String(x) : x.toFixed(d));

export async function run(args: string[]): Promise<void> {
  const long = args.includes("--long");
  const seconds = Number(option(args, "seconds", long ? "300" : "60"));
  const seedList = parseSeeds(option(args, "seeds", long ? "1" : "3"));
  const parallel = Number(option(args, "parallel", "2"));
  const algorithm = option(args, "algorithm", "memetic");
  const budget = option(args, "budget", "cpu") as Budget;
  if (budget !== "cpu" && budget !== "wall") throw new Error(`--budget must be cpu or wall, got ${budget}`);
  const dataDir = resolve(option(args, "data", process.env.ITC_DATA ?? resolve(here, "../../shared/data/itc2007-cbctt")));
  const params = parseParams(option(args, "params", "{}"));
  const instances = option(args, "instances", long ? "comp01,comp05,comp07,comp12" : Object.keys(PUBLISHED).join(",")).split(",");
  const loader = option(args, "loader", "bundle");
  if (loader !== "bundle" && loader !== "tsx") throw new Error(`--loader must be bundle or tsx, got ${loader}`);
  const start: ChildStart = loader === "bundle" ? { bundle: nodeBundle(fileURLToPath(import.meta.url)) } : { tsx: true };

  // Check the overrides once here (unknown names and out-of-range values throw), not in every child.
  (algorithm === "sa" ? saSolver : memeticSolver).parameters(params, readCtt(readFileSync(resolve(dataDir, `${instances[0]}.ctt`), "utf8")));

  const jobs = instances.flatMap((inst) => seedList.map((seed) => ({ inst, seed })));
  const results: RunResult[] = [];
  let next = 0;
  const started = Date.now();
  const loadStart = loadavg();
  const loads: number[] = [];
  const sampler = setInterval(() => loads.push(loadavg()[0]), 10_000);
  console.error(
    `timetabling bench: ${instances.length} instances × seeds ${describeSeeds(seedList)} × ${seconds} ${budget} s, ${parallel} in parallel, algorithm ${algorithm}, ${describeParams(params)}`,
  );
  await Promise.all(
    Array.from({ length: Math.max(1, parallel) }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const r = await runChild(start, dataDir, job.inst, job.seed, seconds, algorithm, budget, params);
        console.error(
          `  ${r.instance} seed ${r.seed}: hard ${r.hard} soft ${r.soft} (${r.cpuSeconds.toFixed(1)} CPU-s in ${r.seconds.toFixed(1)} s, ${(r.evaluations / (r.cpuSeconds || r.seconds) / 1e6).toFixed(2)} M moves/CPU-s)`,
        );
        results.push(r);
      }
    }),
  );
  clearInterval(sampler);
  const loadEnd = loadavg();

  const lines = [
    `# Timetabling benchmark: ITC-2007 track 3, ${seconds} ${budget === "cpu" ? "CPU" : "wall-clock"} seconds per run`,
    "",
    `Command: \`npm run bench -- timetabling ${args.map(shellWord).join(" ")}\``,
    "",
    `Algorithm \`${algorithm}\` with ${describeParams(params)}, seeds ${describeSeeds(seedList)}, ${parallel} runs at a time, ` +
      `${loader === "bundle" ? "each run from an esbuild bundle (scripts/node-bundle.ts)" : "each run through tsx"}, budget ${budget} ` +
      `(${budget === "cpu" ? "each run stops after that much CPU time of its own process" : "each run stops on the clock"}), ` +
      `measured ${new Date().toISOString().slice(0, 16)}Z, wall ${((Date.now() - started) / 60000).toFixed(1)} min. ` +
      `Load average (1 min) at start ${loadStart[0].toFixed(2)}, end ${loadEnd[0].toFixed(2)}` +
      (loads.length ? `, sampled every 10 s: min ${Math.min(...loads).toFixed(2)}, max ${Math.max(...loads).toFixed(2)}` : "") +
      `. Costs re-scored by the evaluator (validator definitions). Published averages and best known: bench/timetabling.ts (PUBLISHED, with sources).`,
    "",
    "| instance | hard (worst) | mean | best | Müller avg | Lü & Hao avg | Abdullah avg | Bellio avg | best avg | mean ≤ best avg | best known | mean / best known | M moves/CPU-s | CPU-s per run | wall s per run | first feasible (s) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  let maxHard = 0;
  const ratios: number[] = [];
  const publishedRatios: number[] = [];
  let atOrBelow = 0;
  let compared = 0;
  for (const inst of instances) {
    const rs = results.filter((r) => r.instance === inst);
    const softs = rs.map((r) => r.soft);
    const hard = Math.max(...rs.map((r) => r.hard));
    maxHard = Math.max(maxHard, hard);
    const m = mean(softs);
    const pub = PUBLISHED[inst];
    const bestAvg = pub ? bestPublishedAverage(pub) : NaN;
    if (pub) {
      compared++;
      if (m <= bestAvg) atOrBelow++;
      ratios.push(ratioToBest(m, pub.best));
      publishedRatios.push(ratioToBest(bestAvg, pub.best));
    }
    const rate = mean(rs.map((r) => r.evaluations / (r.cpuSeconds || r.seconds) / 1e6));
    const feas = Math.max(...rs.map((r) => r.firstFeasibleSeconds));
    const cells = [
      inst,
      hard,
      fmt(m),
      Math.min(...softs),
      ...(pub ? [pub.mueller, pub.luHao, pub.abdullah, pub.bellio, bestAvg].map((x) => fmt(x)) : ["–", "–", "–", "–", "–"]),
      pub ? (m <= bestAvg ? "yes" : "**no**") : "–",
      pub ? pub.best : "–",
      pub ? ratioToBest(m, pub.best).toFixed(2) : "–",
      rate.toFixed(2),
      fmt(mean(rs.map((r) => r.cpuSeconds))),
      fmt(mean(rs.map((r) => r.seconds))),
      Number.isNaN(feas) ? "never" : feas.toFixed(2),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  const g = geometricMean(ratios);
  lines.push("");
  lines.push(
    `Targets: zero hard violations on every run — ${maxHard === 0 ? "met" : "**NOT met**"}; ` +
      `mean ≤ best published average on ${atOrBelow} of ${compared} instances; ` +
      `geometric mean of mean / best known = ${g.toFixed(3)} (target ≤ 1.25 at 120 s; the best published average per instance gives ${geometricMean(publishedRatios).toFixed(3)} on the same instances). ` +
      "comp11's best known is 0: its ratio is mean + 1.",
  );
  lines.push("", "Soft cost per run:", "", ...perSeedLines(instances, results));
  const out = resolve(here, "results", option(args, "results", `timetabling-${seconds}s.md`));
  const previous = existsSync(out) ? readPreviousTable(readFileSync(out, "utf8")) : null;
  if (previous) {
    const now = new Map(instances.map((inst) => [inst, mean(results.filter((r) => r.instance === inst).map((r) => r.soft))]));
    const pairs = instances.filter((inst) => previous.means.has(inst)).map((inst) => `${inst} ${fmt(previous.means.get(inst)!)} → ${fmt(now.get(inst)!)}`);
    lines.push("");
    lines.push(
      `Against the previous table of this file (${previous.measured ?? "date unknown"}; \`${previous.command ?? "command unknown"}\`): ` +
        `geometric mean ${previous.geometricMean ?? "–"} → ${g.toFixed(3)}` +
        (pairs.length ? `; mean soft cost ${pairs.join(", ")}.` : "."),
    );
  }
  const table = lines.join("\n") + "\n";
  console.log(table);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, table);
  console.error(`wrote ${out}`);
}

if (process.argv[2] === "--child") {
  const [, , , dataDir, instance, seed, seconds, algorithm, budget, params] = process.argv;
  console.log(JSON.stringify(runOne(dataDir, instance, Number(seed), Number(seconds), algorithm, budget as Budget, parseParams(params))));
} else if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  run(process.argv.slice(2)).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
