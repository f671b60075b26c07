/**
 * What keeps a run alive between chunks: the D1 mirror at a bounded rate, the tenants' progress
 * listeners, and the lease on the job's concurrency slot (renewed while the job holds it, also
 * while paused; a lost slot ends the job `expired`).
 */
import { createLogger } from "../http/request-context";
import { onJobProgress, PROGRESS_LISTENER_INTERVAL_MS } from "../jobs/events";
import { renewLease } from "../tenancy/admission";
import { mirrorToD1 } from "./d1-mirror";
import type { IslandCoordinator, IslandHost } from "./island-coordinator";
import type { RunnerStatus } from "./runner-store";
import { RUNTIME_DEFAULTS, jobLogFields, type JobSpec } from "./spec";

export const LEASE_RENEW_MS = RUNTIME_DEFAULTS.leaseRenewMs;

/** What keeping alive needs of the run (worker/runtime/job-run.ts). */
export type KeepAliveHost = Pick<IslandHost, "env" | "store" | "storage" | "figures" | "finish">;

export class KeepAlive {
  private lastLeaseAt = 0;
  /** When the progress listeners (tenant job.progress webhooks) were last told; 0 = never. */
  private lastProgressNoticeAt = 0;
  private readonly log = createLogger({ component: "job-runner" });

  constructor(
    private readonly run: KeepAliveHost,
    private readonly islands: IslandCoordinator,
  ) {}

  /** Alarm while paused: watch chunks still in flight, and renew the slot's lease. */
  async whilePaused(spec: JobSpec): Promise<void> {
    if (this.run.store.islands().some((r) => r.deadline !== null)) await this.islands.watchdog(spec);
    if (!(await this.renewSlot(spec))) return;
    const st = this.run.store.status();
    if (st?.state === "paused" && !this.run.store.islands().some((r) => r.deadline !== null)) {
      await this.run.storage.setAlarm(Date.now() + LEASE_RENEW_MS);
    }
  }

  /** D1 mirror at a bounded rate, and the slot lease renewed while the job holds it. */
  async keepAlive(spec: JobSpec, status: RunnerStatus): Promise<void> {
    const now = Date.now();
    if (now - status.lastMirrorAt >= RUNTIME_DEFAULTS.mirrorIntervalMs) {
      this.run.store.setStatus({ ...this.run.store.status()!, lastMirrorAt: now });
      await mirrorToD1(this.run.env, spec, status);
    }
    if (now - this.lastProgressNoticeAt >= PROGRESS_LISTENER_INTERVAL_MS && status.state === "running") {
      this.lastProgressNoticeAt = now;
      const f = this.run.figures(status, this.run.store.islands());
      await onJobProgress(this.run.env, {
        id: spec.jobId,
        tenantId: spec.tenantId,
        state: status.state,
        generation: f.generation,
        evaluations: f.evaluations,
        best: Number.isFinite(f.best) ? f.best : null,
        hard: f.hard ?? null,
        soft: f.soft ?? null,
        computeMs: status.computeMs,
      }).catch((e) => this.log.warn("progress listeners failed", { ...jobLogFields(spec), error: String(e) }));
    }
    if (now - this.lastLeaseAt >= LEASE_RENEW_MS) await this.renewSlot(spec);
  }

  /**
   * Renews the job's concurrency slot. When the lease had lapsed and the slot is gone (TenantGate
   * answers ok: false, e.g. after a long outage another job took it), the job must not keep
   * computing outside the tenant's limit: it ends `expired` with its best-so-far result and
   * false is returned. A renewal call that fails (storage hiccup) keeps the job running.
   */
  private async renewSlot(spec: JobSpec): Promise<boolean> {
    this.lastLeaseAt = Date.now();
    const answer = await renewLease(this.run.env, spec.tenantId, spec.jobId).catch((e) => {
      this.log.warn("lease renewal failed", { ...jobLogFields(spec), error: String(e) });
      return null;
    });
    if (answer?.ok !== false) return true;
    this.log.warn("slot lease lost: stopping the job", jobLogFields(spec));
    await this.run.finish(spec, "expired", "the job's concurrency slot lapsed (it was not renewed in time) and was given up; the best-so-far result is kept", null, "plan-limit");
    return false;
  }
}
