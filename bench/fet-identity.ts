/**
 * Same results, faster? The identity and speed check for the school evaluator (core/school/board.ts,
 * core/school/tally.ts, core/school/constraints): each (file, seed) is solved on a fixed evaluation
 * budget, each in a Node process of its own, exactly as `npm run solve -- F --seed S --evaluations N`
 * does it (core/school/cli/solve.ts), and prints one JSON line: evaluations, iterations, the search's
 * best hard and soft, the from-scratch hard and soft of that timetable (schoolSummary), a sha256 of
 * the written .fet (writeFet) and the search's CPU seconds (process.cpuUsage, compile excluded) with
 * evaluations per CPU second.
 *
 *   nice -n 10 npx tsx bench/fet-identity.ts [--evaluations 200000] [--seeds 1,2] [--files A.fet,B.fet] > after.jsonl
 *   npx tsx bench/fet-identity.ts --compare before.jsonl after.jsonl
 *
 * Run it on the tree before a change and on the tree after it: `--compare` says whether every run's
 * result fields (everything but the CPU figures) are identical and gives evaluations per CPU second
 * side by side. Paths are relative to $FET_EXAMPLES or /usr/share/doc/fet-data/examples/FET-5-official
 * (read in place, never copied here). Nothing is saved.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileSchool, schoolSolver, schoolSummary, writeFet } from "../core/school/index";
import { option } from "./report";

const ROOT = process.env.FET_EXAMPLES ?? "/usr/share/doc/fet-data/examples/FET-5-official";
const DEFAULT_FILES = [
  "Belize/Sacred-Heart-College/shc-2007/shc_6_gaps_per_teacher.fet",
  "India/Kurukshetra/Institute-of-Technology/MED_2019-20-1.fet",
  "Greece/Corfu/THE-2008-2009-exams-sep.fet",
  "Germany/secondary-school-1/test-virtual-rooms-1/German-test-virtual-rooms-1.fet",
];

/** The fields that must not change with a pure speed-up (all but the CPU figures). */
const RESULT_FIELDS = ["file", "seed", "evaluations", "iterations", "hard", "soft", "checkedHard", "checkedSoft", "sha256"] as const;

interface Run {
  file: string;
  seed: number;
  evaluations: number;
  iterations: number;
  hard: number;
  soft: number;
  checkedHard: number;
  checkedSoft: number;
  sha256: string;
  cpuSeconds: number;
  evaluationsPerCpuSecond: number;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** One solve in this process, the loop of core/school/cli/solve.ts with an evaluation budget. */
function runOne(file: string, seed: number, evaluations: number): Run {
  const problem = compileSchool({ kind: "timetabling", format: "fet", text: readFileSync(join(ROOT, file), "utf8"), name: file });
  const st = schoolSolver.init(problem, schoolSolver.parameters({}, problem), seed, { maxEvaluations: evaluations });
  const c0 = cpuSeconds();
  while (!schoolSolver.progress(st).done) schoolSolver.step(st, { millis: 50 });
  const cpu = cpuSeconds() - c0;
  const best = schoolSolver.best(st);
  const progress = schoolSolver.progress(st);
  const summary = schoolSummary(problem, best);
  return {
    file,
    seed,
    evaluations: progress.evaluations,
    iterations: progress.generation,
    hard: best.hard!,
    soft: best.soft!,
    checkedHard: summary.hard as number,
    checkedSoft: summary.soft as number,
    sha256: createHash("sha256").update(writeFet(problem, best.solution)).digest("hex"),
    cpuSeconds: Number(cpu.toFixed(3)),
    evaluationsPerCpuSecond: Math.round(progress.evaluations / cpu),
  };
}

function readRuns(path: string): Run[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Run);
}

/** Whether every run of `after` has the result fields of the same (file, seed) run of `before`; prints a table. */
function compare(beforePath: string, afterPath: string): boolean {
  const before = readRuns(beforePath);
  const after = readRuns(afterPath);
  let same = before.length === after.length && before.length > 0;
  const lines = ["| file | seed | identical | evaluations | hard / soft | evals per CPU-s before | after | after ÷ before |", "|---|---|---|---|---|---|---|---|"];
  for (const b of before) {
    const a = after.find((x) => x.file === b.file && x.seed === b.seed);
    const ok = a !== undefined && RESULT_FIELDS.every((f) => a[f] === b[f]);
    if (!ok) same = false;
    const ratio = a ? (a.evaluationsPerCpuSecond / b.evaluationsPerCpuSecond).toFixed(2) : "-";
    lines.push(`| ${b.file} | ${b.seed} | ${ok ? "yes" : "NO"} | ${b.evaluations} | ${b.hard} / ${b.soft} | ${b.evaluationsPerCpuSecond} | ${a?.evaluationsPerCpuSecond ?? "-"} | ${ratio} |`);
  }
  process.stdout.write(lines.join("\n") + "\n" + (same ? "IDENTICAL\n" : "DIFFERENT\n"));
  return same;
}

const args = process.argv.slice(2);
if (args[0] === "--compare") {
  process.exit(compare(args[1], args[2]) ? 0 : 1);
} else if (args[0] === "--one") {
  process.stdout.write(JSON.stringify(runOne(args[1], Number(args[2]), Number(args[3]))) + "\n");
} else {
  const evaluations = Number(option(args, "evaluations") ?? 200000);
  const seeds = (option(args, "seeds") ?? "1,2").split(",").map(Number);
  const files = option(args, "files")?.split(",") ?? DEFAULT_FILES;
  const self = fileURLToPath(import.meta.url);
  for (const file of files) {
    for (const seed of seeds) {
      const out = execFileSync(process.execPath, [...process.execArgv, self, "--one", file, String(seed), String(evaluations)], { encoding: "utf8", maxBuffer: 1 << 24 });
      process.stdout.write(out);
    }
  }
}
