/**
 * `npm run solve -- FILE --parallel N` (Node only): N independent searches of the same problem in
 * worker_threads, each with its own seed (`workerSeed`), and the best of them taken. Search i
 * runs exactly what a single run with seed `workerSeed(seed, i)` would, so with an evaluation
 * budget the answer is reproducible for a given seed and N (ties go to the lowest index), and
 * search 0 is the plain run with `seed`. With a time budget every search gets the same seconds.
 */
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { compileProblem } from "../index";

export interface WorkerRequest {
  index: number;
  doc: unknown;
  seed: number;
  algorithm?: string;
  params: Record<string, unknown>;
  /** Wall-clock budget in seconds (used when `evaluations` is undefined). */
  seconds: number;
  evaluations?: number;
}

export interface WorkerResult {
  index: number;
  seed: number;
  value: number;
  hard?: number;
  soft?: number;
  solution: unknown;
  evaluations: number;
}

export interface ParallelOptions {
  /** Searches at once (1–64). */
  workers: number;
  seed?: number;
  seconds?: number;
  evaluations?: number;
  algorithm?: string;
  params?: Record<string, unknown>;
}

export const MAX_PARALLEL = 64;

/** Seed of search i: search 0 keeps the run's seed, the others are spread by a golden-ratio step. */
export function workerSeed(seed: number, i: number): number {
  return i === 0 ? seed : (seed + Math.imul(i, 0x9e3779b9)) >>> 0;
}

/** The best of the searches' results: lowest objective value, ties to the lowest index. */
export function pickBest(results: readonly WorkerResult[]): WorkerResult {
  return results.reduce((a, b) => (b.value < a.value || (b.value === a.value && b.index < a.index) ? b : a));
}

/** Source of a worker that can load this TypeScript module (through tsx when the file is .ts). */
function workerSource(): { code: string; eval: boolean } {
  const entry = new URL("./parallel-worker" + (import.meta.url.endsWith(".ts") ? ".ts" : ".js"), import.meta.url).href;
  if (!entry.endsWith(".ts")) return { code: entry, eval: false };
  // tsx's ESM entry (the package's "require" condition would give the CommonJS build).
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
  return { code: `import(${JSON.stringify(tsx)}).then((m) => m.register()).then(() => import(${JSON.stringify(entry)}))`, eval: true };
}

function runWorker(request: WorkerRequest): Promise<WorkerResult> {
  const src = workerSource();
  return new Promise((ok, fail) => {
    const w = new Worker(src.eval ? src.code : new URL(src.code), { eval: src.eval, workerData: { evolveParallelSearch: true, request } });
    let done = false;
    w.once("message", (m: WorkerResult) => {
      done = true;
      ok(m);
      void w.terminate();
    });
    w.once("error", (e) => fail(e));
    w.once("exit", (code) => {
      if (!done) fail(new Error(`parallel search ${request.index} exited with code ${code} before answering`));
    });
  });
}

/**
 * Solve a compiled-able problem document (any timetabling document) with `workers` searches in
 * parallel; returns every search's result and the best one.
 */
export async function solveParallel(doc: unknown, o: ParallelOptions): Promise<{ best: WorkerResult; runs: WorkerResult[] }> {
  if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > MAX_PARALLEL) {
    throw new RangeError(`--parallel must be an integer from 1 to ${MAX_PARALLEL}, got ${o.workers}`);
  }
  const { kind } = compileProblem(doc);
  if (kind !== "timetabling") throw new RangeError(`--parallel supports timetabling problems only, not ${kind}`);
  const seed = o.seed ?? 1;
  const runs = await Promise.all(
    Array.from({ length: o.workers }, (_, index) =>
      runWorker({ index, doc, seed: workerSeed(seed, index), algorithm: o.algorithm, params: o.params ?? {}, seconds: o.seconds ?? 10, evaluations: o.evaluations }),
    ),
  );
  return { best: pickBest(runs), runs };
}
