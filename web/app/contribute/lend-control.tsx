/**
 * "Lend this tab's CPU": runs the job's island units in a Web Worker (./lend.worker.ts) while the
 * user lets it, and shows what this tab contributed. It stops when the user says so, when the tab
 * is hidden, or when the job ends. Used on the job page (./lend-panel.tsx) and on the public join
 * page (web/app/routes/contribute.$jobId).
 */
import { useEffect, useRef, useState } from "react";
import type { ContributorStats } from "@worker/contribute/contributor";
import type { FromLendWorker, ToLendWorker } from "./lend.worker";

/** A random id this browser keeps, so the server meters (and, for cheats, bans) one contributor per browser. */
function clientId(): string {
  const key = "evolve.contributor";
  try {
    const known = localStorage.getItem(key);
    if (known && /^[A-Za-z0-9_-]{1,40}$/.test(known)) return known;
    const fresh = `tab-${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
    localStorage.setItem(key, fresh);
    return fresh;
  } catch {
    return `tab-${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  }
}

/** `wsPath`: `/v1/jobs/<id>/contribute?join=<token>` (same origin). */
export function LendControl({ wsPath }: { wsPath: string }) {
  const worker = useRef<Worker | null>(null);
  const [running, setRunning] = useState(false);
  const [stats, setStats] = useState<ContributorStats | null>(null);

  const send = (m: ToLendWorker) => worker.current?.postMessage(m);
  const stop = (reason: string) => send({ type: "stop", reason });

  const start = () => {
    if (worker.current) return;
    const w = new Worker(new URL("./lend.worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    w.onmessage = (e: MessageEvent<FromLendWorker>) => {
      setStats(e.data.stats);
      if (e.data.type === "ended") {
        w.terminate();
        worker.current = null;
        setRunning(false);
      }
    };
    const url = new URL(wsPath, window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("client", clientId());
    send({ type: "start", url: url.toString() });
    setRunning(true);
  };

  // A hidden tab stops lending (the user is not watching what it costs them); leaving the page too.
  useEffect(() => {
    const onVisibility = () => {
      if (document.hidden) stop("the tab was hidden");
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      stop("left the page");
      worker.current?.terminate();
      worker.current = null;
    };
  }, []);

  return (
    <div className="lend" data-testid="lend-control">
      <button type="button" className={running ? "button" : "button primary"} data-testid="lend-toggle" onClick={() => (running ? stop("stopped by you") : start())}>
        {running ? "Stop lending" : "Lend this tab's CPU"}
      </button>
      <p className="muted" aria-live="polite" style={{ margin: "8px 0 0" }}>
        {stats ? (
          <>
            {running ? "Lending: " : "This tab lent: "}
            <span data-testid="lend-units">{stats.accepted}</span> units accepted, <span data-testid="lend-evaluations">{stats.evaluations.toLocaleString("en-US")}</span> evaluations
            {stats.rejected ? `, ${stats.rejected} rejected` : ""}
            {stats.jobBest !== null ? ` · job best ${stats.jobBest.toPrecision(6)}` : ""}
            {!running && stats.ended ? ` · stopped: ${stats.ended}` : ""}
          </>
        ) : running ? (
          "Connecting…"
        ) : (
          "Runs the job's island units in a background thread of this tab while it stays visible. The server checks every result; nothing here is trusted."
        )}
      </p>
    </div>
  );
}
