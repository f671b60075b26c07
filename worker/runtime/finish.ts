/**
 * What happens once when a job ends, as named steps the job run (worker/runtime/job-run.ts) persists and works through
 * (a crash in the middle resumes at the first step not done; every step is idempotent):
 * the result (best solution, final figures, convergence history) to R2, the final D1 row, the
 * tenant's usage, the slot given back, and the finish listeners (webhooks).
 */
import type { Env } from "../env";
import { onJobFinished, type FinishedJob } from "../jobs/events";
import { toSolutionDocument, type JobResultDocument } from "../jobs/vocabulary";
import { jobKeys, putJson } from "../storage/blobs";
import { releaseJob } from "../tenancy/admission";
import { retentionExpiry } from "../tenancy/retention";
import { recordUsage } from "../tenancy/usage";
import { mirrorToD1, recordRunInReceipt } from "./d1-mirror";
import { ENGINE_VERSION } from "./solvers";
import type { ProgressFeed, ProgressFigures } from "./progress-feed";
import { better, readCheckpoint, type LoadedSolver } from "./loaded-solver";
import { islandSolver, raceView } from "./race";
import type { IslandRow, RunnerStatus, RunnerStore } from "./runner-store";
import type { JobSpec } from "./spec";

export const FINISH_STEPS = ["result", "d1", "usage", "release", "listeners"] as const;
export type FinishStep = (typeof FINISH_STEPS)[number];

/** The parts of a job run a finish step needs (worker/runtime/job-run.ts implements it). */
export interface FinishHost {
  readonly store: RunnerStore;
  readonly feed: ProgressFeed;
  readonly env: Env;
  loaded(spec: JobSpec): Promise<LoadedSolver>;
  figures(s: RunnerStatus, rows: IslandRow[]): ProgressFigures;
}

export type { JobResultDocument } from "../jobs/vocabulary";

export async function runFinishStep(host: FinishHost, spec: JobSpec, st: RunnerStatus, step: FinishStep): Promise<void> {
  const env = host.env;
  const resultKey = jobKeys.result(spec.tenantId, spec.jobId);
  switch (step) {
    case "result":
      await putJson(env.BLOBS, resultKey, await buildResult(host, spec, st));
      return;
    case "d1": {
      // The tier's retention starts now; the daily sweep deletes the job's data after it.
      const expiresAt = await retentionExpiry(env, spec.tenantId, new Date(st.finishedAt ?? Date.now()));
      // What the run actually spent and why it stopped (a replay runs exactly these evaluations),
      // written before the row shows its result key, so whoever sees the result sees the receipt.
      await recordRunInReceipt(env, spec, st);
      await mirrorToD1(env, spec, st, { resultKey, expiresAt });
      return;
    }
    case "usage": {
      // Compute actually spent, and the result document's bytes in R2 (storage usage).
      const stored = await env.BLOBS.head(resultKey);
      await recordUsage(env, spec.tenantId, { jobs: 1, computeMs: Math.round(st.computeMs), storageBytes: stored?.size ?? 0 });
      return;
    }
    case "release":
      await releaseJob(env, spec.tenantId, spec.jobId);
      return;
    case "listeners": {
      const finished: FinishedJob = {
        id: spec.jobId,
        tenantId: spec.tenantId,
        kind: spec.kind,
        algorithm: spec.algorithm,
        state: st.state as FinishedJob["state"],
        reason: st.reason,
        error: st.error,
        best: st.best,
        evaluations: st.evaluations,
        computeMs: Math.round(st.computeMs),
        resultKey,
        finishedAt: st.finishedAt ?? Date.now(),
      };
      await onJobFinished(env, finished);
      return;
    }
  }
}

/** Best-so-far over all islands, restored from their last accepted checkpoints. */
async function buildResult(host: FinishHost, spec: JobSpec, st: RunnerStatus): Promise<JobResultDocument> {
  const rows = host.store.islands();
  let best: JobResultDocument["best"] = null;
  try {
    const { problem, solver } = await host.loaded(spec);
    for (const row of rows) {
      const own = spec.race ? islandSolver(spec, row.island) : solver; // a race's islands run different algorithms
      const b = own.best(own.restore(problem, await readCheckpoint(host.env, row)));
      if (!Number.isFinite(b.value)) continue;
      if (!best || better(problem, b.value, best.value)) best = { ...b, solution: toSolutionDocument(b.solution), value: b.value, island: row.island };
    }
  } catch (e) {
    // A job that failed because its input or checkpoint is unusable still gets a result document.
    if (st.state !== "failed") throw e;
  }
  const snap = host.feed.snapshot();
  return {
    jobId: spec.jobId,
    kind: spec.kind,
    algorithm: spec.algorithm,
    state: st.state,
    reason: st.reason,
    stopReason: st.stopReason ?? null,
    error: st.error,
    engineVersion: ENGINE_VERSION,
    best,
    figures: host.figures(st, rows),
    islands: rows.map((r) => ({ island: r.island, evaluations: r.progress.evaluations, generation: r.progress.generation, best: r.progress.best })),
    history: { columns: snap.historyColumns, points: snap.history },
    ...(spec.race ? { race: raceView(spec, host.store, rows) } : {}),
  };
}
