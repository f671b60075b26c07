/**
 * The queue side of island mode: run one island chunk and report it to the job's JobRunner.
 * Safe under at-least-once delivery: the runner hands out a task only while that chunk is the
 * expected one, and accepts the report only for the expected seq, so a duplicate or late run
 * computes the same bytes (runs are deterministic) and is then ignored.
 */
import type { Env } from "../env";
import { clockTick } from "../runtime/chunk-budget";
import type { IslandChunkMessage } from "../runtime/island-coordinator";
import { cleanProgress, loadSolver } from "../runtime/loaded-solver";
import { getBytes, jobKeys, putBytes } from "../storage/blobs";
import { RUNTIME_DEFAULTS } from "../runtime/spec";

export type IslandChunkOutcome = "reported" | "stale" | "duplicate" | "dropped";

function runnerFor(env: Env, jobId: string) {
  return env.JOB_RUNNER.get(env.JOB_RUNNER.idFromName(jobId));
}

export function isIslandChunk(body: unknown): body is IslandChunkMessage {
  const b = body as Partial<IslandChunkMessage> | null;
  return b?.type === "island-chunk" && typeof b.jobId === "string" && typeof b.tenantId === "string" && Number.isInteger(b.island) && Number.isInteger(b.seq);
}

/** Throws on failure so the consumer retries the message (and, in the end, dead-letters it). */
export async function runIslandChunk(env: Env, msg: IslandChunkMessage): Promise<IslandChunkOutcome> {
  const runner = runnerFor(env, msg.jobId);
  try {
    const task = await runner.islandTask(msg.tenantId, msg.island, msg.seq);
    if (!task) return "stale";
    // Tests only: a fault injected for this chunk (worker/runtime/test-faults.ts).
    const fault = env.ENVIRONMENT === "test" ? await runner.islandFault(msg.tenantId, msg.island, msg.seq) : null;
    if (fault === "throw") throw new Error(`injected consumer failure (island ${msg.island}, chunk ${msg.seq})`);
    const loaded = await loadSolver(env, task);
    const { problem, solver } = loaded;
    const bytes = task.checkpoint ?? (task.r2Key ? await getBytes(env.BLOBS, task.r2Key) : null);
    if (!bytes) throw new Error(`checkpoint of island ${msg.island} is missing`);
    const state = solver.restore(problem, bytes);
    const t0 = Date.now();
    loaded.startChunk();
    try {
      solver.step(state, { evaluations: task.evaluations });
    } finally {
      loaded.dispose(); // custom objectives: this chunk's sandbox (re-created for the next one)
    }
    await clockTick(); // Date.now() only advances across I/O
    const computeMs = Date.now() - t0;
    const checkpoint = solver.checkpoint(state);
    let r2Key: string | null = null;
    if (checkpoint.byteLength > RUNTIME_DEFAULTS.inlineCheckpointBytes) {
      r2Key = jobKeys.checkpoint(msg.tenantId, msg.jobId, msg.island, msg.seq);
      await putBytes(env.BLOBS, r2Key, checkpoint);
    }
    if (fault === "drop") return "dropped";
    const answer = await runner.acceptIslandReport({
      tenantId: msg.tenantId,
      island: msg.island,
      seq: msg.seq,
      checkpoint: r2Key ? null : checkpoint,
      r2Key,
      progress: cleanProgress(solver.progress(state)),
      computeMs,
    });
    return answer.accepted ? "reported" : "duplicate";
  } catch (e) {
    // Remembered by the runner so a dead-lettered chunk fails the job with the actual cause.
    await runner.reportIslandError(msg.tenantId, msg.island, msg.seq, e instanceof Error ? e.message : String(e)).catch(() => undefined);
    throw e;
  }
}

/** A chunk that failed every retry: the job fails with a readable reason (if still expected). */
export async function deadLetterIslandChunk(env: Env, msg: IslandChunkMessage): Promise<void> {
  await runnerFor(env, msg.jobId).deadLetter(msg.tenantId, msg.island, msg.seq);
}
