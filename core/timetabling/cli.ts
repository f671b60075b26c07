/**
 * Solving timetabling files from Node (the command line is core/cli/solve.ts, `npm run solve`):
 * `solveTimetablingFile` reads a .ctt, .json, .xlsx or .csv file, solves it and returns one JSON
 * summary with hard and soft; `--out` writes the competition format for .ctt input and our JSON for
 * the rich model. `solveFileParallel` is `npm run solve -- FILE --parallel N` (parallel.ts). No
 * code runs on import: the CLI runs bundled (scripts/solve.ts), where every module shares the
 * bundle's file name.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import { compileProblem, problemFromFile, solverFor } from "../index";
import { compileTimetabling, evaluate, timetablingKind, writeSolution } from "./index";
import { timetablingFileReaders } from "./files";
import { solveParallel } from "./parallel";
import { runTimed } from "./solver/timed";

export interface CliOptions {
  seconds?: number;
  seed?: number;
  out?: string;
  algorithm?: string;
  maxEvaluations?: number;
  params?: Record<string, unknown>;
}

export function solveTimetablingFile(path: string, o: CliOptions = {}): Record<string, unknown> {
  const reader = timetablingFileReaders[extname(path).toLowerCase()];
  if (!reader) throw new Error(`no timetabling reader for ${extname(path)} (use .ctt, .json, .xlsx or .csv)`);
  const problem = compileTimetabling(reader(readFileSync(path), path));
  const entry = timetablingKind.algorithms[o.algorithm ?? timetablingKind.defaultAlgorithm];
  if (!entry) throw new Error(`unknown algorithm ${o.algorithm}`);
  const solver = entry.solver;
  const seconds = o.seconds ?? 60;
  const state = solver.init(problem, solver.parameters(o.params ?? {}, problem), o.seed ?? 1, { maxEvaluations: o.maxEvaluations ?? Infinity });
  const start = performance.now();
  let lastReport = start;
  const report = () => {
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      const p = solver.progress(state);
      process.stderr.write(`${((lastReport - start) / 1000).toFixed(0)} s: hard ${p.hard} soft ${p.soft} (${p.evaluations} moves)\n`);
    }
  };
  if (o.maxEvaluations !== undefined) {
    while (!solver.progress(state).done && performance.now() - start < seconds * 1000) {
      solver.step(state, { millis: Math.min(250, seconds * 1000 - (performance.now() - start)) });
      report();
    }
  } else {
    // The seconds become an evaluation budget after a short calibration (solver/timed.ts).
    runTimed(solver, state, seconds, () => performance.now() / 1000, report);
  }
  const best = solver.best(state);
  const e = evaluate(problem, best.solution);
  if (o.out) writeFileSync(o.out, writeSolution(problem, best.solution).text);
  const elapsed = (performance.now() - start) / 1000;
  return {
    kind: "timetabling",
    instance: problem.name,
    algorithm: entry.id,
    seed: o.seed ?? 1,
    hard: e.hard,
    soft: e.soft,
    cost: best.value,
    evaluations: state.evaluations,
    seconds: Number(elapsed.toFixed(2)),
    movesPerSecond: Math.round(state.evaluations / elapsed),
    ...(o.out ? { out: o.out } : {}),
  };
}

export interface ParallelCliOptions {
  workers: number;
  seconds?: number;
  evaluations?: number;
  seed?: number;
  out?: string;
  algorithm?: string;
  params?: Record<string, unknown>;
}

/**
 * `npm run solve -- FILE --parallel N`: N searches in worker threads (parallel.ts), the best
 * written to `out`. The JSON answer has the usual fields plus every search's seed and result.
 */
export async function solveFileParallel(path: string, o: ParallelCliOptions): Promise<Record<string, unknown>> {
  const doc = problemFromFile(path, readFileSync(path));
  const { kind, module, problem, size } = compileProblem(doc);
  const { id } = solverFor(kind, o.algorithm, problem);
  const seed = o.seed ?? 1;
  const start = performance.now();
  const { best, runs } = await solveParallel(doc, { workers: o.workers, seed, seconds: o.seconds, evaluations: o.evaluations, algorithm: o.algorithm, params: o.params });
  const secs = (performance.now() - start) / 1000;
  const solution = { value: best.value, solution: best.solution, hard: best.hard, soft: best.soft };
  if (o.out) {
    writeFileSync(o.out, module.formatSolution ? module.formatSolution(problem, solution) : JSON.stringify({ value: best.value, solution: best.solution }) + "\n");
  }
  const evaluations = runs.reduce((s, r) => s + r.evaluations, 0);
  return {
    kind,
    algorithm: id,
    seed,
    parallel: o.workers,
    instance: (problem as { name?: string }).name || undefined,
    size,
    evaluations,
    seconds: Number(secs.toFixed(3)),
    evaluationsPerSecond: Math.round(evaluations / Math.max(secs, 1e-9)),
    best: best.value,
    ...(best.hard !== undefined ? { hard: best.hard } : {}),
    ...(best.soft !== undefined ? { soft: best.soft } : {}),
    bestSearch: best.index,
    searches: runs.map((r) => ({ seed: r.seed, best: r.value, hard: r.hard, soft: r.soft, evaluations: r.evaluations, rounds: r.rounds ?? 0, adopted: r.adopted ?? 0 })),
    ...module.summary?.(problem, solution),
    ...(o.out ? { out: o.out } : {}),
  };
}
