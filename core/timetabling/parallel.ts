/**
 * `npm run solve -- FILE --parallel N` (Node only): N searches of the same problem in
 * worker_threads, each with its own seed (`workerSeed`), and the best of them taken.
 *
 * The searches cooperate: every `exchangeEvery` evaluations each search posts its best timetable
 * to shared memory, waits until every search still running has posted that round, and takes the
 * best of them (lowest objective, ties to the lowest index) if it beats its own best
 * (solver/engine.ts `adoptBest`): its annealing continues from there at its own temperature.
 * Exchanges happen at fixed evaluation counts, never on time, so with an evaluation budget the
 * answer is reproducible for a given seed, N and interval. `exchangeEvery: 0` gives N independent
 * searches, search i then running exactly what a single run with seed `workerSeed(seed, i)`
 * would (search 0 is the plain run with `seed`). With a time budget every search gets the same
 * seconds. Problems without a lecture timetable (the FET school model) always run independently.
 */
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
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
  /** Cooperation (absent: an independent search). */
  exchange?: ExchangeChannel;
}

/**
 * Shared memory of one cooperating run: per search, the last round it posted and whether it has
 * finished; per round parity and search, the posted best's objective and timetable (period then
 * room, 2L Int16 values). Two parities let a search post round k+1 while a slower one still reads
 * round k (nobody can post k+2 before everyone has posted k+1).
 */
export interface ExchangeChannel {
  every: number;
  workers: number;
  lectures: number;
  /** Int32: round posted by search i at i, 1 at workers + i once search i has finished. */
  control: SharedArrayBuffer;
  /** Float64: objective at parity * workers + i. */
  values: SharedArrayBuffer;
  /** Int16: timetable at (parity * workers + i) * 2 * lectures. */
  timetables: SharedArrayBuffer;
}

export interface WorkerResult {
  index: number;
  seed: number;
  value: number;
  hard?: number;
  soft?: number;
  solution: unknown;
  evaluations: number;
  /** Exchange rounds the search took part in, and in how many it adopted another search's best. */
  rounds?: number;
  adopted?: number;
}

export interface ParallelOptions {
  /** Searches at once (1–64). */
  workers: number;
  seed?: number;
  seconds?: number;
  evaluations?: number;
  algorithm?: string;
  params?: Record<string, unknown>;
  /**
   * Evaluations between exchanges of the best timetable; 0 for independent searches. Default:
   * a twentieth of `evaluations`, or DEFAULT_EXCHANGE_EVALUATIONS with a time budget.
   */
  exchangeEvery?: number;
}

export const MAX_PARALLEL = 64;
/** Exchange interval with a time budget: about 3 s of one search on comp01–14. */
export const DEFAULT_EXCHANGE_EVALUATIONS = 10_000_000;

export function exchangeChannel(workers: number, lectures: number, every: number): ExchangeChannel {
  return {
    every,
    workers,
    lectures,
    control: new SharedArrayBuffer(8 * workers),
    values: new SharedArrayBuffer(8 * 2 * workers),
    timetables: new SharedArrayBuffer(2 * 2 * workers * 2 * lectures),
  };
}

/** Mark search i finished and wake whoever waits for its next round. */
export function markFinished(ch: ExchangeChannel, i: number): void {
  const control = new Int32Array(ch.control);
  Atomics.store(control, ch.workers + i, 1);
  Atomics.notify(control, i);
}

/**
 * Round `k` of an exchange for search `i`: post (value, period, room), wait until every other
 * search has posted round k or finished, and return the index of the best posted timetable
 * (lowest value, ties to the lowest index) with a view of it.
 */
export function exchangeRound(ch: ExchangeChannel, i: number, k: number, value: number, period: Int16Array, room: Int16Array): { from: number; value: number; period: Int16Array; room: Int16Array } {
  const N = ch.workers;
  const L = ch.lectures;
  const control = new Int32Array(ch.control);
  const values = new Float64Array(ch.values);
  const tt = new Int16Array(ch.timetables);
  const par = k & 1;
  values[par * N + i] = value;
  tt.set(period, (par * N + i) * 2 * L);
  tt.set(room, (par * N + i) * 2 * L + L);
  Atomics.store(control, i, k);
  Atomics.notify(control, i);
  let from = i;
  for (let j = 0; j < N; j++) {
    if (j === i) continue;
    for (;;) {
      const posted = Atomics.load(control, j);
      if (posted >= k || Atomics.load(control, N + j) === 1) break;
      // The timeout only covers a finish flagged between the check and the wait.
      Atomics.wait(control, j, posted, 200);
    }
    if (Atomics.load(control, j) < k) continue;
    const v = values[par * N + j];
    if (v < values[par * N + from] || (v === values[par * N + from] && j < from)) from = j;
  }
  const at = (par * N + from) * 2 * L;
  return { from, value: values[par * N + from], period: tt.subarray(at, at + L), room: tt.subarray(at + L, at + 2 * L) };
}

/** Seed of search i: search 0 keeps the run's seed, the others are spread by a golden-ratio step. */
export function workerSeed(seed: number, i: number): number {
  return i === 0 ? seed : (seed + Math.imul(i, 0x9e3779b9)) >>> 0;
}

/** The best of the searches' results: lowest objective value, ties to the lowest index. */
export function pickBest(results: readonly WorkerResult[]): WorkerResult {
  return results.reduce((a, b) => (b.value < a.value || (b.value === a.value && b.index < a.index) ? b : a));
}

let bundled: string | undefined;

/** Environment variable naming a ready bundle of parallel-worker.ts (an ES module file) for the searches' threads. */
export const PARALLEL_WORKER_ENV = "EVOLVE_PARALLEL_WORKER";

/**
 * Source of a search's worker thread. A bundle named by PARALLEL_WORKER_ENV, if set. Built JavaScript (a .js next to this file) loads its
 * parallel-worker.js as it is. From TypeScript (the CLI through tsx, the tests) parallel-worker.ts and
 * everything it imports are bundled once per process by esbuild (which tsx itself runs on) into one
 * CommonJS script each thread evaluates: through tsx's loader every thread would transform and load
 * each module again (about 1 CPU-s per thread here, bench/results/test-suite.md).
 */
function workerSource(): { code: string; eval: boolean } {
  // A bundled CLI (scripts/solve.ts) names the worker's own bundle: next to the bundle there is
  // no parallel-worker file.
  const prebuilt = typeof process !== "undefined" ? process.env[PARALLEL_WORKER_ENV] : undefined;
  if (prebuilt) return { code: pathToFileURL(prebuilt).href, eval: false };
  const entry = new URL("./parallel-worker" + (import.meta.url.endsWith(".ts") ? ".ts" : ".js"), import.meta.url);
  if (!entry.href.endsWith(".ts")) return { code: entry.href, eval: false };
  bundled ??= buildWorkerBundle(fileURLToPath(entry));
  return { code: bundled, eval: true };
}

function buildWorkerBundle(entry: string): string {
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const out = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: "node", format: "cjs", target: "node20", write: false, logLevel: "silent" });
  return out.outputFiles[0].text;
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
    // A search that dies is marked finished, so the others never wait for its next round.
    const finished = () => request.exchange && markFinished(request.exchange, request.index);
    w.once("error", (e) => {
      finished();
      fail(e);
    });
    w.once("exit", (code) => {
      finished();
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
  const { kind, problem } = compileProblem(doc);
  if (kind !== "timetabling") throw new RangeError(`--parallel supports timetabling problems only, not ${kind}`);
  const every = o.exchangeEvery ?? (o.evaluations !== undefined ? Math.ceil(o.evaluations / 20) : DEFAULT_EXCHANGE_EVALUATIONS);
  if (!Number.isInteger(every) || every < 0) throw new RangeError(`exchangeEvery must be a non-negative integer, got ${every}`);
  const lectures = (problem as { lectureCourse?: ArrayLike<number> }).lectureCourse?.length;
  const exchange = o.workers > 1 && every > 0 && lectures !== undefined ? exchangeChannel(o.workers, lectures, every) : undefined;
  const seed = o.seed ?? 1;
  const runs = await Promise.all(
    Array.from({ length: o.workers }, (_, index) =>
      runWorker({ index, doc, seed: workerSeed(seed, index), algorithm: o.algorithm, params: o.params ?? {}, seconds: o.seconds ?? 10, evaluations: o.evaluations, exchange }),
    ),
  );
  return { best: pickBest(runs), runs };
}
