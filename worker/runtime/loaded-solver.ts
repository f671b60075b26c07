/**
 * Compiled problem + solver for one job (`loadSolver`), loaded from the job's R2 input, and
 * where its checkpoints live. Kept on the job run (not a module global: an isolate serves many
 * tenants) and rebuilt after an eviction, which is why every chunk can start from the stored
 * checkpoint alone.
 */
import type { Progress } from "@core/engine/contract";
import type { Env } from "../env";
import { getBytes, getJson, jobKeys, putBytes } from "../storage/blobs";
import { compileProblemWithSandbox } from "../sandbox/objective";
import { RACE_ALGORITHM } from "@core/engine/race";
import { solverFor, type AnySolver } from "./solvers";
import type { IslandRow } from "./runner-store";
import { RUNTIME_DEFAULTS, type JobSpec } from "./spec";

export interface LoadedSolver {
  problem: unknown;
  solver: AnySolver;
  /** Custom objectives: reset the sandbox's per-chunk time budget (call before each chunk). */
  startChunk(): void;
  /** Custom objectives: free the sandbox (no-op for built-ins). */
  dispose(): void;
}

export async function loadSolver(env: Env, spec: Pick<JobSpec, "inputKey" | "kind" | "algorithm">): Promise<LoadedSolver> {
  const doc = await getJson<unknown>(env.BLOBS, spec.inputKey);
  if (doc === null) throw new Error(`job input is missing from storage (${spec.inputKey})`);
  // A custom objective gets a fresh sandbox here, so a restored run re-creates it (objectives are pure).
  const { problem, startChunk, dispose } = await compileProblemWithSandbox(doc);
  // A race's islands each run their own algorithm (race.ts islandSolver); the job's solver is island 0's.
  const algorithm = spec.algorithm === RACE_ALGORITHM ? undefined : spec.algorithm;
  return { problem, solver: solverFor(spec.kind, algorithm).solver, startChunk, dispose };
}

/** Where a checkpoint lives: inline in the DO row, or in R2 when above the inline limit. */
export async function placeCheckpoint(
  env: Env,
  spec: Pick<JobSpec, "tenantId" | "jobId">,
  island: number,
  seq: number | string,
  bytes: Uint8Array,
): Promise<{ bytes: Uint8Array | null; r2Key: string | null }> {
  if (bytes.byteLength <= RUNTIME_DEFAULTS.inlineCheckpointBytes) return { bytes, r2Key: null };
  // The key carries the seq, so the previous checkpoint stays valid until the new row commits.
  const key = jobKeys.checkpoint(spec.tenantId, spec.jobId, island, seq);
  await putBytes(env.BLOBS, key, bytes);
  return { bytes: null, r2Key: key };
}

export async function readCheckpoint(env: Env, row: Pick<IslandRow, "bytes" | "r2Key" | "island">): Promise<Uint8Array> {
  if (row.bytes) return row.bytes;
  if (row.r2Key) {
    const b = await getBytes(env.BLOBS, row.r2Key);
    if (b) return b;
  }
  throw new Error(`checkpoint of island ${row.island} is missing`);
}

/** Best-first comparison in the problem's direction (continuous problems may maximise). */
export function better(problem: unknown, a: number | null, b: number | null): boolean {
  if (a === null || !Number.isFinite(a)) return false;
  if (b === null || !Number.isFinite(b)) return true;
  return (problem as { direction?: string }).direction === "maximize" ? a > b : a < b;
}

/** Progress as stored (NaN → null survives JSON). */
export function cleanProgress(p: Progress): Progress {
  return { ...p, best: Number.isFinite(p.best) ? p.best : (null as unknown as number), mean: Number.isFinite(p.mean) ? p.mean : (null as unknown as number) };
}
