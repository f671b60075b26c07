/**
 * `npm run solve -- school.fet [--seconds N] [--evaluations N] [--seed N] [--out result.fet] [--ignore-unsupported]`
 * (Node only). Same output as the other kinds: progress on stderr, one JSON line (with `hard`,
 * `soft`, `unsupported`); `--out` writes the input with every activity locked (FET opens it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Progress } from "../../engine/contract";
import { compileSchool, schoolSolver, schoolSummary, writeFet } from "../index";

export interface FetSolveOptions {
  seconds?: number;
  evaluations?: number;
  seed?: number;
  out?: string;
  params?: Record<string, unknown>;
  ignoreUnsupported?: boolean;
  log?: (line: string) => void;
}

export function solveFetFile(path: string, o: FetSolveOptions = {}) {
  const name = (path.split(/[\\/]/).pop() ?? path).replace(/\.fet$/i, "");
  const problem = compileSchool({ kind: "timetabling", format: "fet", text: readFileSync(path, "utf8"), ignoreUnsupported: o.ignoreUnsupported === true, name });
  const seed = o.seed ?? 1;
  const byEvaluations = o.evaluations !== undefined;
  const seconds = o.seconds ?? 10;
  const st = schoolSolver.init(problem, schoolSolver.parameters((o.params ?? {}) as Record<string, number>, problem), seed, {
    maxEvaluations: byEvaluations ? o.evaluations! : Number.POSITIVE_INFINITY,
  });
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  let feasibleSeconds: number | undefined;
  let lastLog = -1;
  while (!schoolSolver.progress(st).done && (byEvaluations || elapsed() < seconds)) {
    const left = byEvaluations ? 50 : Math.max(1, Math.min(50, (seconds - elapsed()) * 1000));
    schoolSolver.step(st, { millis: left });
    const p = schoolSolver.progress(st);
    if (feasibleSeconds === undefined && p.hard === 0) feasibleSeconds = elapsed();
    if (elapsed() - lastLog >= 1) {
      lastLog = elapsed();
      o.log?.(progressLine(elapsed(), p));
    }
  }
  const best = schoolSolver.best(st);
  const progress = schoolSolver.progress(st);
  if (o.out) writeFileSync(o.out, writeFet(problem, best.solution));
  const secs = elapsed();
  return {
    kind: "timetabling",
    format: "fet",
    algorithm: schoolSolver.id,
    seed,
    instance: name,
    evaluations: progress.evaluations,
    generations: progress.generation,
    seconds: Number(secs.toFixed(3)),
    evaluationsPerSecond: Math.round(progress.evaluations / Math.max(secs, 1e-9)),
    best: best.value,
    ...(feasibleSeconds !== undefined ? { secondsToZeroHard: Number(feasibleSeconds.toFixed(3)) } : {}),
    ...schoolSummary(problem, best),
    ...(o.out ? { out: o.out } : {}),
  };
}

function progressLine(t: number, p: Progress): string {
  return `[${t.toFixed(1).padStart(6)} s] iteration ${p.generation} evaluations ${p.evaluations} hard ${p.hard} soft ${p.soft}`;
}
