/**
 * The Web Worker behind "Lend this tab's CPU" (./lend-control.tsx): it opens the contributor
 * WebSocket and runs units with core on this worker's thread (worker/contribute/contributor.ts),
 * posting its figures to the page after every change. `stop` closes the socket, which gives any
 * unit in flight back to the server at once.
 */
import { Contributor, inlineRunner, type ContributorStats, type SocketLike } from "@worker/contribute/contributor";

export type ToLendWorker = { type: "start"; url: string } | { type: "stop"; reason: string };
export type FromLendWorker = { type: "stats"; stats: ContributorStats } | { type: "ended"; stats: ContributorStats };

const scope = self as unknown as { onmessage: ((e: MessageEvent<ToLendWorker>) => void) | null; postMessage(m: FromLendWorker): void };
let contributor: Contributor | null = null;

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === "stop") {
    contributor?.stop(m.reason);
    return;
  }
  if (contributor) return;
  const ws = new WebSocket(m.url);
  ws.binaryType = "arraybuffer";
  contributor = new Contributor(ws as unknown as SocketLike, inlineRunner(), (stats) => scope.postMessage({ type: "stats", stats: { ...stats } }));
  void contributor.ended.then((stats) => scope.postMessage({ type: "ended", stats: { ...stats } }));
};
