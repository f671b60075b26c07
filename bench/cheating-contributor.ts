/**
 * tsx bench/cheating-contributor.ts <join-url> [--label NAME]
 *
 * A dishonest contributor for `npm run bench -- contribute` (bench/contribute.ts): it speaks the
 * real protocol (worker/contribute/protocol.ts through worker/contribute/contributor.ts, the
 * connection code of scripts/contribute.ts), computes each unit honestly and then lies about it,
 * in turn: (1) a better best value than it found, (2) a forged checkpoint whose stored best is
 * lowered by 1, (3) other work than asked (twice the unit's budget). The same forgeries as the workerd
 * test in worker/contribute/contribute.test.ts. The server should reject each unit, strike, and
 * ban this client after three. Prints one JSON line with its own stats to stdout and exits.
 * The honest client (scripts/contribute.ts) is not changed by any of this.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { decodeState, encodeState } from "@core/engine/codec";
import { type PreparedJob, prepareJob, runUnit, storedProgress, type UnitOutcome } from "@worker/contribute/compute";
import { Contributor, type SocketLike, type UnitRunner } from "@worker/contribute/contributor";
import { contributeTarget } from "../scripts/contribute";

/** The lies, one per unit in turn (each made from an honest run of the unit). */
export const CHEATS: { name: string; forge: (job: PreparedJob, evaluations: number, checkpoint: Uint8Array) => UnitOutcome }[] = [
  {
    name: "claims a better value than it found",
    forge: (j, e, cp) => {
      const out = runUnit(j, e, cp);
      return { ...out, progress: { ...out.progress, best: out.progress.best - 1 } };
    },
  },
  {
    // best − 1 rather than best / 2: once the job has found 0 (rastrigin's optimum), halving forges nothing.
    name: "forges the checkpoint (its stored best lowered by 1)",
    forge: (j, e, cp) => {
      const out = runUnit(j, e, cp);
      const forged = encodeState(replaceNumber(decodeState(out.checkpoint), out.progress.best, out.progress.best - 1));
      return { ...out, checkpoint: forged, progress: storedProgress(j.solver.progress(j.solver.restore(j.problem, forged))) };
    },
  },
  {
    name: "does twice the work asked (a different trajectory)",
    forge: (j, e, cp) => runUnit(j, 2 * e, cp),
  },
];

/** A runner that forges every unit with the next lie in CHEATS (computed on this thread). */
export function cheatingRunner(): UnitRunner {
  let job: PreparedJob | null = null;
  let n = 0;
  return {
    async prepare(w) {
      job = prepareJob(w.kind, w.algorithm, w.problem);
    },
    async run(unit, checkpoint) {
      if (!job) throw new Error("no job prepared");
      return CHEATS[n++ % CHEATS.length].forge(job, unit.evaluations, checkpoint);
    },
  };
}

/** `state` with every number equal to `from` replaced by `to`; throws when there is none. */
function replaceNumber(state: unknown, from: number, to: number): unknown {
  let found = 0;
  const walk = (v: unknown): unknown => {
    if (v === from) {
      found++;
      return to;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object" && !ArrayBuffer.isView(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(state);
  if (found === 0) throw new Error(`the checkpoint holds no number equal to the best value ${from}`);
  return out;
}

async function main(): Promise<void> {
  // Node 20 has WebSocket behind a flag (as in scripts/contribute.ts): start again with it.
  if (typeof WebSocket === "undefined") {
    const r = spawnSync(process.execPath, ["--experimental-websocket", ...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
    process.exit(r.status ?? 1);
  }
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { label: { type: "string", default: "cheater" } } });
  if (positionals.length !== 1) {
    process.stderr.write("usage: tsx bench/cheating-contributor.ts <join-url> [--label NAME]\n");
    process.exit(2);
  }
  const target = contributeTarget(positionals[0]);
  const url = new URL(target.wsUrl);
  url.searchParams.set("client", `cheater-${process.pid}`);
  url.searchParams.set("label", values.label);
  const ws = new (WebSocket as unknown as new (u: string, o: unknown) => WebSocket)(url.toString(), { headers: target.headers });
  ws.binaryType = "arraybuffer";
  const opened = await new Promise<boolean>((resolve) => {
    ws.addEventListener("open", () => resolve(true));
    ws.addEventListener("error", () => resolve(false));
  });
  if (!opened) {
    process.stderr.write(`[cheater] could not connect to ${url}\n`);
    process.exit(1);
  }
  const s = await new Contributor(ws as unknown as SocketLike, cheatingRunner()).ended;
  process.stdout.write(`${JSON.stringify({ units: s.units, accepted: s.accepted, rejected: s.rejected, strikes: s.strikes, ended: s.ended, rejections: s.rejections })}\n`);
}

if (process.argv[1]?.endsWith("bench/cheating-contributor.ts")) await main();
