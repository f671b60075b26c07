/**
 * Contributed compute through the real Worker inside workerd: contributors speak the WebSocket
 * protocol (worker/contribute/protocol.ts) to a running island job over real Queues, D1 and
 * Durable Objects. An honest contributor's units are accepted and metered; a contributor killed
 * mid-unit, or one that goes silent until its lease lapses, costs time only; a cheating one is
 * caught by the checks, struck, banned after three, and in every case the job ends with exactly
 * the result of the same job run without contributors.
 */
import { abortAllDurableObjects, createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../app";
import { createJob, type CreateJobInput } from "../jobs";
import { bearer, call, json, signUpTenant, type TestTenant } from "../test/fixtures";
import { resultOf, sphere, waitFor, waitForEnd } from "../runtime/test-helpers";
import { decodeState, encodeState } from "@core/engine/codec";
import { prepareJob, runUnit, storedProgress, type PreparedJob } from "./compute";
import { Contributor, inlineRunner, type ContributorStats, type SocketLike, type UnitRunner } from "./contributor";
import type { ContributorFigures } from "./metering";

const ISLANDS = 3;
const TOTAL = 36_000;

function job(extra: Partial<CreateJobInput> = {}): CreateJobInput {
  return {
    problem: sphere(5),
    algorithm: "ga",
    parameters: { popSize: 20 },
    seed: 4242,
    islands: ISLANDS,
    budget: { evaluations: TOTAL },
    allowContributions: true,
    ...extra,
    options: { islandChunkEvaluations: 400, migrateEvery: 2, migrants: 2, islandDeadlineMs: 20_000, ...extra.options },
  };
}

let t: TestTenant;
let contributeKey: string;
let reference: Awaited<ReturnType<typeof resultOf>>;

async function put(path: string, body: unknown, key: string) {
  return call(path, { method: "PUT", headers: { "content-type": "application/json", ...bearer(key) }, body: JSON.stringify(body) });
}

async function connect(jobId: string, runner: UnitRunner, key = contributeKey, query = ""): Promise<Contributor> {
  const res = await call(`/v1/jobs/${jobId}/contribute${query}`, { headers: { Upgrade: "websocket", ...(key ? bearer(key) : {}) } });
  expect(res.status, await (res.status === 101 ? Promise.resolve("") : res.clone().text())).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  return new Contributor(ws as unknown as SocketLike, runner);
}

async function contributors(jobId: string): Promise<ContributorFigures[]> {
  const res = await call(`/v1/jobs/${jobId}/contributors`, { headers: bearer(t.apiKey) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: ContributorFigures[] }).items;
}

async function expectSameAsReference(jobId: string) {
  const row = await waitForEnd(t.tenantId, jobId, 120_000);
  expect(row.state).toBe("succeeded");
  expect(row.evaluations).toBe(TOTAL);
  const result = await resultOf(t.tenantId, jobId);
  expect(result.best!.value).toBe(reference.best!.value);
  expect(result.best!.solution).toEqual(reference.best!.solution);
  expect(result.islands).toEqual(reference.islands);
}

/** A runner whose units pass through `tamper` (an adversary's own code, not a mock of ours). */
function tampering(tamper: (job: PreparedJob, n: number, unit: { evaluations: number }, checkpoint: Uint8Array) => ReturnType<typeof runUnit> | Promise<ReturnType<typeof runUnit>>): UnitRunner {
  let job: PreparedJob | null = null;
  let n = 0;
  return {
    async prepare(w) {
      job = prepareJob(w.kind, w.algorithm, w.problem);
    },
    async run(unit, checkpoint) {
      return tamper(job!, n++, unit, checkpoint);
    },
  };
}

beforeAll(async () => {
  t = await signUpTenant();
  await env.DB.prepare("INSERT OR REPLACE INTO subscription (tenant_id, tier, status) VALUES (?, 'enterprise', 'active')").bind(t.tenantId).run();
  const created = await call("/v1/api-keys", json({ name: "lab machines", scopes: ["contribute"] }, bearer(t.apiKey)));
  expect(created.status).toBe(201);
  contributeKey = ((await created.json()) as { key: string }).key;
  // Off by default: a job asking for contributors is refused until an admin allows it.
  await expect(createJob(env, { tenantId: t.tenantId }, job())).rejects.toMatchObject({ status: 403, type: expect.stringContaining("contributions-disabled") });
  const set = await put("/v1/contribute/settings", { allowContributions: true, maxContributors: 8 }, t.apiKey);
  expect(set.status).toBe(200);
  const ref = await createJob(env, { tenantId: t.tenantId }, job({ allowContributions: false }));
  await waitForEnd(t.tenantId, ref.id, 120_000);
  reference = await resultOf(t.tenantId, ref.id);
}, 180_000);

describe("contributed compute", () => {
  it("an honest contributor's units are accepted, metered, not charged, and the result is unchanged", async () => {
    const created = await createJob(env, { tenantId: t.tenantId }, job());
    const honest = await connect(created.id, inlineRunner(), contributeKey, "?label=lab-1");
    const stats = await honest.ended;
    expect(stats.ended, stats.ended ?? "").toMatch(/the job succeeded/);
    await expectSameAsReference(created.id);
    expect(stats.accepted).toBeGreaterThanOrEqual(2);
    expect(stats.rejected).toBe(0);
    const [row] = await contributors(created.id);
    expect(row).toMatchObject({ label: "lab-1", acceptedUnits: stats.accepted, acceptedEvaluations: stats.evaluations, rejectedUnits: 0, strikes: 0, banned: false });
    // Probation: the first units were re-run by the server (bytes matched).
    expect(row.rerunUnits).toBeGreaterThanOrEqual(2);
    // Usage shows the contributed evaluations.
    const usage = (await (await call("/v1/usage", { headers: bearer(t.apiKey) })).json()) as { contributed?: { evaluations: number } };
    expect(usage.contributed?.evaluations).toBeGreaterThanOrEqual(stats.evaluations);
  }, 180_000);

  it("a contributor killed mid-unit, and one gone silent past its lease, cost time only", async () => {
    const killedJob = await createJob(env, { tenantId: t.tenantId }, job());
    let killed: Contributor | null = null;
    killed = await connect(
      killedJob.id,
      tampering(async () => {
        killed!.stop("killed mid-unit");
        return new Promise<never>(() => undefined);
      }),
    );
    const silentJob = await createJob(env, { tenantId: t.tenantId }, job({ options: { contributionLeaseMs: 1_000 } }));
    const silent = await connect(
      silentJob.id,
      tampering(() => new Promise<never>(() => undefined)),
    );
    const k = await killed.ended;
    expect(k.units).toBe(1);
    await expectSameAsReference(killedJob.id);
    await expectSameAsReference(silentJob.id);
    expect(silent.stats.units).toBe(1);
    silent.stop();
    for (const id of [killedJob.id, silentJob.id]) {
      const [row] = await contributors(id).then((r) => (r.length ? r : [undefined]));
      expect(row?.acceptedUnits ?? 0).toBe(0);
    }
  }, 180_000);

  it("a runner reset mid-unit (sockets gone without a close): the next contributor's arrival sends the orphaned unit to the queue", async () => {
    const created = await createJob(env, { tenantId: t.tenantId }, job());
    let got: () => void = () => undefined;
    const leased = new Promise<void>((r) => (got = r));
    const holder = await connect(
      created.id,
      tampering(() => {
        got();
        return new Promise<never>(() => undefined);
      }),
    );
    await leased;
    await abortAllDurableObjects();
    await holder.ended;
    // The default lease (30 s) would outlast this test's wait; the reconnect reclaims it at once.
    const again = await connect(created.id, inlineRunner());
    await waitForEnd(t.tenantId, created.id, 25_000);
    await again.ended;
    await expectSameAsReference(created.id);
  }, 180_000);

  it("a cheater is caught on every forged unit, struck, banned after three, and the result is unchanged", async () => {
    const created = await createJob(env, { tenantId: t.tenantId }, job());
    const cheats = [
      // 1. Claims a better value than it found (the checkpoint is honest, the figures are not).
      (j: PreparedJob, e: number, cp: Uint8Array) => {
        const out = runUnit(j, e, cp);
        return { ...out, progress: { ...out.progress, best: out.progress.best - 1 } };
      },
      // 2. Forges the checkpoint: the stored best value made better, the figures derived from the forgery.
      (j: PreparedJob, e: number, cp: Uint8Array) => {
        const out = runUnit(j, e, cp);
        const forged = encodeState(replaceNumber(decodeState(out.checkpoint), out.progress.best, out.progress.best / 2));
        return { ...out, checkpoint: forged, progress: storedProgress(j.solver.progress(j.solver.restore(j.problem, forged))) };
      },
      // 3. Does other work than asked (twice the budget): plausible figures, a different trajectory.
      (j: PreparedJob, e: number, cp: Uint8Array) => runUnit(j, 2 * e, cp),
    ];
    const cheater = await connect(
      created.id,
      tampering(async (j, n, unit, cp) => cheats[Math.min(n, 2)](j, unit.evaluations, cp)),
    );
    const stats: ContributorStats = await cheater.ended;
    expect(stats.ended).toMatch(/banned/);
    expect(stats.rejected).toBe(3);
    expect(stats.accepted).toBe(0);
    // Each forgery caught by its own check (worker/contribute/verify.ts).
    expect(stats.rejections.map((r) => r.split(":")[0])).toEqual(["progress", "best-reevaluates", "rerun"]);
    const [row] = await contributors(created.id);
    expect(row).toMatchObject({ rejectedUnits: 3, acceptedUnits: 0, acceptedEvaluations: 0, strikes: 3, banned: true });
    // Banned from this job: a new connection is refused.
    const again = await call(`/v1/jobs/${created.id}/contribute`, { headers: { Upgrade: "websocket", ...bearer(contributeKey) } });
    expect(again.status).toBe(403);
    await expectSameAsReference(created.id);
  }, 180_000);

  it("join links: signed per job and short-lived; a browser tab lends compute without an account", async () => {
    const created = await createJob(env, { tenantId: t.tenantId }, job());
    const link = await call(`/v1/jobs/${created.id}/contribute/links`, json({ expiresInSeconds: 600 }, bearer(t.apiKey)));
    expect(link.status).toBe(201);
    const { url, token } = (await link.json()) as { url: string; token: string };
    expect(new URL(url).pathname).toBe(`/contribute/${created.id}`);
    expect(new URL(url).origin).toBe(env.APP_URL);
    // Asked through a trusted origin other than APP_URL (in development, its loopback twin), the link opens there.
    const devEnv = { ...env, ENVIRONMENT: "development", APP_URL: "http://localhost:8787" };
    const ctx = createExecutionContext();
    const twin = await app.fetch(new Request(`http://127.0.0.1:8787/v1/jobs/${created.id}/contribute/links`, json({}, { ...bearer(t.apiKey), "cf-connecting-ip": "2001:db8:7e9::1" })), devEnv, ctx);
    await waitOnExecutionContext(ctx);
    expect(twin.status, await twin.clone().text()).toBe(201);
    expect(new URL(((await twin.json()) as { url: string }).url).origin).toBe("http://127.0.0.1:8787");
    // Refused: no key and no link; a forged link; another job's link; a key without the scope.
    expect((await call(`/v1/jobs/${created.id}/contribute`, { headers: { Upgrade: "websocket" } })).status).toBe(401);
    expect((await call(`/v1/jobs/${created.id}/contribute?client=tab1&join=${token.slice(0, -2)}xx`, { headers: { Upgrade: "websocket" } })).status).toBe(403);
    expect((await call(`/v1/jobs/job_other/contribute?client=tab1&join=${token}`, { headers: { Upgrade: "websocket" } })).status).toBe(403);
    expect((await call(`/v1/jobs/${created.id}/contribute`, { headers: { Upgrade: "websocket", ...bearer(t.apiKey) } })).status).toBe(403);
    const tab = await connect(created.id, inlineRunner(), "", `?client=tab1&join=${encodeURIComponent(token)}`);
    const stats = await tab.ended;
    expect(stats.accepted).toBeGreaterThanOrEqual(1);
    await expectSameAsReference(created.id);
    const [row] = await contributors(created.id);
    expect(row).toMatchObject({ label: "browser", acceptedUnits: stats.accepted });
    expect(row.contributorId).toMatch(/^link:[A-Za-z0-9_-]+:tab1$/);
  }, 180_000);

  it("contributors per tenant are capped", async () => {
    // A tenant of its own: the reset test above leaves slots that lapse only after their lease.
    const other = await signUpTenant();
    await env.DB.prepare("INSERT OR REPLACE INTO subscription (tenant_id, tier, status) VALUES (?, 'enterprise', 'active')").bind(other.tenantId).run();
    const key = ((await (await call("/v1/api-keys", json({ name: "lab", scopes: ["contribute"] }, bearer(other.apiKey)))).json()) as { key: string }).key;
    expect((await put("/v1/contribute/settings", { allowContributions: true, maxContributors: 1 }, other.apiKey)).status).toBe(200);
    const created = await createJob(env, { tenantId: other.tenantId }, job({ budget: { evaluations: 3_000_000 } }));
    const first = await connect(created.id, inlineRunner(), key);
    const second = await call(`/v1/jobs/${created.id}/contribute`, { headers: { Upgrade: "websocket", ...bearer(key) } });
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toMatch(/^\d+$/);
    first.stop();
    await first.ended;
    // The runner released the slot when the socket closed.
    const third = await waitFor("the slot to free", async () => {
      const res = await call(`/v1/jobs/${created.id}/contribute`, { headers: { Upgrade: "websocket", ...bearer(key) } });
      return res.status === 101 ? res : null;
    });
    third.webSocket!.accept();
    third.webSocket!.close(1000, "done");
    await call(`/v1/jobs/${created.id}/cancel`, json({}, bearer(other.apiKey)));
    // The job ends before the file does: the files share one runtime, and a job still logging after its
    // file has closed its connection to Vitest fails the run ("Closing rpc while onUserConsoleLog was
    // pending", seen once in a clean-clone run).
    await waitForEnd(other.tenantId, created.id, 30_000);
  }, 60_000);
});

/** Every scalar equal to `from` in a decoded checkpoint, replaced by `to` (a forger's edit; typed arrays untouched). */
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
  expect(found).toBeGreaterThan(0);
  return out;
}
