/**
 * npm run bench -- contribute [--islands 4] [--evaluations 12000000] [--chunk 200000] [--target 1] [--workers 2]
 *
 * A 30-D rastrigin island job (DE, fixed seed and island chunk size, so both runs follow the same
 * trajectory) submitted through the public API to a local stack started like `npm run dev`: first
 * with the server's islands alone
 * (queue consumer), then the same job with two Node contributors on this machine
 * (`scripts/contribute.ts`, each with --workers N connections) joined through a join link.
 * Reports wall time, evaluations per second, time to the target value, the share of evaluations
 * contributed, and the compute charged to the plan. Writes bench/results/contribute.md.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { Client, TERMINAL, type Tenant } from "../scripts/load/client";
import { makeStateDir, removeState, ROOT, startLocalStack } from "../scripts/local-stack";
import { machineHeader, option, publish } from "./report";

interface Row {
  name: string;
  wallS: number;
  evaluations: number;
  targetS: number | null;
  best: number | null;
  state: string;
  contributed: number;
  chargedMs: number;
  rerun: number;
  rejected: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(args: string[]): Promise<void> {
  const islands = Number(option(args, "islands") ?? 4);
  const evaluations = Number(option(args, "evaluations") ?? 12_000_000);
  const target = Number(option(args, "target") ?? 1);
  const chunk = Number(option(args, "chunk") ?? 200_000);
  const workers = Number(option(args, "workers") ?? 2);
  const stateDir = makeStateDir("evolve-bench-contribute-");
  const stack = await startLocalStack({ stateDir });
  const rows: Row[] = [];
  try {
    const client = new Client(stack.baseURL);
    const tenant = await client.signUpTenant("contribute");
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
    const owner = { cookie: tenant.cookie, origin: stack.baseURL, "content-type": "application/json" };
    let set = await client.request("/v1/contribute/settings", { method: "PUT", headers: owner, body: JSON.stringify({ allowContributions: true, maxContributors: 16 }) });
    // wrangler dev reloads when a source changes (others edit the checkout): one retry after a dropped connection.
    if (set.status === 0) {
      await sleep(3_000);
      set = await client.request("/v1/contribute/settings", { method: "PUT", headers: owner, body: JSON.stringify({ allowContributions: true, maxContributors: 16 }) });
    }
    if (set.status !== 200) throw new Error(`settings ${set.status}: ${JSON.stringify(set.body)}`);
    const body = (allow: boolean) => ({
      problem: { kind: "continuous", function: "rastrigin", dimension: 30 },
      algorithm: "de",
      seed: 30,
      islands,
      budget: { evaluations },
      allowContributions: allow,
      options: { islandChunkEvaluations: chunk },
    });
    rows.push(await measure(client, tenant, "server islands alone", body(false), null, target));
    rows.push(await measure(client, tenant, `server + 2 Node contributors × ${workers} connections`, body(true), workers, target));
  } finally {
    await stack.stop();
    removeState(stateDir);
  }
  const base = rows[0];
  const lines = [
    "# Contributed compute: server islands alone vs with Node contributors",
    "",
    ...machineHeader(`npm run bench -- contribute --islands ${islands} --evaluations ${evaluations} --chunk ${chunk} --target ${target} --workers ${workers}`),
    `Job: 30-D rastrigin, DE (L-SHADE), ${islands} islands, ${evaluations.toLocaleString("en-US")} evaluations (the whole budget runs; the time to best ≤ ${target} is read from the job's figures every 200 ms), seed 30, submitted through POST /v1/jobs. ` +
      `Both runs fix the island chunk at ${chunk.toLocaleString("en-US")} evaluations (options.islandChunkEvaluations) and the seed, so they follow the same trajectory (the last column checks it: same evaluations and final best) and differ only in who computes and how fast. Local stack (wrangler dev, local Queues with max_batch_size 4, max_batch_timeout 1 s); contributors are \`scripts/contribute.ts\` processes on the same machine.`,
    "",
    "| run | wall s | evaluations | evaluations / s | time to best ≤ target | final best | contributed evaluations | compute charged to the plan | units re-run by the server | units rejected | same result as server-only |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.wallS.toFixed(1)} | ${r.evaluations.toLocaleString("en-US")} | ${Math.round(r.evaluations / r.wallS).toLocaleString("en-US")} | ${r.targetS === null ? "not reached" : `${r.targetS.toFixed(1)} s`} | ${r.best?.toFixed(3) ?? "–"} | ${r.contributed.toLocaleString("en-US")} (${((100 * r.contributed) / Math.max(1, r.evaluations)).toFixed(0)} %) | ${(r.chargedMs / 1000).toFixed(1)} s | ${r.rerun} | ${r.rejected} | ${r === base ? "–" : r.evaluations === base.evaluations && r.best === base.best ? "yes" : "no"} |`,
    ),
    "",
    rows.length === 2
      ? `Speed-up in evaluations per second: ×${(rows[1].evaluations / rows[1].wallS / (base.evaluations / base.wallS)).toFixed(2)}; plan compute charged: ${((100 * rows[1].chargedMs) / Math.max(1, base.chargedMs)).toFixed(0)} % of the server-only run.`
      : "",
    "",
    "Reading the figures: on a 2-core machine the server's workerd isolate and the contributors share the same cores, so the speed-up is bounded by the idle core; on separate machines each contributor adds its own. Compute charged counts only chunks the server ran for the job (contributed units are accepted with computeMs 0); the server's re-runs of sampled units are its own cost, not the tenant's.",
  ];
  publish("contribute", lines);
}

async function measure(client: Client, tenant: Tenant, name: string, body: Record<string, unknown>, workers: number | null, target: number): Promise<Row> {
  const auth = { authorization: `Bearer ${tenant.apiKey}` };
  const t0 = Date.now();
  const created = await client.submitJob(tenant, body);
  if (created.status !== 202) throw new Error(`${name}: submit ${created.status}: ${JSON.stringify(created.body)}`);
  const id = (created.body as { id: string }).id;
  const children: ChildProcess[] = [];
  if (workers !== null) {
    const link = await client.request<{ url: string }>(`/v1/jobs/${id}/contribute/links`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{}" });
    if (link.status !== 201) throw new Error(`join link ${link.status}: ${JSON.stringify(link.body)}`);
    for (let i = 0; i < 2; i++) {
      const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["scripts/contribute.ts", link.body.url, "--workers", String(workers), "--label", `bench ${i + 1}`], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "inherit"],
      });
      children.push(child);
    }
  }
  let targetS: number | null = null;
  let job: { state: string; evaluations: number; best: number | null; computeMs: number } = { state: "queued", evaluations: 0, best: null, computeMs: 0 };
  for (;;) {
    job = (await client.getJob(tenant, id)).body as typeof job;
    if (targetS === null && job.best !== null && job.best <= target) targetS = (Date.now() - t0) / 1000;
    if (TERMINAL.has(job.state)) break;
    if (Date.now() - t0 > 20 * 60_000) throw new Error(`${name}: job ${id} did not end in 20 minutes`);
    await sleep(200);
  }
  const wallS = (Date.now() - t0) / 1000;
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on("exit", r)))));
  const contributors =
    workers === null
      ? []
      : ((await client.request<{ items: { acceptedEvaluations: number; rerunUnits: number; rejectedUnits: number }[] }>(`/v1/jobs/${id}/contributors`, { headers: auth })).body.items ?? []);
  const row: Row = {
    name,
    wallS,
    evaluations: job.evaluations,
    targetS,
    best: job.best,
    state: job.state,
    contributed: contributors.reduce((s, c) => s + c.acceptedEvaluations, 0),
    chargedMs: job.computeMs,
    rerun: contributors.reduce((s, c) => s + c.rerunUnits, 0),
    rejected: contributors.reduce((s, c) => s + c.rejectedUnits, 0),
  };
  console.error(`${name}: ${JSON.stringify(row)}`);
  return row;
}
