/**
 * Progress fan-out for one job: a bounded ring of recent events (for SSE `Last-Event-ID` resume),
 * a downsampled convergence history (≤ 500 points, for late watchers), a ≤ 10/s throttle, and
 * delivery to hibernatable WebSockets and open SSE streams.
 *
 * Event ids are a per-job sequence, increasing by one per event actually sent, so a client that
 * resumes with `Last-Event-ID: n` gets exactly the events it missed while the ring holds them
 * (otherwise a fresh snapshot with the whole history).
 */
import type { RunnerStore } from "./runner-store";
import { HISTORY_COLUMNS, type HistoryPoint, type ProgressEvent, type ProgressFigures, type ProgressSnapshot } from "../jobs/vocabulary";
import { RUNTIME_DEFAULTS } from "./spec";

export type { HistoryPoint, ProgressEvent, ProgressFigures } from "../jobs/vocabulary";

interface History {
  every: number;
  seen: number;
  points: HistoryPoint[];
}

export const HISTORY_MAX_POINTS = 500;
const RING_SIZE = 256;

/** Keep every k-th sample; when full, drop every other point and double k (bounded, whole curve). */
export function addHistoryPoint(h: History, p: HistoryPoint, force = false): void {
  h.seen++;
  if (!force && h.seen % h.every !== 0) return;
  h.points.push(p);
  if (h.points.length > HISTORY_MAX_POINTS) {
    h.points = h.points.filter((_, i) => i % 2 === 1 || i === h.points.length - 1);
    h.every *= 2;
  }
}

export class ProgressFeed {
  private readonly sse = new Set<WritableStreamDefaultWriter<Uint8Array>>();
  private lastSentAt = 0;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly store: RunnerStore,
  ) {}

  private history(): History {
    return this.store.getMeta<History>("history") ?? { every: 1, seen: 0, points: [] };
  }

  private nextSeq(): number {
    return (this.store.getMeta<number>("eventSeq") ?? 0) + 1;
  }

  /**
   * Record figures (history always, storage in the caller's transaction) and return the event to
   * send, or null when throttled. State changes are never throttled.
   */
  record(f: ProgressFigures, type: ProgressEvent["type"], now: number): ProgressEvent | null {
    const h = this.history();
    addHistoryPoint(h, [f.evaluations, f.best, f.mean, f.elapsedMs, f.hard ?? null, f.soft ?? null], type === "state");
    this.store.setMeta("history", h);
    this.store.setMeta("latest", f);
    if (type === "progress" && now - this.lastSentAt < RUNTIME_DEFAULTS.broadcastIntervalMs) return null;
    this.lastSentAt = now;
    const event: ProgressEvent = { ...f, seq: this.nextSeq(), type, at: now };
    this.store.setMeta("eventSeq", event.seq);
    this.store.appendEvent(event.seq, JSON.stringify(event), RING_SIZE);
    return event;
  }

  /** Push an event to every watcher (after the transaction that recorded it committed). */
  broadcast(event: ProgressEvent): void {
    const json = JSON.stringify(event);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(json);
      } catch {
        // A socket closing under us; webSocketClose cleans up.
      }
    }
    const frame = this.encoder.encode(sseFrame(event.seq, event.type, json));
    for (const w of this.sse) {
      w.write(frame).catch(() => this.sse.delete(w));
    }
  }

  /** The first message to any watcher: current figures and the whole downsampled curve. */
  snapshot(): ProgressSnapshot {
    return {
      type: "snapshot",
      seq: this.store.getMeta<number>("eventSeq") ?? 0,
      latest: this.store.getMeta<ProgressFigures>("latest"),
      history: this.history().points,
      historyColumns: [...HISTORY_COLUMNS],
    };
  }

  /** Upgrade to a hibernatable WebSocket; the snapshot goes out first. */
  openWebSocket(): Response {
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server);
    server.send(JSON.stringify(this.snapshot()));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** An SSE stream: missed events after `lastEventId` when the ring has them, else a snapshot. */
  openSse(lastEventId: number | null, terminal: boolean): Response {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    const missed = lastEventId !== null ? this.store.eventsAfter(lastEventId) : null;
    let head = ": evolve job events\nretry: 2000\n\n";
    if (missed) {
      for (const data of missed) {
        const e = JSON.parse(data) as ProgressEvent;
        head += sseFrame(e.seq, e.type, data);
      }
    } else {
      const snap = this.snapshot();
      head += sseFrame(snap.seq, "snapshot", JSON.stringify(snap));
    }
    void writer.write(this.encoder.encode(head));
    // A finished job has nothing more to say: end the stream so clients do not hang.
    if (terminal) void writer.close();
    else this.sse.add(writer);
    return new Response(readable, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
    });
  }

  /** Close SSE streams after the final event (WebSockets stay open for the result view). */
  closeStreams(): void {
    for (const w of this.sse) void w.close().catch(() => undefined);
    this.sse.clear();
  }
}

function sseFrame(seq: number, type: string, data: string): string {
  return `id: ${seq}\nevent: ${type}\ndata: ${data}\n\n`;
}
