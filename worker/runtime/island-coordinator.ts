/**
 * Island mode of a job run (worker/runtime/job-run.ts). Islands advance in rounds: round r sends one `island-chunk`
 * message `{ jobId, tenantId, island, seq: r + 1 }` per unfinished island; the queue consumer runs
 * a fixed number of evaluations (`islandChunkEvaluations`, set at start) and reports back. A
 * report is accepted only when its seq is the one the island expects, so redelivered messages and
 * late duplicates change nothing and no work is counted twice. When every island has reported,
 * the best individuals migrate around the ring (every `migrateEvery` rounds) and the next round
 * starts. Fixed chunk sizes and round barriers make island runs replayable from their spec.
 *
 * The alarm is the watchdog: a chunk not reported by its deadline is re-enqueued; after
 * MAX_WATCHDOG_RESENDS the job fails. Messages that fail in the consumer on every retry land in
 * the dead-letter queue, whose consumer calls `deadLetter` to fail the job with the reason.
 */
import type { Progress } from "@core/engine/contract";
import type { Env, QueueMessage } from "../env";
import { createLogger } from "../http/request-context";
import { mirrorToD1 } from "./d1-mirror";
import type { ProgressFeed, ProgressFigures } from "./progress-feed";
import { placeCheckpoint, readCheckpoint, type LoadedSolver } from "./loaded-solver";
import { closeRaceRound, isRace, islandAlgorithm, raceOver, raceProgress, raceTaskEvaluations, raceWantsChunk, recordRaceCurve } from "./race";
import type { IslandRow, RunnerStatus, RunnerStore } from "./runner-store";
import { RUNTIME_DEFAULTS, isTerminal, jobLogFields, type JobSpec, type JobState } from "./spec";
import type { StopReason } from "./stop-rules";

export const MAX_WATCHDOG_RESENDS = 3;

export interface IslandChunkMessage {
  type: "island-chunk";
  jobId: string;
  tenantId: string;
  island: number;
  seq: number;
  /** The creating request's id, for the consumer's log lines. */
  requestId?: string;
}

export interface IslandTask {
  jobId: string;
  tenantId: string;
  kind: string;
  algorithm: string;
  inputKey: string;
  island: number;
  seq: number;
  /** Evaluations to run in this chunk. */
  evaluations: number;
  checkpoint: Uint8Array | null;
  r2Key: string | null;
}

export interface IslandReport {
  tenantId: string;
  island: number;
  seq: number;
  /** Inline checkpoint, or the R2 key the consumer stored a large one under. */
  checkpoint: Uint8Array | null;
  r2Key: string | null;
  progress: Progress;
  computeMs: number;
}

/** What the coordinator needs from the run it belongs to (worker/runtime/job-run.ts implements it). */
export interface IslandHost {
  readonly env: Env;
  readonly store: RunnerStore;
  readonly feed: ProgressFeed;
  readonly storage: Pick<DurableObjectStorage, "transactionSync" | "setAlarm">;
  loaded(spec: JobSpec): Promise<LoadedSolver>;
  totals(problem: unknown, rows: IslandRow[]): Pick<RunnerStatus, "evaluations" | "generation" | "best" | "mean" | "hard" | "soft">;
  figures(s: RunnerStatus, rows: IslandRow[]): ProgressFigures;
  keepAlive(spec: JobSpec, status: RunnerStatus): Promise<void>;
  endOf(spec: JobSpec, s: RunnerStatus, allDone: boolean): { state: JobState; reason: string; stopReason: StopReason } | null;
  finish(spec: JobSpec, state: JobState, reason: string, error: string | null, stopReason?: StopReason): Promise<void>;
  /** Contributed compute (worker/contribute/lender.ts): lends some of a round's chunks to contributors. */
  readonly lender?: ChunkLender;
}

/** What the coordinator asks of contributed compute; the chunks it takes are not sent to the queue. */
export interface ChunkLender {
  lend(spec: JobSpec, chunks: { island: number; seq: number }[]): { lent: Set<number>; earliest: number | null };
  /** True when a contributor held this late chunk (its lease is dropped; the resend is not counted). */
  reclaim(island: number, seq: number): boolean;
}

export class IslandCoordinator {
  private readonly log = createLogger({ component: "island-coordinator" });

  constructor(private readonly runner: IslandHost) {}

  private get store() {
    return this.runner.store;
  }

  private get env() {
    return this.runner.env;
  }

  /** Send the next chunk of every unfinished island and arm the watchdog. */
  async enqueueRound(spec: JobSpec): Promise<void> {
    const now = Date.now();
    const deadline = now + spec.islandDeadlineMs;
    const messages: IslandChunkMessage[] = [];
    this.runner.storage.transactionSync(() => {
      for (const r of this.store.islands()) {
        // A race's island also sits out while dropped or waiting for its rung to close (race.ts).
        if (r.progress.done || (isRace(spec) && !raceWantsChunk(spec, this.store, r))) continue;
        this.store.putIsland({ ...r, deadline, attempts: 0 });
        messages.push(chunkMessage(spec, r.island, r.seq + 1));
      }
    });
    const lending = this.runner.lender?.lend(spec, messages) ?? { lent: new Set<number>(), earliest: null };
    const queued = messages.filter((m) => !lending.lent.has(m.island));
    await this.runner.storage.setAlarm(Math.min(deadline, lending.earliest ?? deadline));
    // A failed send is covered by the watchdog, which re-sends at the deadline.
    if (queued.length) await this.env.JOBS_QUEUE.sendBatch(queued.map((body) => ({ body: body satisfies QueueMessage })));
  }

  /** An in-flight chunk taken back from a contributor goes to the queue; not counted as a watchdog resend. */
  async requeue(spec: JobSpec, island: number, seq: number): Promise<void> {
    const st = this.store.status();
    const row = this.store.island(island);
    if (!st || isTerminal(st.state) || !row || row.deadline === null || row.seq + 1 !== seq) return;
    this.store.putIsland({ ...row, deadline: Date.now() + spec.islandDeadlineMs });
    await this.runner.storage.setAlarm(
      Math.min(
        ...this.store
          .islands()
          .filter((r) => r.deadline !== null)
          .map((r) => r.deadline!),
      ),
    );
    await this.env.JOBS_QUEUE.send(chunkMessage(spec, island, seq) satisfies QueueMessage);
  }

  async task(tenantId: string, island: number, seq: number): Promise<IslandTask | null> {
    const spec = this.store.spec();
    const st = this.store.status();
    if (!spec || !st || spec.tenantId !== tenantId || isTerminal(st.state)) return null;
    const row = this.store.island(island);
    if (!row || row.deadline === null || row.seq + 1 !== seq) return null;
    return {
      jobId: spec.jobId,
      tenantId,
      kind: spec.kind,
      algorithm: islandAlgorithm(spec, island),
      inputKey: spec.inputKey,
      island,
      seq,
      evaluations: isRace(spec) ? raceTaskEvaluations(spec, this.store, row) : (spec.islandChunkEvaluations ?? 1),
      checkpoint: row.bytes,
      r2Key: row.r2Key,
    };
  }

  async accept(report: IslandReport): Promise<{ accepted: boolean; reason?: string }> {
    const spec = this.store.spec();
    const st = this.store.status();
    if (!spec || !st || spec.tenantId !== report.tenantId) return { accepted: false, reason: "unknown job" };
    if (isTerminal(st.state)) return { accepted: false, reason: `job already ${st.state}` };
    const row = this.store.island(report.island);
    if (!row || row.deadline === null || row.seq + 1 !== report.seq) {
      return { accepted: false, reason: `stale or duplicate report (island ${report.island} expects seq ${row ? row.seq + 1 : "?"})` };
    }
    const { problem } = await this.runner.loaded(spec);
    const placed =
      report.checkpoint && report.checkpoint.byteLength <= RUNTIME_DEFAULTS.inlineCheckpointBytes
        ? { bytes: report.checkpoint, r2Key: null }
        : report.checkpoint
          ? await placeCheckpoint(this.env, spec, report.island, report.seq, report.checkpoint)
          : { bytes: null, r2Key: report.r2Key };
    const progress = isRace(spec) ? raceProgress(this.store, report.island, report.progress) : report.progress; // a race counts an island's earlier runs
    const next: IslandRow = { ...row, seq: report.seq, ...placed, progress, computeMs: row.computeMs + report.computeMs, deadline: null, attempts: 0 };
    const now = Date.now();
    const rows = this.store.islands().map((r) => (r.island === next.island ? next : r));
    const status: RunnerStatus = { ...st, ...this.runner.totals(problem, rows), computeMs: st.computeMs + report.computeMs };
    const roundDone = !rows.some((r) => r.deadline !== null);
    const event = this.runner.storage.transactionSync(() => {
      this.store.putIsland(next);
      this.store.setStatus(status);
      if (isRace(spec)) recordRaceCurve(this.store, rows);
      return this.runner.feed.record(this.runner.figures(status, rows), "progress", now);
    });
    if (row.r2Key && row.r2Key !== next.r2Key) await this.env.BLOBS.delete(row.r2Key);
    if (event) this.runner.feed.broadcast(event);
    if (roundDone) await this.afterRound(spec);
    else await this.runner.keepAlive(spec, status);
    return { accepted: true };
  }

  /** Every island reported: migrate (every few rounds), then end the run or start the next round. */
  async afterRound(spec: JobSpec): Promise<void> {
    let st = this.store.status()!;
    let rows = this.store.islands();
    const round = st.round + 1;
    if (isRace(spec)) {
      // A race closes rounds and rungs by its own rules (race.ts): halving and migration at rung ends.
      const closed = await closeRaceRound(this.env, spec, await this.runner.loaded(spec), this.store, st, rows);
      this.runner.storage.transactionSync(() => closed.commit());
      ({ rows, status: st } = closed);
      if (closed.replaced.length) await this.env.BLOBS.delete(closed.replaced);
    } else if (rows.every((r) => r.seq >= round || r.progress.done)) {
      // The round's reports are all in and it was not yet closed (closing is one transaction).
      if (round % spec.migrateEvery === 0) rows = await this.migrate(spec, rows);
      st = { ...st, round };
      const replaced = this.store
        .islands()
        .map((r) => r.r2Key)
        .filter((k): k is string => !!k && !rows.some((n) => n.r2Key === k));
      this.runner.storage.transactionSync(() => {
        for (const r of rows) this.store.putIsland(r);
        this.store.setStatus(st);
      });
      if (replaced.length) await this.env.BLOBS.delete(replaced);
    }
    const ending = this.runner.endOf(spec, st, isRace(spec) ? raceOver(spec, this.store, rows) : rows.every((r) => r.progress.done));
    if (ending) await this.runner.finish(spec, ending.state, ending.reason, null, ending.stopReason);
    else if (st.state === "running") await this.enqueueRound(spec);
    else if (st.state === "paused") {
      await mirrorToD1(this.env, spec, st);
      await this.runner.storage.setAlarm(Date.now() + RUNTIME_DEFAULTS.leaseRenewMs); // keeps the lease alive
    }
  }

  /**
   * Ring migration at the solver-state level: island i sends its `migrants` best to island i+1,
   * which replaces its worst. Uses the solver's optional emigrants/immigrate hooks; solvers
   * without them run as independent islands (the best island wins).
   */
  private async migrate(spec: JobSpec, rows: IslandRow[]): Promise<IslandRow[]> {
    const { problem, solver } = await this.runner.loaded(spec);
    if (!solver.emigrants || !solver.immigrate || rows.length < 2) return rows;
    const states = await Promise.all(rows.map(async (r) => solver.restore(problem, await readCheckpoint(this.env, r))));
    const outgoing = states.map((s) => solver.emigrants!(s, spec.migrants));
    const out: IslandRow[] = [];
    for (let i = 0; i < rows.length; i++) {
      const from = (i - 1 + rows.length) % rows.length;
      if (!rows[i].progress.done) solver.immigrate!(states[i], outgoing[from]);
      // Own key ("<seq>m"): the pre-migration checkpoint must stay intact until the round commits,
      // or a crash in between would migrate twice on recovery.
      const placed = await placeCheckpoint(this.env, spec, i, `${rows[i].seq}m`, solver.checkpoint(states[i]));
      out.push({ ...rows[i], ...placed });
    }
    this.store.setMeta("migrations", (this.store.getMeta<number>("migrations") ?? 0) + 1);
    return out;
  }

  /** Alarm in island mode: re-send late chunks; fail after too many resends. */
  async watchdog(spec: JobSpec): Promise<void> {
    const now = Date.now();
    const rows = this.store.islands();
    const inFlight = rows.filter((r) => r.deadline !== null);
    if (!inFlight.length) return this.afterRound(spec); // a crash between closing a round and sending the next
    const resend: IslandChunkMessage[] = [];
    for (const r of inFlight) {
      if (r.deadline! > now) continue;
      if (this.runner.lender?.reclaim(r.island, r.seq + 1)) {
        // A contributor's lease lapsed: the chunk goes to the queue without using up a resend.
        this.store.putIsland({ ...r, deadline: now + spec.islandDeadlineMs });
        resend.push(chunkMessage(spec, r.island, r.seq + 1));
        continue;
      }
      if (r.attempts >= MAX_WATCHDOG_RESENDS) {
        const last = this.store.getMeta<string>(`islandError:${r.island}:${r.seq + 1}`);
        return this.runner.finish(
          spec,
          "failed",
          "an island chunk never reported",
          `island ${r.island} chunk ${r.seq + 1} did not report within ${Math.round(spec.islandDeadlineMs / 1000)} s after ${r.attempts + 1} sends${last ? ` (last error: ${last})` : ""}`,
        );
      }
      this.store.putIsland({ ...r, deadline: now + spec.islandDeadlineMs, attempts: r.attempts + 1 });
      resend.push(chunkMessage(spec, r.island, r.seq + 1));
      this.log.warn("island chunk late; re-enqueued", { ...jobLogFields(spec), island: r.island, seq: r.seq + 1, attempt: r.attempts + 1 });
    }
    const next = Math.min(
      ...this.store
        .islands()
        .filter((r) => r.deadline !== null)
        .map((r) => r.deadline!),
    );
    await this.runner.storage.setAlarm(next);
    if (resend.length) await this.env.JOBS_QUEUE.sendBatch(resend.map((body) => ({ body: body satisfies QueueMessage })));
  }

  noteError(tenantId: string, island: number, seq: number, error: string): void {
    const spec = this.store.spec();
    if (!spec || spec.tenantId !== tenantId) return;
    this.store.setMeta(`islandError:${island}:${seq}`, error.slice(0, 500));
  }

  async deadLetter(tenantId: string, island: number, seq: number): Promise<{ failed: boolean }> {
    const spec = this.store.spec();
    const st = this.store.status();
    if (!spec || !st || spec.tenantId !== tenantId || isTerminal(st.state)) return { failed: false };
    const row = this.store.island(island);
    // A dead letter for a chunk that was since reported (e.g. by a watchdog resend) is harmless.
    if (!row || row.deadline === null || row.seq + 1 !== seq) return { failed: false };
    const last = this.store.getMeta<string>(`islandError:${island}:${seq}`);
    await this.runner.finish(
      spec,
      "failed",
      "an island chunk failed on every attempt",
      `island ${island} chunk ${seq} failed on every delivery attempt and was moved to the dead-letter queue${last ? `: ${last}` : ""}`,
    );
    return { failed: true };
  }
}

function chunkMessage(spec: JobSpec, island: number, seq: number): IslandChunkMessage {
  return { type: "island-chunk", jobId: spec.jobId, tenantId: spec.tenantId, island, seq, ...(spec.requestId ? { requestId: spec.requestId } : {}) };
}
