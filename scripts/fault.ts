/**
 * `npm run fault` — stop the local server in the middle of running jobs and start it again on the
 * same state: every job (DO-only and island jobs) must resume and end with exactly the result of
 * an undisturbed run of the same seed. The undisturbed references run afterwards on the same
 * server, so both sides use the same engine build.
 *
 *   npm run fault -- --kill SIGKILL   (default: a hard kill, as a crash would)
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, makeStateDir, removeState, startLocalStack, type LocalStack } from "./local-stack";
import { Client, TERMINAL, type Tenant } from "./load/client";
import { jobBody, type JobKind } from "./load/workloads";

const { values: args } = parseArgs({
  options: {
    kill: { type: "string", default: "SIGKILL" },
  },
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Case {
  name: string;
  kind: JobKind;
  islands: number;
  seed: number;
  /** Large enough that the job is still running when the server is killed. */
  evaluations: number;
  /** Problem and algorithm instead of the load test's small default of the kind. */
  body?: { problem: unknown; algorithm?: string };
  id?: string;
  reference?: string;
  interruptedAt?: number;
}

// Problems whose best is path-dependent at these budgets (no run reaches a common optimum such
// as rastrigin's 0 at the origin), so "identical" really means the same trajectory.
const RASTRIGIN_30_PSO = { problem: { kind: "continuous", function: "rastrigin", dimension: 30 }, algorithm: "pso" };
const COMP01 = { problem: { kind: "timetabling", format: "ctt", text: readFileSync(join(ROOT, "web/app/demo/comp01.ctt"), "utf8") } };

const CASES: Case[] = [
  { name: "continuous (30-D rastrigin, PSO), DO-only", kind: "continuous", islands: 1, seed: 11, evaluations: 1_500_000, body: RASTRIGIN_30_PSO },
  { name: "tsp (40 cities, memetic), DO-only", kind: "tsp", islands: 1, seed: 12, evaluations: 60_000 },
  { name: "timetabling (ITC comp01, memetic), DO-only", kind: "timetabling", islands: 1, seed: 13, evaluations: 4_000_000, body: COMP01 },
  { name: "continuous (30-D rastrigin, PSO), 2 islands", kind: "continuous", islands: 2, seed: 14, evaluations: 400_000, body: RASTRIGIN_30_PSO },
];

async function waitFor(client: Client, t: Tenant, id: string, predicate: (job: any) => boolean, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < until) {
    const res = await client.getJob(t, id).catch(() => null);
    if (res?.status === 200) {
      last = res.body;
      if (predicate(last)) return last;
    }
    await sleep(250);
  }
  throw new Error(`job ${id} did not reach the expected state in time (last: ${JSON.stringify(last)})`);
}

async function submit(client: Client, t: Tenant, c: Case): Promise<string> {
  const body = { ...jobBody(c.kind, c.seed, c.evaluations), ...c.body, islands: c.islands };
  const res = await client.submitJob(t, body);
  if (res.status !== 202) throw new Error(`${c.name}: submit answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function resultOf(client: Client, t: Tenant, id: string) {
  const res = await client.getResult(t, id);
  if (res.status !== 200) throw new Error(`result of ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function main() {
  const stateDir = makeStateDir("evolve-fault-");
  let stack: LocalStack | undefined = await startLocalStack({ stateDir, vars: { JOB_CHUNK_TARGET_MS: "100" } });
  const rows: string[] = [];
  let failures = 0;
  try {
    const client = new Client(stack.baseURL);
    const tenant = await client.signUpTenant("fault");
    // Island jobs need a tier that offers islands: the fault test's tenant is made enterprise.
    const { spawnSync } = await import("node:child_process");
    spawnSync(
      join(ROOT, "node_modules/.bin/wrangler"),
      [
        "d1",
        "execute",
        "DB",
        "--local",
        "--persist-to",
        stateDir,
        "--command",
        `insert into subscription (tenant_id, tier, status) values ('${tenant.tenantId}', 'enterprise', 'active') on conflict(tenant_id) do update set tier='enterprise', status='active';`,
      ],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
    );
    for (const c of CASES) c.id = await submit(client, tenant, c);
    // Wait until every job has made progress but none has finished, then pull the plug.
    for (const c of CASES) {
      const job = await waitFor(client, tenant, c.id!, (j) => j.evaluations > 0 || TERMINAL.has(j.state), 120_000);
      c.interruptedAt = job.evaluations;
    }
    console.error(`Killing the server (${args.kill}) with jobs at ${CASES.map((c) => c.interruptedAt).join(", ")} evaluations…`);
    await stack.stop(args.kill as NodeJS.Signals);
    stack = await startLocalStack({ stateDir, port: stack.port, vars: { JOB_CHUNK_TARGET_MS: "100" } });
    const after = new Client(stack.baseURL);
    for (const c of CASES) await waitFor(after, tenant, c.id!, (j) => TERMINAL.has(j.state), 300_000);
    // Undisturbed references: replays of the same jobs (same seed, input and receipt).
    for (const c of CASES) {
      const replay = await after.request(`/v1/jobs/${c.id}/replay`, { method: "POST", headers: { authorization: `Bearer ${tenant.apiKey}` } });
      if (replay.status !== 202) throw new Error(`${c.name}: replay answered ${replay.status} ${JSON.stringify(replay.body)}`);
      c.reference = replay.body.id as string;
      await waitFor(after, tenant, c.reference, (j) => TERMINAL.has(j.state), 300_000);
    }
    for (const c of CASES) {
      const [resumed, reference] = await Promise.all([resultOf(after, tenant, c.id!), resultOf(after, tenant, c.reference!)]);
      const same =
        resumed.best?.value === reference.best?.value && JSON.stringify(resumed.best?.solution) === JSON.stringify(reference.best?.solution) && resumed.evaluations === reference.evaluations;
      if (!same) failures++;
      rows.push(`| ${c.name} | ${c.interruptedAt} / ${c.evaluations} | ${resumed.state ?? "?"} | ${resumed.best?.value} | ${reference.best?.value} | ${same ? "identical" : "DIFFERENT"} |`);
    }
  } finally {
    await stack?.stop();
    removeState(stateDir);
  }
  const report = [
    `## Fault test: server killed mid-run and restarted`,
    ``,
    `Command: \`npm run fault -- --kill ${args.kill}\` (${new Date().toISOString()})`,
    ``,
    `| job | evaluations done when killed | final state | best after resume | best undisturbed | result |`,
    `|---|---|---|---|---|---|`,
    ...rows,
    ``,
  ].join("\n");
  console.log(report);
  mkdirSync(join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(join(ROOT, "bench/results/fault.md"), report);
  if (failures) process.exitCode = 1;
}

await main();
