/**
 * One job's run, as a plain class: the JobRunner Durable Object (worker/runtime/job-runner.ts)
 * holds one and forwards its RPC calls, alarm and progress streams to it. The run is keyed
 * `idFromName(jobId)` (docs/architecture.md, "Job runtime").
 *
 * DO mode (islands = 1): each alarm restores the checkpoint, runs one chunk whose evaluation
 * budget adapts to a CPU target, stores checkpoint + figures in one SQLite transaction, pushes
 * progress and sets the next alarm. A crash anywhere before that transaction commits just
 * repeats the chunk from the same checkpoint, and because core's runs do not depend on how they
 * are chunked, the job ends with exactly the uninterrupted result.
 *
 * Island mode (islands > 1): the chunks run in the queue consumer (island-coordinator.ts); the
 * run hands out tasks, accepts reports for the expected seq only, migrates, and watches
 * deadlines with its alarm. The coordinator and the finish steps see the run through narrow
 * interfaces (IslandHost, FinishHost), never the Durable Object.
 */
import type { Env } from "../env";
import { createLogger } from "../http/request-context";
import { mirrorToD1 } from "./d1-mirror";
import { runFinishStep, FINISH_STEPS, type FinishHost, type FinishStep } from "./finish";
import { IslandCoordinator, type IslandHost, type IslandReport, type IslandTask } from "./island-coordinator";
import { ProgressFeed, type ProgressFigures } from "./progress-feed";
import { better, loadSolver, readCheckpoint, type LoadedSolver } from "./loaded-solver";
import { islandTotals, jobView, progressFigures, type ChunkTiming, type JobView } from "./runner-figures";
import { RunnerStore, type IslandRow, type RunnerStatus } from "./runner-store";
import { isTerminal, jobLogFields, type JobSpec, type JobState } from "./spec";
import { FaultInjector, type IslandFault, type TestFaults } from "./test-faults";
import { ObjectiveError } from "../sandbox/limits";
import { replayDone, stalled, targetReached, type StopReason } from "./stop-rules";
import { Lender, type LenderHost, type Terms } from "../contribute/lender";
import { runLocalChunk } from "./local-chunk";
import { startRun } from "./run-start";
import { KeepAlive, LEASE_RENEW_MS } from "./keep-alive";

export type { ChunkTiming, JobView } from "./runner-figures";

export type ControlResult = { ok: true; view: JobView } | { ok: false; view: JobView | null };

/** Alarm failures in a row before the job is failed instead of retried. */
const MAX_CHUNK_FAILURES = 3;

export class JobRun implements IslandHost, FinishHost, LenderHost {
  readonly store: RunnerStore;
  readonly feed: ProgressFeed;
  /** Contributed compute: island units lent to contributors over WebSockets (worker/contribute/). */
  readonly lender: Lender;
  private readonly faults: FaultInjector;
  private loadedSolver: LoadedSolver | null = null;
  /** DO mode: the solver state after the last committed chunk (an optimisation, never the truth; local-chunk.ts). */
  live: { seq: number; state: unknown } | null = null;
  private readonly islandsCo: IslandCoordinator;
  /** The D1 mirror, progress listeners and slot lease between chunks (keep-alive.ts). */
  private readonly keeper: KeepAlive;
  private readonly log = createLogger({ component: "job-runner" });

  constructor(
    private readonly ctx: DurableObjectState,
    readonly env: Env,
  ) {
    this.store = new RunnerStore(ctx.storage.sql);
    this.feed = new ProgressFeed(ctx, this.store);
    this.faults = new FaultInjector(this.store, env.ENVIRONMENT === "test");
    this.islandsCo = new IslandCoordinator(this);
    this.keeper = new KeepAlive(this, this.islandsCo);
    this.lender = new Lender(ctx, this);
  }

  get storage(): DurableObjectStorage {
    return this.ctx.storage;
  }

  async loaded(spec: JobSpec): Promise<LoadedSolver> {
    return (this.loadedSolver ??= await loadSolver(this.env, spec));
  }

  /** Mutations run one at a time even across awaits on R2 or the queue. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.ctx.blockConcurrencyWhile(fn);
  }

  // ---- commands (the JobRunner's RPC methods) -------------------------------------------------

  /** Initialise the run (idempotent: a second call returns the current view). */
  async start(spec: JobSpec, faults: TestFaults | null = null): Promise<JobView> {
    return this.exclusive(() => startRun(this, this.faults, this.islandsCo, spec, faults));
  }

  async status(): Promise<JobView | null> {
    return this.store.spec() ? this.view() : null;
  }

  async pause(): Promise<ControlResult> {
    return this.control(["running"], "paused", async (spec) => {
      // The alarm now only keeps the slot's lease alive (a paused job holds its slot). Islands:
      // chunks in flight still report and keep their watchdog; no new round starts.
      if (spec.islands === 1 || !this.store.islands().some((r) => r.deadline !== null)) {
        await this.ctx.storage.setAlarm(Date.now() + LEASE_RENEW_MS);
      }
    });
  }

  async resume(): Promise<ControlResult> {
    return this.control(["paused"], "running", async (spec) => {
      if (spec.islands === 1) await this.ctx.storage.setAlarm(Date.now());
      else if (!this.store.islands().some((r) => r.deadline !== null)) await this.islandsCo.afterRound(spec);
    });
  }

  /** Stops the run; the best-so-far result is written and stays downloadable. */
  async cancel(): Promise<ControlResult> {
    return this.exclusive(async () => {
      const spec = this.store.spec();
      const st = this.store.status();
      if (!spec || !st) return { ok: false, view: null };
      if (isTerminal(st.state)) return { ok: false, view: this.view() };
      await this.finish(spec, "cancelled", "cancelled on request", null);
      return { ok: true, view: this.view() };
    });
  }

  /** The queue consumer asks for its island chunk; null when the chunk is no longer wanted. */
  async islandTask(tenantId: string, island: number, seq: number): Promise<IslandTask | null> {
    return this.exclusive(() => this.islandsCo.task(tenantId, island, seq));
  }

  /** Tests only (ENVIRONMENT=test): the fault armed for this island chunk, counted down. */
  async islandFault(tenantId: string, island: number, seq: number): Promise<IslandFault | null> {
    return this.exclusive(async () => (this.store.spec()?.tenantId === tenantId ? this.faults.islandChunk(island, seq) : null));
  }

  /** An island chunk's outcome; accepted only for the expected seq (duplicates are ignored). */
  async acceptIslandReport(report: IslandReport): Promise<{ accepted: boolean; reason?: string }> {
    return this.exclusive(() => this.islandsCo.accept(report));
  }

  /** Whether this contributor may connect to the job now (worker/contribute/routes.ts asks before upgrading). */
  async contributionTerms(tenantId: string, contributor: string): Promise<Terms> {
    return this.lender.terms(tenantId, contributor);
  }

  /** LenderHost: a verified contributed unit, accepted like a queue report (already inside `exclusive`). */
  acceptIsland(report: IslandReport): Promise<{ accepted: boolean; reason?: string }> {
    return this.islandsCo.accept(report);
  }

  /** LenderHost: a unit taken back from a contributor goes to the queue (already inside `exclusive`). */
  requeueIsland(spec: JobSpec, island: number, seq: number): Promise<void> {
    return this.islandsCo.requeue(spec, island, seq);
  }

  /** The consumer failed this chunk (it will retry); remembered for a readable failure reason. */
  async reportIslandError(tenantId: string, island: number, seq: number, error: string): Promise<void> {
    await this.exclusive(async () => this.islandsCo.noteError(tenantId, island, seq, error));
  }

  /** A chunk message exhausted its retries: fail the job if that chunk is still the expected one. */
  async deadLetter(tenantId: string, island: number, seq: number): Promise<{ failed: boolean }> {
    return this.exclusive(() => this.islandsCo.deadLetter(tenantId, island, seq));
  }

  /** Fork support: the latest checkpoint of the best island (same tenant only). */
  async exportCheckpoint(tenantId: string): Promise<{ bytes: Uint8Array; evaluations: number } | null> {
    const spec = this.store.spec();
    if (!spec || spec.tenantId !== tenantId) return null;
    const { problem } = await this.loaded(spec);
    let best: IslandRow | null = null;
    for (const r of this.store.islands()) if (!best || better(problem, r.progress.best, best.progress.best)) best = r;
    if (!best) return null;
    return { bytes: await readCheckpoint(this.env, best), evaluations: best.progress.evaluations };
  }

  /** Forget everything (deleteJob): storage, alarm and open watchers. */
  /**
   * Removes the run and everything it keeps. Answers the usage the run had already recorded (its
   * finish passed the "usage" step), so a caller undoing a job it never announced can take it back.
   */
  async destroy(): Promise<{ recordedUsage: { jobs: number; computeMs: number } | null }> {
    return this.exclusive(async () => {
      const st = this.store.status();
      const usageDone = st !== null && st.finishedAt !== null && !(st.finishPending ?? []).includes("usage");
      const recordedUsage = usageDone ? { jobs: 1, computeMs: Math.round(st.computeMs) } : null;
      for (const ws of this.ctx.getWebSockets()) ws.close(1000, "job deleted");
      this.feed.closeStreams();
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
      this.store.createTables();
      this.live = null;
      this.loadedSolver?.dispose();
      this.loadedSolver = null;
      return { recordedUsage };
    });
  }

  // ---- progress streams ----------------------------------------------------------------------

  async openStream(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const st = this.store.status();
    if (!st) return new Response("no such job", { status: 404 });
    if (url.pathname.endsWith("/contribute")) return this.exclusive(() => this.lender.connect(request));
    if (url.pathname.endsWith("/ws")) {
      if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket upgrade", { status: 426 });
      return this.feed.openWebSocket();
    }
    if (url.pathname.endsWith("/events")) {
      const raw = request.headers.get("Last-Event-ID") ?? url.searchParams.get("lastEventId");
      const last = raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
      return this.feed.openSse(last, isTerminal(st.state));
    }
    return new Response("not found", { status: 404 });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (this.lender.isContributor(ws)) return this.exclusive(() => this.lender.message(ws, message));
    if (message === "ping") ws.send("pong");
    else if (message === "snapshot") ws.send(JSON.stringify(this.feed.snapshot()));
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // A contributor that leaves gives its units back to the queue at once.
    if (this.lender.isContributor(ws)) await this.exclusive(() => this.lender.closed(ws));
    // 1005/1006/1015 are reserved for "no code"/"abnormal"/"TLS" and may not be sent back.
    const reply = code === 1005 || code === 1006 || code === 1015 ? 1000 : code;
    try {
      ws.close(reply, reason);
    } catch {
      // Already closed by the runtime (auto-reply); nothing to do.
    }
  }

  // ---- the chunk loop ------------------------------------------------------------------------

  async alarm(): Promise<void> {
    const failure = await this.exclusive(async () => {
      const spec = this.store.spec();
      const st = this.store.status();
      if (!spec || !st) return null;
      if (st.finishPending) {
        await this.runFinishSteps(spec);
        return null;
      }
      if (st.state === "paused") {
        await this.keeper.whilePaused(spec);
        return null;
      }
      if (st.state !== "running") return null;
      try {
        if (spec.islands > 1) await this.islandsCo.watchdog(spec);
        else await runLocalChunk(this, this.faults, spec, st);
        return null;
      } catch (e) {
        return this.chunkFailed(spec, e);
      }
    });
    // Rethrown outside blockConcurrencyWhile so the runtime retries the alarm with backoff.
    if (failure) throw failure;
  }

  private async chunkFailed(spec: JobSpec, e: unknown): Promise<Error | null> {
    const failures = (this.store.getMeta<number>("chunkFailures") ?? 0) + 1;
    this.store.setMeta("chunkFailures", failures);
    this.log.warn("chunk failed", { ...jobLogFields(spec), failures, error: String(e) });
    // A tenant objective's failure repeats on every retry (it is pure): fail now, with its reason.
    if (e instanceof ObjectiveError) {
      await this.finish(spec, "failed", `objective ${e.reason}`, e.message);
      return null;
    }
    if (failures < MAX_CHUNK_FAILURES) return e instanceof Error ? e : new Error(String(e));
    await this.finish(spec, "failed", "the run failed repeatedly", `chunk failed ${failures} times: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }

  async timing(): Promise<ChunkTiming | null> {
    return this.store.getMeta("timing");
  }

  /** D1 mirror at a bounded rate, and the slot lease renewed while the job holds it (keep-alive.ts). */
  keepAlive(spec: JobSpec, status: RunnerStatus): Promise<void> {
    return this.keeper.keepAlive(spec, status);
  }

  /** Whether the run ends after this chunk or round, in what state and why (worker/runtime/stop-rules.ts). */
  endOf(spec: JobSpec, s: RunnerStatus, allDone: boolean): { state: JobState; reason: string; stopReason: StopReason } | null {
    if (replayDone(spec, s.evaluations)) return { state: "succeeded", reason: `replayed the ${s.evaluations.toLocaleString("en-US")} evaluations the original run spent`, stopReason: "replayed" };
    if (allDone) return { state: "succeeded", reason: "evaluation budget reached", stopReason: "budget" };
    const direction = (this.loadedSolver?.problem as { direction?: "minimize" | "maximize" } | undefined)?.direction;
    if (targetReached(s.best, spec.target ?? null, direction)) {
      return { state: "succeeded", reason: `reached ${spec.target} (a known optimum or the job's target): nothing left to improve`, stopReason: "target" };
    }
    // Stall is judged per chunk in DO mode; island rounds do not keep the improvement mark.
    const flat = spec.islands === 1 ? stalled(spec, s) : null;
    if (flat) return { state: "succeeded", reason: `converged: ${flat}`, stopReason: "stall" };
    if (spec.maxComputeMs !== null && s.computeMs >= spec.maxComputeMs) return { state: "succeeded", reason: "time budget reached", stopReason: "time" };
    if (spec.computeLimitMs !== null && s.computeMs >= spec.computeLimitMs) {
      return { state: "expired", reason: `the plan's compute limit per job (${Math.round(spec.computeLimitMs / 1000)} s) was reached; the best-so-far result is kept`, stopReason: "plan-limit" };
    }
    return null;
  }

  // ---- state changes and finishing -----------------------------------------------------------

  private async control(from: JobState[], to: JobState, effect: (spec: JobSpec) => Promise<void>): Promise<ControlResult> {
    return this.exclusive(async () => {
      const spec = this.store.spec();
      const st = this.store.status();
      if (!spec || !st) return { ok: false, view: null };
      if (!from.includes(st.state)) return { ok: false, view: this.view() };
      const status = { ...st, state: to, lastMirrorAt: Date.now() };
      const event = this.ctx.storage.transactionSync(() => {
        this.store.setStatus(status);
        return this.feed.record(this.figures(status, this.store.islands()), "state", Date.now());
      });
      await effect(spec);
      if (event) this.feed.broadcast(event);
      await mirrorToD1(this.env, spec, status);
      return { ok: true, view: this.view() };
    });
  }

  /** Enter a terminal state, then run the finish steps (each idempotent, retried by the alarm). */
  async finish(spec: JobSpec, state: JobState, reason: string, error: string | null, stopReason?: StopReason): Promise<void> {
    const st = this.store.status()!;
    if (isTerminal(st.state)) return;
    const now = Date.now();
    this.live = null;
    const code: StopReason = stopReason ?? (state === "cancelled" ? "cancelled" : state === "expired" ? "plan-limit" : state === "failed" ? "failed" : "budget");
    const status: RunnerStatus = { ...st, state, reason, stopReason: code, error, finishedAt: now, finishPending: [...FINISH_STEPS] };
    const event = this.ctx.storage.transactionSync(() => {
      this.store.setStatus(status);
      return this.feed.record(this.figures(status, this.store.islands()), "state", now);
    });
    await this.ctx.storage.deleteAlarm();
    if (event) this.feed.broadcast(event);
    try {
      await this.runFinishSteps(spec);
    } finally {
      // Free a custom objective's sandbox (its own WebAssembly memory) once the job has ended.
      this.loadedSolver?.dispose();
      this.loadedSolver = null;
    }
  }

  private async runFinishSteps(spec: JobSpec): Promise<void> {
    try {
      for (;;) {
        const st = this.store.status()!;
        const step = st.finishPending?.[0] as FinishStep | undefined;
        if (!step) break;
        await runFinishStep(this, spec, st, step);
        const rest = this.store.status()!.finishPending!.slice(1);
        this.store.setStatus({ ...this.store.status()!, finishPending: rest.length ? rest : null });
      }
      this.feed.closeStreams();
    } catch (e) {
      this.log.error("finish step failed; retrying", { ...jobLogFields(spec), error: String(e) });
      await this.ctx.storage.setAlarm(Date.now() + 2_000);
    }
  }

  // ---- figures (worker/runtime/runner-figures.ts) ---------------------------------------------

  totals(problem: unknown, rows: IslandRow[]) {
    return islandTotals(problem, rows);
  }

  figures(s: RunnerStatus, rows: IslandRow[]): ProgressFigures {
    return progressFigures(s, rows);
  }

  view(): JobView {
    return jobView(this.store);
  }
}
