/**
 * JobRunner: one Durable Object per job, named `idFromName(jobId)`. A thin RPC shell: every
 * method forwards to the job's plain `JobRun` (worker/runtime/job-run.ts), which holds the chunk
 * loop, island coordination, control and finishing. This class only adapts the Durable Object
 * surface (RPC methods, alarm, fetch for the progress streams, hibernatable WebSocket events).
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import type { IslandReport, IslandTask } from "./island-coordinator";
import { JobRun, type ControlResult } from "./job-run";
import type { ChunkTiming, JobView } from "./runner-figures";
import type { JobSpec } from "./spec";
import type { IslandFault, TestFaults } from "./test-faults";
import type { Terms } from "../contribute/lender";

export type { ControlResult } from "./job-run";
export type { ChunkTiming, JobView } from "./runner-figures";

export class JobRunner extends DurableObject<Env> {
  private readonly run: JobRun;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.run = new JobRun(ctx, env);
  }

  /** Liveness probe used by GET /v1/health. */
  async ping(): Promise<string> {
    return "pong";
  }

  /** Initialise the run (idempotent: a second call returns the current view). `faults` only in tests. */
  start(spec: JobSpec, faults: TestFaults | null = null): Promise<JobView> {
    return this.run.start(spec, faults);
  }

  status(): Promise<JobView | null> {
    return this.run.status();
  }

  pause(): Promise<ControlResult> {
    return this.run.pause();
  }

  resume(): Promise<ControlResult> {
    return this.run.resume();
  }

  /** Stops the run; the best-so-far result is written and stays downloadable. */
  cancel(): Promise<ControlResult> {
    return this.run.cancel();
  }

  /** The queue consumer asks for its island chunk; null when the chunk is no longer wanted. */
  islandTask(tenantId: string, island: number, seq: number): Promise<IslandTask | null> {
    return this.run.islandTask(tenantId, island, seq);
  }

  /** Tests only (ENVIRONMENT=test; null elsewhere): the fault injected into this island chunk. */
  islandFault(tenantId: string, island: number, seq: number): Promise<IslandFault | null> {
    return this.run.islandFault(tenantId, island, seq);
  }

  /** An island chunk's outcome; accepted only for the expected seq (duplicates are ignored). */
  acceptIslandReport(report: IslandReport): Promise<{ accepted: boolean; reason?: string }> {
    return this.run.acceptIslandReport(report);
  }

  /** Contributed compute: may this contributor connect now (worker/contribute/routes.ts)? */
  contributionTerms(tenantId: string, contributor: string): Promise<Terms> {
    return this.run.contributionTerms(tenantId, contributor);
  }

  /** The consumer failed this chunk (it will retry); remembered for a readable failure reason. */
  reportIslandError(tenantId: string, island: number, seq: number, error: string): Promise<void> {
    return this.run.reportIslandError(tenantId, island, seq, error);
  }

  /** A chunk message exhausted its retries: fail the job if that chunk is still the expected one. */
  deadLetter(tenantId: string, island: number, seq: number): Promise<{ failed: boolean }> {
    return this.run.deadLetter(tenantId, island, seq);
  }

  /** Fork support: the latest checkpoint of the best island (same tenant only). */
  exportCheckpoint(tenantId: string): Promise<{ bytes: Uint8Array; evaluations: number } | null> {
    return this.run.exportCheckpoint(tenantId);
  }

  /** Forget everything (deleteJob): storage, alarm and open watchers. */
  destroy(): ReturnType<JobRun["destroy"]> {
    return this.run.destroy();
  }

  /** Chunk timing for the runtime benchmark (compute vs overhead). */
  timing(): Promise<ChunkTiming | null> {
    return this.run.timing();
  }

  /** The progress streams: `/…/events` (SSE, resumable) and `/…/ws` (WebSocket upgrade). */
  override fetch(request: Request): Promise<Response> {
    return this.run.openStream(request);
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    return this.run.webSocketMessage(ws, message);
  }

  override webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    return this.run.webSocketClose(ws, code, reason);
  }

  override alarm(): Promise<void> {
    return this.run.alarm();
  }
}
