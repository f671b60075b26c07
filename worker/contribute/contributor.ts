/**
 * The contributor's side of the protocol (worker/contribute/protocol.ts), one connection = one
 * unit at a time. Shared by the Node client (scripts/contribute.ts: compute in worker_threads),
 * the browser (web/app/contribute/: compute in a Web Worker) and the workerd tests (compute
 * inline). The socket is opened by the caller (WebSocket implementations differ); binary frames
 * must arrive as ArrayBuffer or Uint8Array.
 */
import { isTerminal } from "../jobs/vocabulary";
import { prepareJob, runUnit, type UnitOutcome } from "./compute";
import { decodeFrame, encodeFrame, parseUnitHeader, PROTOCOL_VERSION, type ServerText, type UnitHeader, type WelcomeMessage } from "./protocol";

export interface SocketLike {
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "message", fn: (e: { data: unknown }) => void): void;
  addEventListener(type: "close", fn: (e: { code: number; reason: string }) => void): void;
}

/** Where units run: prepared once per job from the welcome, then one unit at a time. */
export interface UnitRunner {
  prepare(welcome: WelcomeMessage): Promise<void>;
  run(unit: UnitHeader, checkpoint: Uint8Array): Promise<UnitOutcome>;
}

/** Runs units on the calling thread (tests; a browser's Web Worker is itself off the page's thread). */
export function inlineRunner(): UnitRunner {
  let job: ReturnType<typeof prepareJob> | null = null;
  return {
    async prepare(w) {
      job = prepareJob(w.kind, w.algorithm, w.problem);
    },
    async run(unit, checkpoint) {
      if (!job) throw new Error("no job prepared");
      return runUnit(job, unit.evaluations, checkpoint);
    },
  };
}

export interface ContributorStats {
  jobId: string | null;
  /** Units received, and their verdicts. */
  units: number;
  accepted: number;
  rejected: number;
  /** Evaluations the server credited. */
  evaluations: number;
  computeMs: number;
  strikes: number;
  /** The job's latest figures from its progress events. */
  jobState: string | null;
  jobBest: number | null;
  /** Why the connection ended (bye, banned, job finished, closed). */
  ended: string | null;
  /** The server's reasons for the latest rejected units (at most 10). */
  rejections: string[];
}

export class Contributor {
  readonly stats: ContributorStats = { jobId: null, units: 0, accepted: 0, rejected: 0, evaluations: 0, computeMs: 0, strikes: 0, jobState: null, jobBest: null, ended: null, rejections: [] };
  readonly ended: Promise<ContributorStats>;
  private stopped = false;
  private ready = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: SocketLike,
    private readonly runner: UnitRunner,
    private readonly onChange: (s: ContributorStats) => void = () => undefined,
  ) {
    this.ended = new Promise((resolve) => {
      socket.addEventListener("close", (e) => {
        this.stats.ended ??= `closed (${e.code}${e.reason ? `: ${e.reason}` : ""})`;
        this.onChange(this.stats);
        resolve(this.stats);
      });
    });
    // Messages are handled one after another (a unit's compute must not overlap the next message).
    socket.addEventListener("message", (e) => {
      this.queue = this.queue.then(() => this.handle(e.data)).catch((err) => this.end(`client error: ${err instanceof Error ? err.message : String(err)}`));
    });
  }

  /** Stop lending: the server gets any unit in flight back at once (the socket closes). */
  stop(reason = "stopped by the user"): void {
    this.end(reason);
  }

  private end(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stats.ended ??= reason;
    try {
      this.socket.close(1000, reason.slice(0, 120));
    } catch {
      // already closed
    }
  }

  private async handle(data: unknown): Promise<void> {
    if (this.stopped) return;
    if (typeof data === "string") return this.text(data);
    const bytes = await asBytes(data);
    if (!bytes) throw new Error(`binary frames must arrive as bytes, got ${Object.prototype.toString.call(data)}`);
    const { header, payload } = decodeFrame(bytes);
    const unit = parseUnitHeader(header);
    this.stats.units += 1;
    this.onChange(this.stats);
    let outcome: UnitOutcome;
    try {
      outcome = await this.runner.run(unit, payload);
    } catch (e) {
      this.socket.send(JSON.stringify({ op: "failed", unitId: unit.unitId, error: e instanceof Error ? e.message : String(e) }));
      this.socket.send(JSON.stringify({ op: "ready" }));
      return;
    }
    if (this.stopped) return;
    this.stats.computeMs += outcome.computeMs;
    this.socket.send(encodeFrame({ op: "result", unitId: unit.unitId, island: unit.island, seq: unit.seq, progress: outcome.progress, computeMs: outcome.computeMs }, outcome.checkpoint));
  }

  private async text(data: string): Promise<void> {
    const m = JSON.parse(data) as ServerText | { type?: string; state?: string; best?: number | null; latest?: { state?: string; best?: number | null } | null };
    if ("op" in m) {
      switch (m.op) {
        case "welcome":
          if (m.protocol !== PROTOCOL_VERSION) return this.end(`the server speaks protocol ${m.protocol}, this client ${PROTOCOL_VERSION}`);
          this.stats.jobId = m.jobId;
          await this.runner.prepare(m);
          if (!this.ready) {
            this.ready = true;
            this.socket.send(JSON.stringify({ op: "ready" }));
          }
          break;
        case "verdict":
          if (m.accepted) {
            this.stats.accepted += 1;
            this.stats.evaluations += m.evaluations;
          } else if (!m.reason?.startsWith("stale")) {
            this.stats.rejected += 1;
            this.stats.rejections = [...this.stats.rejections, m.reason ?? ""].slice(-10);
          }
          this.stats.strikes = m.strikes;
          break;
        case "banned":
          this.stats.ended = `banned: ${m.reason}`;
          break;
        case "bye":
          this.stats.ended ??= m.reason;
          break;
      }
      this.onChange(this.stats);
      return;
    }
    // The job's own progress events: show them, and leave when the job is over.
    const figures = m.type === "snapshot" ? m.latest : m;
    if (figures?.state) this.stats.jobState = figures.state;
    if (typeof figures?.best === "number") this.stats.jobBest = figures.best;
    this.onChange(this.stats);
    if (figures?.state && isTerminal(figures.state)) this.end(`the job ${figures.state}`);
  }
}

/** Binary frame data as bytes, whatever realm or runtime made it (ArrayBuffer, a typed array, Node's Buffer, a Blob). */
async function asBytes(data: unknown): Promise<Uint8Array | null> {
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Object.prototype.toString.call(data) === "[object ArrayBuffer]") return new Uint8Array(data as ArrayBuffer);
  if (typeof (data as Blob | null)?.arrayBuffer === "function") return new Uint8Array(await (data as Blob).arrayBuffer());
  return null;
}
