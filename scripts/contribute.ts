/**
 * `npm run contribute -- <join-url> [--workers N] [--seconds S] [--label NAME] [--key KEY]` — lend
 * this machine's cores to one job (docs/decisions/008-contributed-compute.md). Each worker is
 * one WebSocket connection whose units run in a worker_thread (core, the same code as the server's
 * queue consumer: worker/contribute/compute.ts); the server checks every result.
 *
 * <join-url> is a join link (`…/contribute/<job>?join=<token>`, from the job page or
 * POST /v1/jobs/{id}/contribute/links), or a job URL (`…/v1/jobs/<job>`) with an API key holding
 * the `contribute` scope in --key or EVOLVE_API_KEY. Prints progress to stderr and one JSON line
 * per worker to stdout at the end. Stops when the job ends, after --seconds, or on Ctrl-C.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { prepareJob, runUnit, type PreparedJob } from "@worker/contribute/compute";
import { Contributor, type ContributorStats, type SocketLike, type UnitRunner } from "@worker/contribute/contributor";
import type { UnitHeader, WelcomeMessage } from "@worker/contribute/protocol";

/** Where to connect, from a join link or a job URL; throws with the argument's problem. */
export function contributeTarget(input: string, key?: string): { wsUrl: string; jobId: string; headers: Record<string, string>; joined: boolean } {
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    throw new Error(`<join-url>: not a URL: ${input}`);
  }
  const m = /^\/(?:contribute|v1\/jobs)\/([^/]+)(?:\/contribute)?\/?$/.exec(u.pathname);
  if (!m) throw new Error(`<join-url>: expected …/contribute/<job>?join=… or …/v1/jobs/<job>, got ${u.pathname}`);
  const jobId = decodeURIComponent(m[1]);
  const join = u.searchParams.get("join");
  if (!join && !key) throw new Error("<join-url> has no ?join= token: pass an API key with the contribute scope (--key or EVOLVE_API_KEY)");
  const ws = new URL(`/v1/jobs/${encodeURIComponent(jobId)}/contribute`, u);
  ws.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  if (join) ws.searchParams.set("join", join);
  return { wsUrl: ws.toString(), jobId, headers: join ? {} : { authorization: `Bearer ${key}` }, joined: !!join };
}

// ---- the worker thread: runs units ----------------------------------------------------------

type ToThread = { id: number; type: "prepare"; welcome: WelcomeMessage } | { id: number; type: "run"; unit: UnitHeader; checkpoint: Uint8Array };
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

if ((workerData as { contributeThread?: boolean } | null)?.contributeThread) {
  let job: PreparedJob | null = null;
  parentPort!.on("message", (m: ToThread) => {
    try {
      if (m.type === "prepare") {
        job = prepareJob(m.welcome.kind, m.welcome.algorithm, m.welcome.problem);
        parentPort!.postMessage({ id: m.id, ok: true });
      } else {
        if (!job) throw new Error("no job prepared");
        const out = runUnit(job, m.unit.evaluations, m.checkpoint);
        parentPort!.postMessage({ id: m.id, ok: true, outcome: out }, [out.checkpoint.buffer as ArrayBuffer]);
      }
    } catch (e) {
      parentPort!.postMessage({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  });
} else if (process.argv[1]?.endsWith("scripts/contribute.ts")) {
  await main();
}

/** A UnitRunner backed by one worker_thread (so the socket stays responsive while a unit runs). */
function threadRunner(): UnitRunner & { close(): Promise<number> } {
  // The thread loads this same .ts file through tsx's loader, registered inside the thread (a
  // loader given to the parent with --import does not reach worker threads on Node 20).
  const bootstrap = `const { workerData } = await import("node:worker_threads"); (await import(workerData.tsx)).register(); await import(workerData.url);`;
  const thread = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), {
    workerData: { url: import.meta.url, tsx: import.meta.resolve("tsx/esm/api"), contributeThread: true },
  });
  let next = 0;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  thread.on("message", (m: { id: number; ok: boolean; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) p?.resolve(m);
    else p?.reject(new Error(m.error));
  });
  thread.on("error", (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  const call = (msg: WithoutId<ToThread>, transfer: ArrayBuffer[] = []) =>
    new Promise<any>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      thread.postMessage({ ...msg, id }, transfer);
    });
  return {
    async prepare(welcome) {
      await call({ type: "prepare", welcome });
    },
    async run(unit, checkpoint) {
      const copy = Uint8Array.from(checkpoint);
      const m = await call({ type: "run", unit, checkpoint: copy }, [copy.buffer]);
      return { ...m.outcome, checkpoint: new Uint8Array(m.outcome.checkpoint) };
    },
    close: () => thread.terminate(),
  };
}

async function main(): Promise<void> {
  // Node 20 has WebSocket behind a flag (22+ has it on): start again with it.
  if (typeof WebSocket === "undefined") {
    const r = spawnSync(process.execPath, ["--experimental-websocket", ...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
    process.exit(r.status ?? 1);
  }
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      workers: { type: "string", default: "1" },
      seconds: { type: "string" },
      label: { type: "string" },
      key: { type: "string" },
    },
  });
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) fail("--workers: must be an integer from 1 to 64");
  const seconds = values.seconds === undefined ? null : Number(values.seconds);
  if (seconds !== null && !(seconds > 0)) fail("--seconds: must be a positive number");
  if (positionals.length !== 1) fail("usage: npm run contribute -- <join-url> [--workers N] [--seconds S] [--label NAME] [--key KEY]");
  let target: ReturnType<typeof contributeTarget>;
  try {
    target = contributeTarget(positionals[0], values.key ?? process.env.EVOLVE_API_KEY);
  } catch (e) {
    return fail((e as Error).message);
  }
  const label = values.label ?? `node ${process.platform}`;
  const t0 = Date.now();
  const active = new Set<Contributor>();
  let stopping = false;
  const stopAll = (why: string) => {
    stopping = true;
    for (const c of active) c.stop(why);
  };
  process.on("SIGINT", () => stopAll("stopped (Ctrl-C)"));
  if (seconds !== null) setTimeout(() => stopAll(`--seconds ${seconds} reached`), seconds * 1000).unref();

  const totals: ContributorStats[] = [];
  const ticker = setInterval(() => {
    const all = [...active].map((c) => c.stats);
    const ev = all.reduce((s, x) => s + x.evaluations, 0) + totals.reduce((s, x) => s + x.evaluations, 0);
    const best = all.find((x) => x.jobBest !== null)?.jobBest;
    process.stderr.write(
      `[contribute] ${((Date.now() - t0) / 1000).toFixed(0)} s: ${active.size} connected, ${ev.toLocaleString("en-US")} evaluations accepted${best !== undefined ? `, job best ${best}` : ""}\n`,
    );
  }, 5_000);

  const client = `cli-${randomUUID().slice(0, 8)}`;
  const one = async (i: number): Promise<ContributorStats> => {
    const runner = threadRunner();
    const sum: ContributorStats = { jobId: target.jobId, units: 0, accepted: 0, rejected: 0, evaluations: 0, computeMs: 0, strikes: 0, jobState: null, jobBest: null, ended: null, rejections: [] };
    try {
      for (let attempt = 0; !stopping && attempt < 20; attempt++) {
        const url = new URL(target.wsUrl);
        if (target.joined) url.searchParams.set("client", `${client}-${i}`);
        url.searchParams.set("label", `${label} #${i + 1}`);
        const ws = new (WebSocket as unknown as new (u: string, o: unknown) => WebSocket)(url.toString(), { headers: target.headers });
        ws.binaryType = "arraybuffer";
        const opened = await new Promise<boolean>((resolve) => {
          ws.addEventListener("open", () => resolve(true));
          ws.addEventListener("error", () => resolve(false));
        });
        if (!opened) {
          // A WebSocket error hides the HTTP answer: ask again over plain HTTP to learn why.
          const why = await refusal(url, target.headers);
          if (why.retryMs === null) {
            sum.ended = why.reason;
            process.stderr.write(`[contribute] worker ${i + 1}: ${why.reason}\n`);
            break;
          }
          process.stderr.write(`[contribute] worker ${i + 1}: ${why.reason}; retrying\n`);
          await sleep(why.retryMs);
          continue;
        }
        const c = new Contributor(ws as unknown as SocketLike, runner);
        active.add(c);
        const s = await c.ended;
        active.delete(c);
        for (const k of ["units", "accepted", "rejected", "evaluations", "computeMs"] as const) sum[k] += s[k];
        Object.assign(sum, { strikes: s.strikes, jobState: s.jobState, jobBest: s.jobBest, ended: s.ended, rejections: s.rejections });
        process.stderr.write(`[contribute] worker ${i + 1}: ${s.ended}\n`);
        // The job ended, this machine was banned, or the user stopped: done. Otherwise (slot lapsed, network) reconnect.
        if (/job|banned|stopped|--seconds|protocol/.test(s.ended ?? "")) break;
        await sleep(1_000);
      }
    } finally {
      await runner.close();
    }
    return sum;
  };
  const results = await Promise.all(Array.from({ length: workers }, (_, i) => one(i)));
  clearInterval(ticker);
  totals.push(...results);
  for (const [i, r] of results.entries()) {
    process.stdout.write(
      `${JSON.stringify({ worker: i + 1, job: r.jobId, units: r.units, accepted: r.accepted, rejected: r.rejected, evaluations: r.evaluations, computeMs: Math.round(r.computeMs), ended: r.ended })}\n`,
    );
  }
}

/** Why the server refused the upgrade: retry (426 = it would accept now, 429 = at the tenant's cap) or stop. */
async function refusal(wsUrl: URL, headers: Record<string, string>): Promise<{ reason: string; retryMs: number | null }> {
  const http = new URL(wsUrl);
  http.protocol = http.protocol === "wss:" ? "https:" : "http:";
  try {
    const res = await fetch(http, { headers });
    if (res.status === 426) return { reason: "the connection dropped", retryMs: 2_000 };
    const body = (await res.json().catch(() => ({}))) as { detail?: string };
    const reason = `${res.status}: ${body.detail ?? res.statusText}`;
    if (res.status === 429) return { reason, retryMs: 1_000 * (Number(res.headers.get("retry-after")) || 5) };
    return { reason, retryMs: res.status >= 500 ? 5_000 : null };
  } catch (e) {
    return { reason: `the server is unreachable (${(e as Error).message})`, retryMs: 5_000 };
  }
}

function fail(message: string): never {
  process.stderr.write(`contribute: ${message}\n`);
  process.exit(2);
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
