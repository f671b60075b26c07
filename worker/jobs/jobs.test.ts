/**
 * /v1/jobs inside workerd against the real runtime (JobRunner DOs on alarms, D1, R2): submit
 * (JSON and upload), list, control, delete, fork, replay, result, explanation, and exports parsed
 * back (XLSX with SheetJS, ICS with ical.js, ZIP with fflate, the ITC solution re-evaluated by
 * the core evaluator). Jobs are watched through D1, not the API, to keep clear of rate limits.
 */
import { env } from "cloudflare:workers";
import { strFromU8, unzipSync } from "fflate";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "@e965/xlsx";
import { parseCsv } from "@core/exports/csv";
import { evaluatePlacements } from "@core/timetabling/evaluate";
import { readCtt } from "@core/timetabling/itc/ctt";
import { readCttSolution } from "@core/timetabling/itc/sol";
import { bearer, call, json, createTenant, type TestTenant } from "../test/fixtures";
import { TIERS } from "../tenancy/tiers";

const CTT = `Name: Tiny
Courses: 3
Rooms: 2
Days: 3
Periods_per_day: 3
Curricula: 2
Constraints: 1

COURSES:
c1 t1 3 2 20
c2 t2 2 2 30
c3 t1 2 1 10

ROOMS:
r1 25
r2 40

CURRICULA:
q1 2 c1 c2
q2 2 c2 c3

UNAVAILABILITY_CONSTRAINTS:
c1 0 0

END.
`;

const SPHERE = { kind: "continuous", function: "sphere", dimension: 4 };
const TSP = { kind: "tsp", name: "ring", coordinates: Array.from({ length: 12 }, (_, i) => [Math.round(100 * Math.cos(i)), Math.round(100 * Math.sin(i * 1.7))]) };
const TERMINAL = ["succeeded", "failed", "cancelled", "expired"];

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return (await res.json()) as Record<string, any>;
}

async function waitFor(jobId: string, states = TERMINAL, timeoutMs = 45_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const row = await env.DB.prepare("select state from job where id = ?").bind(jobId).first<{ state: string }>();
    if (row && states.includes(row.state)) return row.state;
    if (Date.now() > end) throw new Error(`job ${jobId} still ${row?.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const submit = (t: TestTenant, body: unknown, headers: Record<string, string> = {}) => call("/v1/jobs", json(body, { ...bearer(t.apiKey), ...headers }));
const get = (t: TestTenant, path: string) => call(path, { headers: bearer(t.apiKey) });
const post = (t: TestTenant, path: string, body?: unknown) => call(path, body === undefined ? { method: "POST", headers: bearer(t.apiKey) } : json(body, bearer(t.apiKey)));
const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

let a: TestTenant;
let b: TestTenant;
let continuousJob: any;
beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  const res = await submit(a, { problem: SPHERE, seed: 11, budget: { evaluations: 4000 }, name: "sphere-4" });
  expect(res.status).toBe(202);
  continuousJob = await res.json();
  expect(await waitFor(continuousJob.id)).toBe("succeeded");
});

describe("POST /v1/jobs", () => {
  it("answers 202 with the job, its Location, defaults filled in and a replay receipt", async () => {
    expect(["queued", "running"]).toContain(continuousJob.state);
    expect(continuousJob.algorithm).toBe("de");
    expect(continuousJob.seed).toBe(11);
    expect(continuousJob.receipt).toMatchObject({ seed: 11, kind: "continuous", algorithm: "de", replayable: true });
    expect(continuousJob.receipt.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(continuousJob.links.self).toBe(`/v1/jobs/${continuousJob.id}`);
    const res = await submit(a, { problem: SPHERE });
    expect(res.headers.get("location")).toMatch(/^\/v1\/jobs\/job_/);
    const body = (await res.json()) as any;
    // No budget: the plan's default time budget (free: 10 s), which also stops on convergence.
    expect(body.budget).toEqual({ seconds: TIERS.free.defaultJobSeconds });
    expect(Number.isInteger(body.seed)).toBe(true);
    await post(a, `/v1/jobs/${body.id}/cancel`);
  });

  it("bad input is a 422 with field paths; a read-only key is 403", async () => {
    let body = await problem(await submit(a, { algorithm: "de" }), 422);
    expect(body.errors.map((e: any) => e.path)).toContain("problem");
    body = await problem(await submit(a, { problem: { kind: "continuous", function: "nope", dimension: 2 } }), 422);
    expect(body.errors[0].path).toMatch(/^problem\./);
    body = await problem(await submit(a, { problem: SPHERE, algorithm: "simplex" }), 422);
    expect(body.errors[0].path).toBe("algorithm");
    body = await problem(await submit(a, { problem: SPHERE, budget: { evaluations: 10, seconds: 1 } }), 422);
    expect(body.errors[0].path).toBe("budget");
    const ro = await createTenant({ scopes: ["jobs:read"] });
    await problem(await submit(ro, { problem: SPHERE }), 403);
  });

  it("a problem above the plan's size limit is a 402 naming the limit", async () => {
    const limits = ((await (await call("/v1/problems/validate", json({ problem: SPHERE }, bearer(a.apiKey)))).json()) as any).limits;
    const body = await problem(await submit(a, { problem: { ...SPHERE, dimension: limits.maxSize.dimensions + 1 } }), 402);
    expect(body.limit).toBe("maxSize.dimensions");
  });

  it("Idempotency-Key replays the first answer; another body with the key is a 422", async () => {
    const a = await createTenant();
    const first = await submit(a, { problem: SPHERE, budget: { evaluations: 500 } }, { "idempotency-key": "job-key-1" });
    expect(first.status).toBe(202);
    const job = (await first.json()) as any;
    const again = await submit(a, { problem: SPHERE, budget: { evaluations: 500 } }, { "idempotency-key": "job-key-1" });
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as any).id).toBe(job.id);
    const count = await env.DB.prepare("select count(*) as n from job where tenant_id = ? and budget = ?")
      .bind(a.tenantId, JSON.stringify({ evaluations: 500 }))
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
    await problem(await submit(a, { problem: SPHERE, budget: { evaluations: 501 } }, { "idempotency-key": "job-key-1" }), 422);
  });
});

describe("reading jobs", () => {
  it("GET /v1/jobs/:id and the result", async () => {
    const job = (await (await get(a, `/v1/jobs/${continuousJob.id}`)).json()) as any;
    expect(job.state).toBe("succeeded");
    expect(job.finishedAt).toMatch(/Z$/);
    const result = (await (await get(a, `/v1/jobs/${continuousJob.id}/result`)).json()) as any;
    expect(result.best.value).toBeGreaterThanOrEqual(0);
    expect(result.history.points.length).toBeGreaterThan(0);
  });

  it("lists with cursor pagination and filters by state, kind and creation time", async () => {
    const t = await createTenant();
    const ids: string[] = [];
    // One at a time: the free plan runs a single job at once.
    for (const doc of [SPHERE, TSP, SPHERE]) {
      ids.push(((await (await submit(t, { problem: doc, budget: { evaluations: 300 } })).json()) as any).id);
      await waitFor(ids[ids.length - 1]);
    }
    const page1 = (await (await get(t, "/v1/jobs?limit=2")).json()) as any;
    expect(page1.items.map((j: any) => j.id)).toEqual([ids[2], ids[1]]);
    const page2 = (await (await get(t, `/v1/jobs?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`)).json()) as any;
    expect(page2.items.map((j: any) => j.id)).toEqual([ids[0]]);
    expect(page2.nextCursor).toBeNull();
    const tsp = (await (await get(t, "/v1/jobs?kind=tsp")).json()) as any;
    expect(tsp.items.map((j: any) => j.id)).toEqual([ids[1]]);
    const done = (await (await get(t, "/v1/jobs?state=succeeded")).json()) as any;
    expect(done.items.length).toBe(3);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(((await (await get(t, `/v1/jobs?createdAfter=${future}`)).json()) as any).items).toEqual([]);
    expect(((await (await get(t, `/v1/jobs?createdBefore=${future}`)).json()) as any).items.length).toBe(3);
    await problem(await get(t, "/v1/jobs?state=exploded"), 422);
    await problem(await get(t, "/v1/jobs?cursor=not-a-cursor"), 422);
  });

  it("another tenant's job is a 404 everywhere", async () => {
    const id = continuousJob.id;
    for (const path of [`/v1/jobs/${id}`, `/v1/jobs/${id}/result`, `/v1/jobs/${id}/exports/json`, `/v1/jobs/${id}/explanation`]) await problem(await get(b, path), 404);
    for (const action of ["pause", "resume", "cancel", "fork", "replay"]) await problem(await post(b, `/v1/jobs/${id}/${action}`), 404);
    await problem(await call(`/v1/jobs/${id}`, { method: "DELETE", headers: bearer(b.apiKey) }), 404);
    expect(((await (await get(b, "/v1/jobs")).json()) as any).items.some((j: any) => j.id === id)).toBe(false);
  });
});

describe("controlling jobs", () => {
  it("pause, resume and cancel a running job; wrong states are 409", async () => {
    const t = await createTenant();
    const job = (await (await submit(t, { problem: { ...SPHERE, dimension: 20 }, budget: { evaluations: 50_000_000 } })).json()) as any;
    await waitFor(job.id, ["running"]);
    const paused = await post(t, `/v1/jobs/${job.id}/pause`);
    expect(paused.status).toBe(200);
    expect(((await paused.json()) as any).state).toBe("paused");
    await problem(await post(t, `/v1/jobs/${job.id}/pause`), 409);
    const resumed = await post(t, `/v1/jobs/${job.id}/resume`);
    expect(((await resumed.json()) as any).state).toBe("running");
    expect((await post(t, `/v1/jobs/${job.id}/cancel`)).status).toBe(200);
    expect(await waitFor(job.id)).toBe("cancelled");
    // Best so far is kept.
    expect((await get(t, `/v1/jobs/${job.id}/result`)).status).toBe(200);
    const body = await problem(await post(t, `/v1/jobs/${job.id}/resume`), 409);
    expect(body.detail).toContain("cancelled");
    await problem(await post(b, `/v1/jobs/${job.id}/resume`), 404);
    // A finished job cannot be resumed either.
    await problem(await post(a, `/v1/jobs/${continuousJob.id}/resume`), 409);
  });

  it("DELETE removes the row and every R2 object of the job", async () => {
    const a = await createTenant();
    const job = (await (await submit(a, { problem: SPHERE, budget: { evaluations: 300 } })).json()) as any;
    await waitFor(job.id);
    expect((await get(a, `/v1/jobs/${job.id}/exports/csv`)).status).toBe(200);
    const prefix = `t/${a.tenantId}/jobs/${job.id}/`;
    expect((await env.BLOBS.list({ prefix })).objects.length).toBeGreaterThan(1);
    expect((await call(`/v1/jobs/${job.id}`, { method: "DELETE", headers: bearer(a.apiKey) })).status).toBe(204);
    expect((await env.BLOBS.list({ prefix })).objects).toEqual([]);
    expect(await env.DB.prepare("select id from job where id = ?").bind(job.id).first()).toBeNull();
    await problem(await get(a, `/v1/jobs/${job.id}`), 404);
  });
});

describe("replay and fork", () => {
  it("a replay reproduces the same result", async () => {
    const res = await post(a, `/v1/jobs/${continuousJob.id}/replay`);
    expect(res.status).toBe(202);
    const replay = (await res.json()) as any;
    expect(replay.receipt.inputHash).toBe(continuousJob.receipt.inputHash);
    expect(replay.seed).toBe(continuousJob.seed);
    expect(await waitFor(replay.id)).toBe("succeeded");
    const original = (await (await get(a, `/v1/jobs/${continuousJob.id}/result`)).json()) as any;
    const again = (await (await get(a, `/v1/jobs/${replay.id}/result`)).json()) as any;
    expect(again.best.value).toBe(original.best.value);
    expect(again.best.solution).toEqual(original.best.solution);
  });

  it("a seconds-budgeted job is not replayable (409) until it finished on its time or convergence", async () => {
    const a = await createTenant();
    const job = (await (await submit(a, { problem: SPHERE, budget: { seconds: 0.2 } })).json()) as any;
    await problem(await post(a, `/v1/jobs/${job.id}/replay`), 409);
    await post(a, `/v1/jobs/${job.id}/cancel`);
  });

  it("a fork continues from the parent's checkpoint", async () => {
    const res = await post(a, `/v1/jobs/${continuousJob.id}/fork`, { budget: { evaluations: 6000 } });
    const fork = (await res.json()) as any;
    expect(res.status, JSON.stringify(fork)).toBe(202);
    expect(fork.parentJobId).toBe(continuousJob.id);
    expect(fork.receipt.startFrom).toBe(continuousJob.id);
    expect(await waitFor(fork.id)).toBe("succeeded");
    const body = await problem(await post(a, `/v1/jobs/${continuousJob.id}/fork`, { parameters: { nope: 1 } }), 422);
    expect(body.errors[0].path).toMatch(/^parameters/);
  });
});

describe("exports", () => {
  it("continuous: JSON, CSV, convergence CSV/SVG and ZIP; generated once then read from R2", async () => {
    const id = continuousJob.id;
    const j = await get(a, `/v1/jobs/${id}/exports/json`);
    expect(j.headers.get("content-disposition")).toContain('filename="sphere-4.json"');
    expect(((await j.json()) as any).x).toHaveLength(4);
    const rows = parseCsv(await (await get(a, `/v1/jobs/${id}/exports/csv`)).text());
    expect(rows[0]).toEqual(["variable", "value"]);
    expect(rows).toHaveLength(6);
    const conv = parseCsv(await (await get(a, `/v1/jobs/${id}/exports/convergence.csv`)).text());
    expect(conv.length).toBeGreaterThan(2);
    expect(await (await get(a, `/v1/jobs/${id}/exports/convergence.svg`)).text()).toContain("<svg");
    const zip = unzipSync(await bytes(await get(a, `/v1/jobs/${id}/exports/zip`)));
    expect(Object.keys(zip).sort()).toEqual(["sphere-4.convergence.csv", "sphere-4.convergence.svg", "sphere-4.csv", "sphere-4.json"]);
    const cached = await env.BLOBS.list({ prefix: `t/${a.tenantId}/jobs/${id}/exports/` });
    expect(cached.objects.length).toBeGreaterThanOrEqual(5);
    await problem(await get(a, `/v1/jobs/${id}/exports/xlsx`), 404);
  });

  it("an unfinished job has no exports yet (409)", async () => {
    const a = await createTenant();
    const job = (await (await submit(a, { problem: SPHERE, budget: { evaluations: 50_000_000 } })).json()) as any;
    await problem(await get(a, `/v1/jobs/${job.id}/exports/json`), 409);
    await post(a, `/v1/jobs/${job.id}/cancel`);
  });

  it("tsp: tour CSV, TSPLIB .tour, GeoJSON and SVG", async () => {
    const t = await createTenant();
    const job = (await (await submit(t, { problem: TSP, budget: { evaluations: 2000 } })).json()) as any;
    expect(await waitFor(job.id)).toBe("succeeded");
    const tour = (await (await get(t, `/v1/jobs/${job.id}/exports/tour`)).text()).split("\n");
    const nodes = tour.slice(tour.indexOf("TOUR_SECTION") + 1, tour.indexOf("-1")).map(Number);
    expect([...nodes].sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const geo = (await (await get(t, `/v1/jobs/${job.id}/exports/geojson`)).json()) as any;
    expect(geo.features[0].geometry.coordinates).toHaveLength(13);
    expect(parseCsv(await (await get(t, `/v1/jobs/${job.id}/exports/csv`)).text())).toHaveLength(13);
    expect((await (await get(t, `/v1/jobs/${job.id}/exports/svg`)).text()).match(/<circle /g)).toHaveLength(12);
  });

  it("timetabling from an uploaded .ctt: XLSX, ICS, HTML, ITC solution re-evaluated, explanation, ZIP", async () => {
    const t = await createTenant();
    const form = new FormData();
    form.set("file", new File([CTT], "tiny.ctt"));
    form.set("budget", JSON.stringify({ evaluations: 20_000 }));
    form.set("seed", "5");
    const res = await call("/v1/jobs", { method: "POST", headers: bearer(t.apiKey), body: form });
    const job = (await res.json()) as any;
    expect(res.status, JSON.stringify(job)).toBe(202);
    expect(job.kind).toBe("timetabling");
    expect(job.seed).toBe(5);
    expect(await waitFor(job.id)).toBe("succeeded");
    const result = (await (await get(t, `/v1/jobs/${job.id}/result`)).json()) as any;

    // The ITC solution, read back and evaluated by core, has the job's own cost.
    const sol = await (await get(t, `/v1/jobs/${job.id}/exports/sol`)).text();
    const problemDef = readCtt(CTT);
    const ev = evaluatePlacements(problemDef, readCttSolution(problemDef, sol).placements);
    expect({ hard: ev.hard, soft: ev.soft }).toEqual({ hard: result.best.hard, soft: result.best.soft });

    const wb = XLSX.read(await bytes(await get(t, `/v1/jobs/${job.id}/exports/xlsx`)), { type: "array" });
    expect(wb.SheetNames).toEqual(["Lectures", "By room", "By group", "By instructor"]);
    expect(XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Lectures, { header: 1 })).toHaveLength(8);

    const ics = await get(t, `/v1/jobs/${job.id}/exports/ics?view=group:q1&start=2026-09-07&weeks=10&tz=Europe/Rome`);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const cal = new ICAL.Component(ICAL.parse(await ics.text()));
    const events = cal.getAllSubcomponents("vevent");
    expect(events).toHaveLength(5); // q1 = c1 (3 lectures) + c2 (2)
    for (const e of events) expect(String(e.getFirstPropertyValue("uid"))).toMatch(new RegExp(`^${job.id}-c[12]-\\d@evolve\\.dev$`));
    expect(String(events[0].getFirstPropertyValue("rrule"))).toContain("COUNT=10");
    const bad = await problem(await get(t, `/v1/jobs/${job.id}/exports/ics?view=room:nowhere`), 422);
    expect(bad.errors[0].path).toBe("query.view");

    expect(await (await get(t, `/v1/jobs/${job.id}/exports/html`)).text()).toContain("A4 landscape");
    const zip = unzipSync(await bytes(await get(t, `/v1/jobs/${job.id}/exports/zip`)));
    expect(Object.keys(zip).filter((n) => n.startsWith("calendars/"))).toHaveLength(2 + 2 + 2);
    // Entries are named after the job (API jobs get a readable default name), one ITC solution among them.
    const solEntries = Object.keys(zip).filter((n) => n.endsWith(".sol"));
    expect(solEntries).toHaveLength(1);
    expect(strFromU8(zip[solEntries[0]])).toBe(sol);

    const explanation = (await (await get(t, `/v1/jobs/${job.id}/explanation`)).json()) as any;
    expect({ hard: explanation.hard, soft: explanation.soft }).toEqual({ hard: result.best.hard, soft: result.best.soft });
    const total = explanation.constraints.filter((c: any) => !c.hard).reduce((s: number, c: any) => s + c.total, 0);
    expect(total).toBe(result.best.soft);
    await problem(await get(a, `/v1/jobs/${continuousJob.id}/explanation`), 422);
  });
});

describe("calendar feeds and share links", () => {
  let t: TestTenant;
  let job: any;
  beforeAll(async () => {
    t = await createTenant();
    job = await (await submit(t, { problem: { kind: "timetabling", format: "ctt", text: CTT }, seed: 3, budget: { evaluations: 20_000 } })).json();
    expect(await waitFor(job.id)).toBe("succeeded");
  });

  it("a feed URL serves the view's calendar without credentials until revoked", async () => {
    const res = await post(t, `/v1/jobs/${job.id}/calendar-feeds`, { view: "room:r2", weeks: 8 });
    const feed = (await res.json()) as any;
    expect(res.status, JSON.stringify(feed)).toBe(201);
    expect(feed.url).toMatch(/\/v1\/feeds\/[A-Za-z0-9_-]+\.ics$/);
    const path = new URL(feed.url).pathname;
    const ics = await call(path);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const cal = new ICAL.Component(ICAL.parse(await ics.text()));
    for (const e of cal.getAllSubcomponents("vevent")) {
      expect(e.getFirstPropertyValue("location")).toBe("r2");
      expect(String(e.getFirstPropertyValue("rrule"))).toContain("COUNT=8");
    }
    const listed = (await (await get(t, `/v1/jobs/${job.id}/calendar-feeds`)).json()) as any;
    expect(listed.items.map((l: any) => l.id)).toEqual([feed.id]);
    expect(JSON.stringify(listed)).not.toContain(path.split("/").pop()!.replace(".ics", ""));
    await problem(await call(`/v1/jobs/${job.id}/calendar-feeds/${feed.id}`, { method: "DELETE", headers: bearer(b.apiKey) }), 404);
    expect((await call(`/v1/jobs/${job.id}/calendar-feeds/${feed.id}`, { method: "DELETE", headers: bearer(t.apiKey) })).status).toBe(204);
    await problem(await call(path), 404);
    await problem(await call("/v1/feeds/not-a-real-token-at-all.ics"), 404);
  });

  it("feeds check the view and the kind", async () => {
    let body = await problem(await post(t, `/v1/jobs/${job.id}/calendar-feeds`, { view: "room:nowhere" }), 422);
    expect(body.errors[0].path).toBe("view");
    body = await problem(await post(t, `/v1/jobs/${job.id}/calendar-feeds`, { view: "floor:3" }), 422);
    expect(body.errors[0].path).toBe("view");
    await problem(await post(b, `/v1/jobs/${job.id}/calendar-feeds`, { view: "room:r1" }), 404);
    await problem(await post(a, `/v1/jobs/${continuousJob.id}/calendar-feeds`, { view: "room:r1" }), 422);
  });

  // Stable UIDs across re-solves are covered in core/exports/exports.test.ts; this checks that
  // the feed follows the newest succeeded fork of a timetabling job.
  it("a re-solve (fork) updates the feed in place: same UIDs, newer SEQUENCE", async () => {
    const feed = (await (await post(t, `/v1/jobs/${job.id}/calendar-feeds`, { view: "group:q2" })).json()) as any;
    const path = new URL(feed.url).pathname;
    const before = new ICAL.Component(ICAL.parse(await (await call(path)).text())).getAllSubcomponents("vevent");
    const forked = await post(t, `/v1/jobs/${job.id}/fork`, { budget: { evaluations: 30_000 } });
    const fork = (await forked.json()) as any;
    expect(forked.status, JSON.stringify(fork)).toBe(202);
    expect(await waitFor(fork.id)).toBe("succeeded");
    const after = new ICAL.Component(ICAL.parse(await (await call(path)).text())).getAllSubcomponents("vevent");
    const uids = (es: any[]) => es.map((e) => String(e.getFirstPropertyValue("uid"))).sort();
    expect(uids(after)).toEqual(uids(before));
    expect(after.every((e: any) => Number(e.getFirstPropertyValue("sequence")) === 1)).toBe(true);
  });

  it("a share link gives read-only access to the result and exports until it expires or is revoked", async () => {
    const res = await post(t, `/v1/jobs/${job.id}/share-links`, { expiresInHours: 2 });
    const link = (await res.json()) as any;
    expect(res.status).toBe(201);
    const path = new URL(link.url).pathname;
    const shared = (await (await call(path)).json()) as any;
    expect(shared.job.id).toBe(job.id);
    expect(shared.result.best).toBeTruthy();
    expect(shared.exports.map((x: any) => x.format)).toContain("xlsx");
    const page = await call(path, { headers: { accept: "text/html" } });
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain(`${path}/exports/xlsx`);
    expect(html).not.toContain("<script");
    const xlsx = await call(`${path}/exports/xlsx`);
    expect(XLSX.read(await bytes(xlsx), { type: "array" }).SheetNames).toContain("By room");
    const ics = await call(`${path}/exports/ics?view=instructor:t1`);
    expect(ics.status).toBe(200);
    // Read-only: the token opens nothing else.
    await problem(await call(`/v1/jobs/${job.id}`, { headers: { authorization: `Bearer ${path.split("/").pop()}` } }), 401);
    // A tampered signature or a forged expiry is refused.
    const token = path.split("/").pop()!;
    const [id, exp, sig] = token.split(".");
    await problem(await call(`/v1/share/${id}.${Number(exp) + 3600}.${sig}`), 404);
    await problem(await call(`/v1/share/${id}.${exp}.${sig.slice(0, -2)}AA`), 404);
    expect((await call(`/v1/jobs/${job.id}/share-links/${link.id}`, { method: "DELETE", headers: bearer(t.apiKey) })).status).toBe(204);
    await problem(await call(path), 404);
    await problem(await call(`${path}/exports/json`), 404);
    const body = await problem(await post(t, `/v1/jobs/${job.id}/share-links`, { expiresInHours: 100_000 }), 422);
    expect(body.errors[0].path).toBe("expiresInHours");
  });
});
