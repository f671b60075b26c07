/**
 * What `npm run solve` does, as a function (Node only: reads and writes files).
 * Any kind registered in core/index.ts works: the file's extension picks the reader, the kind
 * module supplies the default algorithm, the solution file format (`formatSolution`) and extra
 * summary fields (`summary`), so a new kind needs no change here.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { compileProblem, problemFromFile, solverFor, type Progress } from "../index";
import { solveFetFile } from "../school/cli/solve";
import { runTimed } from "../timetabling/solver/timed";

export interface SolveOptions {
  algorithm?: string;
  /** Wall-clock budget (ignored when `evaluations` is given). */
  seconds?: number;
  /** Evaluation budget: with a seed this makes the answer reproducible. */
  evaluations?: number;
  seed?: number;
  out?: string;
  params?: Record<string, unknown>;
  /** FET files: solve without the constraint types we do not support (listed as `unsupported`). */
  ignoreUnsupported?: boolean;
  /** Progress lines (stderr in the CLI); called about once a second. */
  log?: (line: string) => void;
}

export type SolveResult = Record<string, unknown> & {
  kind: string;
  algorithm: string;
  seed: number;
  evaluations: number;
  seconds: number;
  best: number;
};

export function solveFile(path: string, o: SolveOptions = {}): SolveResult {
  // FET school files have their own engine (core/school), not yet a registered kind.
  if (/\.fet$/i.test(path)) return solveFetFile(path, o) as SolveResult;
  const doc = problemFromFile(path, readFileSync(path));
  const { kind, module, problem, size } = compileProblem(doc);
  const { id, solver } = solverFor(kind, o.algorithm);
  const seed = o.seed ?? 1;
  const byEvaluations = o.evaluations !== undefined;
  const seconds = o.seconds ?? 10;
  const state = solver.init(problem, solver.parameters(o.params ?? {}, problem), seed, {
    maxEvaluations: byEvaluations ? o.evaluations! : Number.POSITIVE_INFINITY,
  });
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  let planned: number | undefined;
  if (kind === "timetabling" && !byEvaluations) {
    // Timetabling's schedules (one long final anneal) need a finite budget: seconds become
    // evaluations from the measured rate (core/timetabling/solver/timed.ts), as in the bench.
    let logged = 0;
    const timed = runTimed(
      solver,
      state,
      seconds,
      () => performance.now() / 1000,
      () => {
        if (elapsed() - logged < 1) return;
        logged = elapsed();
        o.log?.(progressLine(logged, solver.progress(state)));
      },
    );
    planned = timed.limits.at(-1);
  } else {
    // Chunks end on time only to print progress; with an evaluation budget the cap alone decides
    // the answer, so it does not depend on the machine's speed.
    while (!solver.progress(state).done && (byEvaluations || elapsed() < seconds)) {
      const left = byEvaluations ? 1000 : Math.max(1, Math.min(1000, (seconds - elapsed()) * 1000));
      solver.step(state, { millis: left });
      o.log?.(progressLine(elapsed(), solver.progress(state)));
    }
  }
  const best = solver.best(state);
  const progress = solver.progress(state);
  if (o.out) {
    const text = module.formatSolution ? module.formatSolution(problem, best) : JSON.stringify({ value: best.value, solution: best.solution }) + "\n";
    writeFileSync(o.out, text);
  }
  const secs = elapsed();
  return {
    kind,
    algorithm: id,
    seed,
    instance: (problem as { name?: string }).name || undefined,
    size,
    evaluations: progress.evaluations,
    generations: progress.generation,
    seconds: Number(secs.toFixed(3)),
    evaluationsPerSecond: Math.round(progress.evaluations / Math.max(secs, 1e-9)),
    best: best.value,
    ...(best.hard !== undefined ? { hard: best.hard } : {}),
    ...(best.soft !== undefined ? { soft: best.soft } : {}),
    ...module.summary?.(problem, best),
    ...(planned !== undefined ? { plannedEvaluations: planned } : {}),
    ...(o.out ? { out: o.out } : {}),
  };
}

function progressLine(t: number, p: Progress): string {
  const extra = p.hard !== undefined ? ` hard ${p.hard} soft ${p.soft}` : "";
  return `[${t.toFixed(1).padStart(6)} s] generation ${p.generation} evaluations ${p.evaluations} best ${p.best}${extra} mean ${Number.isFinite(p.mean) ? Number(p.mean.toPrecision(8)) : p.mean}`;
}
