/**
 * JobRunner: one Durable Object per job (DESIGN.md §3). It runs the job in chunks on alarms,
 * checkpoints population state in its SQLite storage and pushes progress to watchers.
 * The chunk loop arrives with the job-runtime issue; `ping` serves the health check.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

export class JobRunner extends DurableObject<Env> {
  /** Liveness probe used by GET /v1/health. */
  async ping(): Promise<string> {
    return "pong";
  }
}
