/**
 * Live progress of one job over the WebSocket at /v1/jobs/:id/ws (session cookie, same origin).
 * The first message is a snapshot with the whole downsampled curve (so a late visitor sees all of
 * it), then one event per push. Reconnects by itself with backoff until the job has ended.
 */
import { useEffect, useRef, useState } from "react";
import { isTerminal, type HistoryPoint, type ProgressFigures } from "@worker/jobs/vocabulary";

export type { HistoryPoint } from "@worker/jobs/vocabulary";

export interface ProgressHandlers {
  onSnapshot(history: HistoryPoint[]): void;
  onPoint(point: HistoryPoint): void;
}

export type Connection = "connecting" | "live" | "reconnecting" | "closed";

export function useJobProgress(jobId: string, initialState: string, handlers: ProgressHandlers) {
  const [figures, setFigures] = useState<ProgressFigures | null>(null);
  const [connection, setConnection] = useState<Connection>(isTerminal(initialState) ? "closed" : "connecting");
  const [events, setEvents] = useState(0);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => {
    let ws: WebSocket | null = null;
    let retry = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let ended = false;
    let pending: ProgressFigures | null = null;
    let frame: number | null = null;
    // Counters update once per animation frame at most, however fast events arrive.
    const show = (f: ProgressFigures) => {
      pending = f;
      if (frame !== null) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        if (pending) setFigures(pending);
      });
    };

    const connect = () => {
      const url = new URL(`/v1/jobs/${encodeURIComponent(jobId)}/ws`, window.location.href);
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      ws = new WebSocket(url);
      ws.onopen = () => {
        retry = 0;
        setConnection("live");
      };
      ws.onmessage = (msg) => {
        if (typeof msg.data !== "string" || msg.data === "pong") return;
        const data = JSON.parse(msg.data);
        if (data.type === "snapshot") {
          handlersRef.current.onSnapshot(data.history ?? []);
          if (data.latest) show(data.latest);
        } else {
          handlersRef.current.onPoint([data.evaluations, data.best, data.mean, data.elapsedMs, data.hard ?? null, data.soft ?? null]);
          show(data);
        }
        setEvents((n) => n + 1);
        const state = data.latest?.state ?? data.state;
        if (state && isTerminal(state)) {
          ended = true;
          setConnection("closed");
          ws?.close(1000, "job ended");
        }
      };
      ws.onclose = () => {
        if (stopped || ended) return;
        setConnection("reconnecting");
        const delay = Math.min(10_000, 500 * 2 ** retry++);
        timer = setTimeout(connect, delay);
      };
    };
    if (!isTerminal(initialState)) connect();
    else {
      // A finished job: one snapshot for the whole curve, then close.
      connect();
    }
    return () => {
      stopped = true;
      clearTimeout(timer);
      if (frame !== null) cancelAnimationFrame(frame);
      ws?.close(1000, "page left");
    };
  }, [jobId, initialState]);

  return { figures, connection, events };
}
