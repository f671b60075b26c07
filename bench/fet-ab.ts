/**
 * CPU-time A/B of school solver settings on official FET examples:
 * `npx tsx bench/fet-ab.ts --files A.fet,B.fet --seeds 1,2,3 [--cpu 10] [--a '{}'] [--b '{"localLength":2000}'] [--jobs 2] [--until-hard 1]`.
 *
 * Every (file, seed, side) runs in its own Node process (`--one`), which stops after `--cpu` CPU-seconds of
 * its own (process.cpuUsage, so a loaded machine slows the wall clock, not the figures) or at zero hard and
 * zero soft (with `--until-hard`, at zero hard: the soft phase is not timed). Each run prints one JSON line: CPU-seconds to zero hard (null: not reached), the best hard count
 * left and, when above zero, its hard violations by FET constraint type (core/school/explain.ts), so a stall
 * shows which rules carry it. The summary gives per side the runs that reached zero hard and the median
 * CPU-seconds to zero hard over all runs (a run that did not reach it counts as slower than any that did).
 * Paths are relative to $FET_EXAMPLES or /usr/share/doc/fet-data/examples/FET-5-official. Nothing is saved.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { explainSchool } from "../core/school/explain";
import { compileSchool, schoolSolver } from "../core/school/index";
import { option } from "./report";

const ROOT = process.env.FET_EXAMPLES ?? "/usr/share/doc/fet-data/examples/FET-5-official";

interface RunResult {
  file: string;
  side: string;
  seed: number;
  cpuToZeroHard: number | null;
  hard: number;
  evaluations: number;
  hardByType: Record<string, number>;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** One run in this process: the solver with `params` until `cpu` CPU-seconds are spent. */
function runOne(file: string, seed: number, cpu: number, params: Record<string, unknown>, side: string, untilHard: boolean): RunResult {
  const problem = compileSchool({ kind: "timetabling", format: "fet", text: readFileSync(join(ROOT, file), "utf8"), name: file });
  const st = schoolSolver.init(problem, schoolSolver.parameters(params as Record<string, number>, problem), seed, { maxEvaluations: Number.POSITIVE_INFINITY });
  const c0 = cpuSeconds();
  let toZero: number | null = null;
  while (cpuSeconds() - c0 < cpu && !schoolSolver.progress(st).done) {
    schoolSolver.step(st, { millis: 20 });
    if (toZero === null && schoolSolver.progress(st).hard === 0) {
      toZero = cpuSeconds() - c0;
      if (untilHard) break;
    }
  }
  const best = schoolSolver.best(st);
  const hard = best.hard ?? 0;
  const hardByType: Record<string, number> = {};
  if (hard > 0) {
    for (const c of explainSchool(problem, best.solution).constraints) if (c.hard) hardByType[c.type] = (hardByType[c.type] ?? 0) + c.violations;
  }
  return { file, side, seed, cpuToZeroHard: toZero === null ? null : Number(toZero.toFixed(2)), hard, evaluations: schoolSolver.progress(st).evaluations, hardByType };
}

function spawnOne(file: string, seed: number, cpu: number, params: string, side: string, untilHard: boolean): Promise<RunResult> {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), "--one", file, "--seed", String(seed), "--cpu", String(cpu), "--params", params, "--side", side];
  if (untilHard) args.push("--until-hard", "1");
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 1 << 24 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as RunResult);
    });
  });
}

/** Median of CPU-seconds to zero hard, a run that did not reach it counting as Infinity. */
function medianToZero(rs: RunResult[]): number {
  const xs = rs.map((r) => r.cpuToZeroHard ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

async function main(args: string[]): Promise<void> {
  const cpu = Number(option(args, "cpu") ?? 10);
  const untilHard = option(args, "until-hard") !== undefined;
  const one = option(args, "one");
  if (one) {
    const r = runOne(one, Number(option(args, "seed") ?? 1), cpu, JSON.parse(option(args, "params") ?? "{}"), option(args, "side") ?? "a", untilHard);
    console.log(JSON.stringify(r));
    return;
  }
  const files = (option(args, "files") ?? "").split(",").filter(Boolean);
  const seeds = (option(args, "seeds") ?? "1").split(",").map(Number);
  const sides: [string, string][] = [
    ["a", option(args, "a") ?? "{}"],
    ["b", option(args, "b") ?? "{}"],
  ];
  const jobs = Math.max(1, Number(option(args, "jobs") ?? 2));
  const queue: [string, number, string, string][] = [];
  for (const f of files) for (const s of seeds) for (const [side, p] of sides) queue.push([f, s, p, side]);
  const results: RunResult[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const r = await spawnOne(next[0], next[1], cpu, next[2], next[3], untilHard);
      console.log(JSON.stringify(r));
      results.push(r);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  for (const [side, p] of sides) {
    const rs = results.filter((r) => r.side === side);
    console.log(`side ${side} ${p}: zero hard in ${rs.filter((r) => r.cpuToZeroHard !== null).length} of ${rs.length}, median CPU-s to zero hard ${medianToZero(rs).toFixed(2)}`);
    for (const f of files) {
      const fr = rs.filter((r) => r.file === f);
      console.log(`  ${f}: ${fr.map((r) => (r.cpuToZeroHard !== null ? `${r.cpuToZeroHard}s` : `hard ${r.hard}`)).join(", ")}`);
    }
  }
}

await main(process.argv.slice(2));
