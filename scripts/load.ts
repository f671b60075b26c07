/**
 * `npm run load` — many tenants at once against the local stack (started like `npm run dev`):
 * N tenants submit mixed jobs, poll them, some watch SSE; one tenant bursts. Reports accepted and
 * refused submissions (with their 429 reasons), finished jobs, latency percentiles of
 * POST /v1/jobs and GET /v1/jobs/:id, SSE events, and the invariants: no job lost or stuck,
 * none double-run (evaluations equal the budget exactly), no tenant slowed beyond its fair share.
 *
 *   npm run load -- --tenants 50 --seconds 60 --pro 10 --grace 120
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, removeState, startLocalStack } from "./local-stack";
import { Client, percentile, TERMINAL, type Tenant } from "./load/client";
import { jobBody, type JobKind } from "./load/workloads";

const { values: args } = parseArgs({
  options: {
    tenants: { type: "string", default: "50" },
    seconds: { type: "string", default: "60" },
    pro: { type: "string", default: "10" },
    grace: { type: "string", default: "150" },
    burst: { type: "string", default: "25" },
    evaluations: { type: "string", default: "20000" },
  },
});
const N = Number(args.tenants);
const DURATION_MS = Number(args.seconds) * 1000;
const PRO = Math.min(Number(args.pro), N);
const GRACE_MS = Number(args.grace) * 1000;
const BURST = Number(args.burst);
const EVALUATIONS = Number(args.evaluations);
const KINDS: JobKind[] = ["continuous", "tsp", "timetabling"];

interface Submitted {
  tenant: number;
  id: string;
  kind: JobKind;
  submittedAt: number;
  finishedAt?: number;
  state?: string;
  evaluations?: number;
  budget: number;
  burst: boolean;
}

const postLatency: number[] = [];
const getLatency: number[] = [];
const refusals = new Map<string, number>();
const submitted: Submitted[] = [];
let sseEvents = 0;
let sseWatchers = 0;
let errors5xx = 0;
/** What each 5xx said (route, status, first bytes of the body), for the report. */
const serverErrors: string[] = [];
const note5xx = (route: string, status: number, body: unknown) =>
  serverErrors.push(`${route} → ${status}: ${(typeof body === "string" ? body : JSON.stringify(body)).replace(/\s+/g, " ").slice(0, 160)}`);
let transportErrors = 0;
let late = 0;
/** After the run's grace period, how long the audit still waits for jobs to end. */
const AUDIT_MS = 300_000;
let burstWindow: [number, number] = [0, 0];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

function makePro(stateDir: string, tenantIds: string[]) {
  if (tenantIds.length === 0) return;
  const sql = tenantIds
    .map((id) => `insert into subscription (tenant_id, tier, status) values ('${id}', 'pro', 'active') on conflict(tenant_id) do update set tier='pro', status='active';`)
    .join("\n");
  const r = spawnSync(join(ROOT, "node_modules/.bin/wrangler"), ["d1", "execute", "DB", "--local", "--persist-to", stateDir, "--command", sql], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  if (r.status !== 0) throw new Error(`could not set pro tiers: ${r.stderr}`);
}

async function submit(client: Client, tenants: Tenant[], ti: number, kind: JobKind, seed: number, burst = false): Promise<Submitted | null> {
  const res = await client.submitJob(tenants[ti], jobBody(kind, seed, EVALUATIONS));
  if (res.status !== 0) postLatency.push(res.ms);
  if (res.status === 202) {
    const now = Date.now();
    const s: Submitted = {
      tenant: ti,
      id: res.body.id,
      kind,
      submittedAt: now,
      budget: EVALUATIONS,
      burst,
    };
    submitted.push(s);
    return s;
  }
  if (res.status >= 500) {
    errors5xx++;
    note5xx("POST /v1/jobs", res.status, res.body);
  }
  if (res.status === 0) {
    transportErrors++;
    await sleep(1000);
    return null;
  }
  const reason = `${res.status} ${String(res.body?.type ?? "")
    .split("/")
    .pop()}`;
  refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
  if (res.status === 429) await sleep(Math.min(5, Number(res.headers.get("retry-after") ?? 1)) * 1000);
  return null;
}

async function follow(client: Client, t: Tenant, job: Submitted, deadline: number, watchSse: boolean) {
  const abort = new AbortController();
  const sse = watchSse ? (sseWatchers++, client.watchEvents(t, job.id, abort.signal)) : null;
  while (Date.now() < deadline) {
    await sleep(1000);
    const res = await client.getJob(t, job.id);
    if (res.status === 0) {
      transportErrors++;
      continue;
    }
    getLatency.push(res.ms);
    if (res.status >= 500) {
      errors5xx++;
      note5xx("GET /v1/jobs/:id", res.status, res.body);
    }
    if (res.status === 200 && TERMINAL.has(res.body.state)) {
      job.state = res.body.state;
      job.evaluations = res.body.evaluations;
      job.finishedAt = Date.now();
      break;
    }
  }
  if (sse) {
    const timer = setTimeout(() => abort.abort(), 3000);
    sseEvents += (await sse).events;
    clearTimeout(timer);
  }
}

async function tenantLoop(client: Client, tenants: Tenant[], ti: number, stopAt: number, hardDeadline: number) {
  let round = 0;
  while (Date.now() < stopAt) {
    const kind = KINDS[(ti + round) % KINDS.length];
    const job = await submit(client, tenants, ti, kind, 1000 * ti + round);
    round++;
    if (job) await follow(client, tenants[ti], job, hardDeadline, ti % 5 === 0);
  }
}

async function main() {
  const started = Date.now();
  console.error(`Starting the local stack…`);
  const stack = await startLocalStack({ vars: { JOB_CHUNK_TARGET_MS: "150" } });
  const client = new Client(stack.baseURL);
  try {
    console.error(`Signing up ${N} tenants…`);
    const tenants = await mapLimit(
      Array.from({ length: N }, (_, i) => i),
      4,
      (i) => client.signUpTenant(`tenant${i}`),
    );
    makePro(
      stack.stateDir,
      tenants.slice(0, PRO).map((t) => t.tenantId),
    );

    const t0 = Date.now();
    const stopAt = t0 + DURATION_MS;
    const hardDeadline = stopAt + GRACE_MS;
    burstWindow = [t0 + DURATION_MS / 4, t0 + DURATION_MS / 4 + 15_000];
    console.error(`Running for ${DURATION_MS / 1000}s (burst of ${BURST} jobs from tenant 0 at +${DURATION_MS / 4000}s)…`);

    const burst = (async () => {
      await sleep(burstWindow[0] - Date.now());
      const jobs = await Promise.all(Array.from({ length: BURST }, (_, k) => submit(client, tenants, 0, KINDS[k % 3], 900_000 + k, true)));
      await Promise.all(jobs.filter((j): j is Submitted => j !== null).map((j) => follow(client, tenants[0], j, hardDeadline, false)));
    })();
    await Promise.all([burst, ...tenants.slice(1).map((_, k) => tenantLoop(client, tenants, k + 1, stopAt, hardDeadline))]);

    // Final audit: every accepted job must end, exactly once, with exactly its budget. Jobs still
    // running at the deadline get up to AUDIT_MS more (slow is reported, only never-ending is stuck).
    const auditUntil = Date.now() + AUDIT_MS;
    for (;;) {
      const open = submitted.filter((j) => !j.state || !TERMINAL.has(j.state));
      if (open.length === 0 || Date.now() > auditUntil) break;
      for (const job of open) {
        const res = await client.getJob(tenants[job.tenant], job.id);
        if (res.status !== 200) continue;
        job.state = res.body.state;
        job.evaluations = res.body.evaluations;
        if (TERMINAL.has(job.state!)) {
          job.finishedAt = Date.now();
          late++;
        }
      }
      await sleep(2000);
    }
    const byState = new Map<string, number>();
    for (const j of submitted) byState.set(j.state!, (byState.get(j.state!) ?? 0) + 1);
    const stuck = submitted.filter((j) => !TERMINAL.has(j.state!));
    const wrongWork = submitted.filter((j) => j.state === "succeeded" && j.evaluations !== j.budget);
    const turnaround = (list: Submitted[]) => list.filter((j) => j.finishedAt).map((j) => (j.finishedAt! - j.submittedAt) / 1000);
    const others = submitted.filter((j) => !j.burst);
    const overlapsBurst = (j: Submitted) => j.submittedAt <= burstWindow[1] && (j.finishedAt ?? Infinity) >= burstWindow[0];
    const calm = turnaround(others.filter((j) => !overlapsBurst(j)));
    const duringBurst = turnaround(others.filter(overlapsBurst));
    const burstJobs = turnaround(submitted.filter((j) => j.burst));

    const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");
    const lines = [
      `## Load test`,
      ``,
      `Command: \`npm run load -- --tenants ${N} --seconds ${DURATION_MS / 1000} --pro ${PRO} --burst ${BURST} --evaluations ${EVALUATIONS}\``,
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}; local wrangler dev (workerd), ${new Date().toISOString()}`,
      ``,
      `| figure | value |`,
      `|---|---|`,
      `| tenants (pro / free) | ${PRO} / ${N - PRO} |`,
      `| jobs accepted (202) | ${submitted.length} |`,
      ...[...refusals.entries()].sort().map(([k, v]) => `| refused: ${k} | ${v} |`),
      ...[...byState.entries()].sort().map(([k, v]) => `| jobs ended ${k} | ${v} |`),
      `| jobs that ended only during the audit (after the ${GRACE_MS / 1000}s grace) | ${late} |`,
      `| jobs lost or stuck (not ended ${(GRACE_MS + AUDIT_MS) / 1000}s after the run) | ${stuck.length} |`,
      `| succeeded jobs whose evaluations ≠ budget (double-run / lost work) | ${wrongWork.length} |`,
      `| 5xx answers | ${errors5xx} |`,
      `| dropped connections (client side, retried) | ${transportErrors} |`,
      `| POST /v1/jobs latency p50 / p95 / p99 (ms) | ${f(percentile(postLatency, 50))} / ${f(percentile(postLatency, 95))} / ${f(percentile(postLatency, 99))} (n=${postLatency.length}) |`,
      `| GET /v1/jobs/:id latency p50 / p95 / p99 (ms) | ${f(percentile(getLatency, 50))} / ${f(percentile(getLatency, 95))} / ${f(percentile(getLatency, 99))} (n=${getLatency.length}) |`,
      `| SSE watchers / events delivered | ${sseWatchers} / ${sseEvents} |`,
      `| turnaround of other tenants' jobs not overlapping the burst: median / p95 (s) | ${f(percentile(calm, 50))} / ${f(percentile(calm, 95))} (n=${calm.length}) |`,
      `| turnaround of other tenants' jobs overlapping the burst: median / p95 (s) | ${f(percentile(duringBurst, 50))} / ${f(percentile(duringBurst, 95))} (n=${duringBurst.length}) |`,
      `| turnaround of the bursting tenant's accepted jobs: median / p95 (s) | ${f(percentile(burstJobs, 50))} / ${f(percentile(burstJobs, 95))} (n=${burstJobs.length}) |`,
      `| wall time of the whole run (s) | ${((Date.now() - started) / 1000).toFixed(0)} |`,
      ``,
      ...(serverErrors.length ? [`5xx answers, as received:`, ``, ...serverErrors.slice(0, 10).map((e) => `- ${e}`), ``] : []),
    ];
    const report = lines.join("\n");
    console.log(report);
    mkdirSync(join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(join(ROOT, "bench/results/load.md"), report);
    if (stuck.length || wrongWork.length || errors5xx) process.exitCode = 1;
  } finally {
    await stack.stop();
    // A failed run keeps the server's log (and its state) for the post-mortem.
    if (process.exitCode) console.log(`Kept the local stack's state and log: ${stack.logPath}`);
    else removeState(stack.stateDir);
  }
}

await main();
