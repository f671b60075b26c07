/**
 * DO mode (islands = 1): one chunk of the run per alarm. The checkpoint (or the live state) is
 * restored, one chunk runs with an evaluation budget from the measured rate, checkpoint + figures
 * are stored in one SQLite transaction, progress is pushed and the next alarm set.
 */
import { clockTick, nextChunkEvaluations } from "./chunk-budget";
import type { IslandHost } from "./island-coordinator";
import { better, cleanProgress, placeCheckpoint, readCheckpoint } from "./loaded-solver";
import type { ChunkTiming } from "./runner-figures";
import type { IslandRow, RunnerStatus, RunnerStore } from "./runner-store";
import type { JobSpec } from "./spec";
import { capChunk, markImprovement } from "./stop-rules";
import type { FaultInjector } from "./test-faults";

/** What a local chunk needs of the run (worker/runtime/job-run.ts). */
export interface LocalChunkHost extends Omit<IslandHost, "lender"> {
  /** DO mode: the solver state after the last committed chunk (an optimisation, never the truth). */
  live: { seq: number; state: unknown } | null;
}

/** One chunk of a DO-mode run; it ends the run or keeps it alive. Call inside the run's `exclusive`. */
export async function runLocalChunk(host: LocalChunkHost, faults: FaultInjector, spec: JobSpec, st: RunnerStatus): Promise<void> {
  const tStart = Date.now();
  const loaded = await host.loaded(spec);
  const { problem, solver } = loaded;
  const row = host.store.island(0)!;
  // The live state is reused while it matches the stored checkpoint (same seq); after an
  // eviction or a failed chunk it is rebuilt from the checkpoint, which is always the truth.
  const cached = host.live && host.live.seq === row.seq ? host.live.state : null;
  host.live = null;
  const state = cached ?? solver.restore(problem, await readCheckpoint(host.env, row));
  const before = solver.progress(state).evaluations;
  const budget = capChunk(spec, st.evaluations, st.chunkEvaluations);
  loaded.startChunk();
  const restoredAt = Date.now();
  await clockTick();
  const t0 = Date.now();
  solver.step(state, { evaluations: budget });
  await clockTick(); // the clock only moves across I/O: read it after one
  const t1 = Date.now();
  const computeMs = t1 - t0;
  const c0 = Date.now();
  faults.crashAfterStep();
  const progress = cleanProgress(solver.progress(state));
  const bytes = solver.checkpoint(state);
  const placed = await placeCheckpoint(host.env, spec, 0, row.seq + 1, bytes);
  const next: IslandRow = { ...row, seq: row.seq + 1, ...placed, progress, computeMs: row.computeMs + computeMs };
  const totals = host.totals(problem, [next]);
  const mark = markImprovement({ improvedAtMs: st.improvedAtMs ?? 0, improvedAtEvaluations: st.improvedAtEvaluations ?? 0 }, better(problem, totals.best, st.best), {
    computeMs: st.computeMs + computeMs,
    evaluations: totals.evaluations,
  });
  const status: RunnerStatus = {
    ...st,
    ...totals,
    ...mark,
    computeMs: st.computeMs + computeMs,
    chunkEvaluations: nextChunkEvaluations({ evaluations: progress.evaluations - before, ms: computeMs, budget }, spec.chunkTargetMs),
  };
  const ending = host.endOf(spec, status, progress.done);
  const event = host.storage.transactionSync(() => {
    host.store.putIsland(next);
    host.store.setStatus(status);
    host.store.setMeta("chunkFailures", 0);
    return host.feed.record(host.figures(status, [next]), "progress", t1);
  });
  const c1 = Date.now();
  if (row.r2Key && row.r2Key !== placed.r2Key) await host.env.BLOBS.delete(row.r2Key);
  if (!ending) await host.storage.setAlarm(Date.now());
  const b0 = Date.now();
  if (event) host.feed.broadcast(event);
  const b1 = Date.now();
  if (!ending) host.live = { seq: next.seq, state };
  await clockTick();
  // Overhead: everything in the chunk but the step (restore, checkpoint, storage, push). The
  // wall figure includes waiting on awaits; the CPU figure sums the synchronous parts (only
  // meaningful where the clock runs during synchronous code, i.e. locally, not deployed).
  recordTiming(host.store, computeMs, t0 - tStart + (Date.now() - t1), restoredAt - tStart + (c1 - c0) + (b1 - b0), bytes.byteLength);
  if (ending) await host.finish(spec, ending.state, ending.reason, null, ending.stopReason);
  else await host.keepAlive(spec, status);
}

/** Chunk timing for the benchmark: compute vs overhead (checkpoint, storage, broadcast). */
function recordTiming(store: RunnerStore, computeMs: number, overheadMs: number, cpuOverheadMs: number, checkpointBytes: number): void {
  const t = store.getMeta<ChunkTiming>("timing") ?? { chunks: 0, computeMs: 0, overheadMs: 0, cpuOverheadMs: 0, checkpointBytes: 0 };
  store.setMeta("timing", {
    chunks: t.chunks + 1,
    computeMs: t.computeMs + computeMs,
    overheadMs: t.overheadMs + overheadMs,
    cpuOverheadMs: t.cpuOverheadMs + cpuOverheadMs,
    checkpointBytes,
  } satisfies ChunkTiming);
}
