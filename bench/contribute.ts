/**
 * npm run bench -- contribute [--islands 4] [--evaluations 12000000] [--chunk 200000] [--target 1] [--workers 2]
 *
 * A 30-D rastrigin island job (DE, fixed seed and island chunk size, so both runs follow the same
 * trajectory) submitted through the public API to a local stack started like `npm run dev`: first
 * with the server's islands alone
 * (queue consumer), then the same job with two Node contributors on this machine
 * (`scripts/contribute.ts`, each with --workers N connections) joined through a join link.
 * Reports wall time, evaluations per second, time to the target value, the share of evaluations
 * contributed, and the compute charged to the plan. Two fault rows follow in the same run: one
 * contributor killed (SIGKILL to its process group) while it works, and a cheating contributor
 * (bench/cheating-contributor.ts); each must end with the servers-alone best, the cheater rejected
 * and banned. Writes bench/results/contribute.md.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
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
  banned: number;
  /** The result's best solution and per-island figures (JSON), to compare trajectories exactly. */
  fingerprint: string;
  /** What happened to the fault's contributor, for the notes under the table. */
  note: string | null;
}

/** Who joins the job: nobody, honest contributors, one contributor killed mid-job, or one cheater. */
type Crew = { kind: "none" } | { kind: "honest"; workers: number } | { kind: "killed" } | { kind: "cheater" };

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
    rows.push(await measure(client, tenant, "server islands alone", body(false), { kind: "none" }, target, stack.logPath));
    rows.push(await measure(client, tenant, `server + 2 Node contributors × ${workers} connections`, body(true), { kind: "honest", workers }, target, stack.logPath));
    rows.push(await measure(client, tenant, "fault: 1 Node contributor killed (SIGKILL) while it works", body(true), { kind: "killed" }, target, stack.logPath));
    rows.push(await measure(client, tenant, "fault: 1 cheating contributor (bench/cheating-contributor.ts)", body(true), { kind: "cheater" }, target, stack.logPath));
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
      `Both runs fix the island chunk at ${chunk.toLocaleString("en-US")} evaluations (options.islandChunkEvaluations) and the seed, so they follow the same trajectory (the last column checks it: same evaluations, best solution and per-island figures in GET /v1/jobs/{id}/result) and differ only in who computes and how fast. The fault rows run the same job: one \`scripts/contribute.ts\` process (1 connection) killed with SIGKILL to its process group 2 s after its first accepted unit, and one \`bench/cheating-contributor.ts\` that lies about every unit (a better best value than found, a checkpoint forged to hold a better best, twice the work asked) until banned; banned counts contributors marked banned in GET /v1/jobs/{id}/contributors. Local stack (wrangler dev, local Queues with max_batch_size 4, max_batch_timeout 1 s); contributors are \`scripts/contribute.ts\` processes on the same machine.`,
    "",
    "| run | wall s | evaluations | evaluations / s | time to best ≤ target | final best | contributed evaluations | compute charged to the plan | units re-run by the server | units rejected | contributors banned | best value = servers alone | same trajectory (evaluations, best solution, per-island figures) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.wallS.toFixed(1)} | ${r.evaluations.toLocaleString("en-US")} | ${Math.round(r.evaluations / r.wallS).toLocaleString("en-US")} | ${r.targetS === null ? "not reached" : `${r.targetS.toFixed(1)} s`} | ${r.best?.toFixed(3) ?? "–"} | ${r.contributed.toLocaleString("en-US")} (${((100 * r.contributed) / Math.max(1, r.evaluations)).toFixed(0)} %) | ${(r.chargedMs / 1000).toFixed(1)} s | ${r.rerun} | ${r.rejected} | ${r.banned} | ${r === base ? "–" : r.best === base.best ? "yes" : "no"} | ${r === base ? "–" : r.evaluations === base.evaluations && r.fingerprint === base.fingerprint ? "yes" : "no"} |`,
    ),
    "",
    rows.length >= 2
      ? `Speed-up in evaluations per second: ×${(rows[1].evaluations / rows[1].wallS / (base.evaluations / base.wallS)).toFixed(2)}; plan compute charged: ${((100 * rows[1].chargedMs) / Math.max(1, base.chargedMs)).toFixed(0)} % of the server-only run.`
      : "",
    "",
    ...rows.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`),
    "",
    "Reading the figures: on a 2-core machine the server's workerd isolate and the contributors share the same cores, so the speed-up is bounded by the idle core; on separate machines each contributor adds its own. Compute charged counts only chunks the server ran for the job (contributed units are accepted with computeMs 0); the server's re-runs of sampled units are its own cost, not the tenant's.",
  ];
  publish("contribute", lines);
}

async function measure(client: Client, tenant: Tenant, name: string, body: Record<string, unknown>, crew: Crew, target: number, logPath: string): Promise<Row> {
  const auth = { authorization: `Bearer ${tenant.apiKey}` };
  const t0 = Date.now();
  const created = await client.submitJob(tenant, body);
  if (created.status !== 202) throw new Error(`${name}: submit ${created.status}: ${JSON.stringify(created.body)}`);
  const id = (created.body as { id: string }).id;
  const listContributors = async () =>
    (
      await client.request<{ items: { label: string; acceptedUnits: number; acceptedEvaluations: number; rerunUnits: number; rejectedUnits: number; strikes: number; banned: boolean }[] }>(
        `/v1/jobs/${id}/contributors`,
        { headers: auth },
      )
    ).body.items ?? [];
  const children: ChildProcess[] = [];
  let cheaterOut = "";
  let killed: { afterS: number; acceptedUnits: number } | null = null;
  if (crew.kind !== "none") {
    const link = await client.request<{ url: string }>(`/v1/jobs/${id}/contribute/links`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{}" });
    if (link.status !== 201) throw new Error(`join link ${link.status}: ${JSON.stringify(link.body)}`);
    const tsx = join(ROOT, "node_modules/.bin/tsx");
    // detached: each contributor leads its own process group (tsx → node → node --experimental-websocket), so a kill reaches all of it.
    const start = (script: string, label: string, extra: string[] = []) =>
      spawn(tsx, [script, link.body.url, ...extra, "--label", label], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"], detached: true });
    if (crew.kind === "honest") for (let i = 0; i < 2; i++) children.push(start("scripts/contribute.ts", `bench ${i + 1}`, ["--workers", String(crew.workers)]));
    if (crew.kind === "killed") children.push(start("scripts/contribute.ts", "killed", ["--workers", "1"]));
    if (crew.kind === "cheater") {
      const child = start("bench/cheating-contributor.ts", "cheater");
      child.stdout?.on("data", (d) => (cheaterOut += String(d)));
      children.push(child);
    }
  }
  const victim = crew.kind === "killed" ? children[0] : null;
  let targetS: number | null = null;
  let job: { state: string; evaluations: number; best: number | null; computeMs: number } = { state: "queued", evaluations: 0, best: null, computeMs: 0 };
  let firstUnitAt: number | null = null;
  for (;;) {
    job = (await client.getJob(tenant, id)).body as typeof job;
    if (targetS === null && job.best !== null && job.best <= target) targetS = (Date.now() - t0) / 1000;
    if (TERMINAL.has(job.state)) break;
    if (Date.now() - t0 > 20 * 60_000) throw new Error(`${name}: job ${id} did not end in 20 minutes`);
    if (victim && killed === null) {
      // Kill 2 s after its first accepted unit: it asks for the next unit as soon as one is judged, so it is mid-unit then.
      const row = (await listContributors())[0];
      if (firstUnitAt === null && row && row.acceptedUnits > 0) firstUnitAt = Date.now();
      if (firstUnitAt !== null && Date.now() - firstUnitAt >= 2_000 && victim.pid !== undefined && victim.exitCode === null) {
        process.kill(-victim.pid, "SIGKILL");
        killed = { afterS: (Date.now() - t0) / 1000, acceptedUnits: (await listContributors())[0]?.acceptedUnits ?? 0 };
      }
    }
    await sleep(200);
  }
  const wallS = (Date.now() - t0) / 1000;
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.on("exit", r)))));
  const contributors = crew.kind === "none" ? [] : await listContributors();
  const result = (await client.getResult(tenant, id)).body as { best?: unknown; islands?: unknown } | null;
  let note: string | null = null;
  if (crew.kind === "killed") {
    // The runner logs the units a departing contributor held (worker/contribute/lender.ts): proof the kill hit a lease.
    const held = readFileSync(logPath, "utf8")
      .split("\n")
      .filter((l) => l.includes(id) && l.includes("contributor left with units; requeued"))
      .map((l) => Number(/"units":\s*(\d+)/.exec(l)?.[1] ?? 0))
      .reduce((a, b) => a + b, 0);
    note = killed
      ? `killed ${killed.afterS.toFixed(1)} s into the job, 2 s after its first accepted unit (${killed.acceptedUnits} accepted by then); units it held when killed, which the runner requeued (wrangler log "contributor left with units; requeued"): ${held}.`
      : "not killed: the contributor never had a unit accepted before the job ended.";
  }
  if (crew.kind === "cheater") {
    const c = contributors[0];
    note = `the cheater reported ${cheaterOut.trim() || "nothing"}; the server's row for it: ${c ? `${c.rejectedUnits} rejected, ${c.acceptedUnits} accepted, ${c.strikes} strikes, banned ${c.banned}` : "none"}.`;
  }
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
    banned: contributors.filter((c) => c.banned).length,
    fingerprint: JSON.stringify({ best: result?.best ?? null, islands: result?.islands ?? null }),
    note,
  };
  console.error(`${name}: ${JSON.stringify(row)}`);
  return row;
}
