/**
 * Progress push through the real Worker routes (authentication included): a WebSocket client and
 * an SSE client both receive the snapshot and live events of a running job; SSE resumes with
 * Last-Event-ID; events are throttled; the history stays bounded; other tenants get 404.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createJob } from "../jobs";
import { bearer, call, createTenant } from "../test/fixtures";
import { addHistoryPoint, HISTORY_MAX_POINTS, type HistoryPoint, type ProgressEvent } from "./progress-feed";
import { rastrigin, waitFor, waitForEnd } from "./test-helpers";

async function enterpriseTenant() {
  const t = await createTenant();
  await env.DB.prepare("INSERT INTO subscription (tenant_id, tier, status) VALUES (?, 'enterprise', 'active') ON CONFLICT (tenant_id) DO UPDATE SET tier = 'enterprise', status = 'active'")
    .bind(t.tenantId)
    .run();
  return t;
}

interface SseEvent {
  id: number;
  event: string;
  data: any;
}

/** Read an SSE body to its end (the runner closes streams after the final event). */
async function readSse(res: Response): Promise<SseEvent[]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .filter((block) => block.includes("data: "))
    .map((block) => {
      const field = (name: string) =>
        block
          .split("\n")
          .find((l) => l.startsWith(`${name}: `))
          ?.slice(name.length + 2);
      return { id: Number(field("id")), event: field("event")!, data: JSON.parse(field("data")!) };
    });
}

describe("progress push", () => {
  it("a WebSocket and an SSE client both receive live events; SSE resumes with Last-Event-ID", async () => {
    const tenant = await enterpriseTenant();
    // Long enough to span several 100 ms throttle windows however fast the engine gets (120k
    // evaluations finished inside ~0.3 s once the built-in objectives stopped boxing).
    const evaluations = 600_000;
    const job = await createJob(env, { tenantId: tenant.tenantId }, { problem: rastrigin(10), budget: { evaluations }, options: { chunkTargetMs: 15 } });

    const wsRes = await call(`/v1/jobs/${job.id}/ws`, { headers: { Upgrade: "websocket", ...bearer(tenant.apiKey) } });
    expect(wsRes.status).toBe(101);
    const ws = wsRes.webSocket!;
    const wsMessages: any[] = [];
    ws.addEventListener("message", (e) => {
      wsMessages.push(JSON.parse(e.data as string));
    });
    ws.accept();

    const sseRes = await call(`/v1/jobs/${job.id}/events`, { headers: bearer(tenant.apiKey) });
    expect(sseRes.status).toBe(200);
    expect(sseRes.headers.get("content-type")).toContain("text/event-stream");
    const sseDone = readSse(sseRes);

    await waitForEnd(tenant.tenantId, job.id, 60_000);
    const sse = await sseDone;
    await waitFor("the final WebSocket event", async () => wsMessages.some((m) => m.type === "state" && m.state === "succeeded"));

    // WebSocket: snapshot first, then progress events, the last one the final state.
    expect(wsMessages[0].type).toBe("snapshot");
    expect(Array.isArray(wsMessages[0].history)).toBe(true);
    const wsEvents = wsMessages.slice(1) as ProgressEvent[];
    expect(wsEvents.filter((e) => e.type === "progress").length).toBeGreaterThan(2);
    const last = wsEvents[wsEvents.length - 1];
    expect(last).toMatchObject({ type: "state", state: "succeeded", evaluations });
    for (const k of ["generation", "evaluations", "best", "mean", "elapsedMs"]) expect(last).toHaveProperty(k);
    for (let i = 1; i < wsEvents.length; i++) expect(wsEvents[i].seq).toBe(wsEvents[i - 1].seq + 1);
    // Throttle: progress pushes at least 100 ms apart (≤ 10/s).
    const progress = wsEvents.filter((e) => e.type === "progress");
    for (let i = 1; i < progress.length; i++) expect(progress[i].at - progress[i - 1].at).toBeGreaterThanOrEqual(100);
    ws.close(1000, "done");

    // SSE: the same events with their seq as ids, ending with the final state.
    expect(sse[0].event).toBe("snapshot");
    const sseEvents = sse.slice(1);
    expect(sseEvents.length).toBeGreaterThan(2);
    expect(sseEvents[sseEvents.length - 1].data).toMatchObject({ type: "state", state: "succeeded" });
    for (const e of sseEvents) expect(e.id).toBe(e.data.seq);

    // Resume: only what came after the given id.
    const from = sseEvents[1].id;
    const resumed = await readSse(await call(`/v1/jobs/${job.id}/events`, { headers: { ...bearer(tenant.apiKey), "Last-Event-ID": String(from) } }));
    expect(resumed[0].id).toBe(from + 1);
    expect(resumed.map((e) => e.id)).toEqual(sseEvents.filter((e) => e.id > from).map((e) => e.id));

    // A late watcher gets the whole curve at once in its snapshot.
    const late = await readSse(await call(`/v1/jobs/${job.id}/events`, { headers: bearer(tenant.apiKey) }));
    expect(late).toHaveLength(1);
    expect(late[0].data.history.length).toBeGreaterThan(2);
    expect(late[0].data.latest.state).toBe("succeeded");
  });

  it("checks the caller: 401 anonymous, 404 for another tenant's job, 426 without an upgrade", async () => {
    const owner = await enterpriseTenant();
    const other = await createTenant();
    const job = await createJob(env, { tenantId: owner.tenantId }, { problem: rastrigin(3), budget: { evaluations: 300 } });
    expect((await call(`/v1/jobs/${job.id}/events`)).status).toBe(401);
    const foreign = await call(`/v1/jobs/${job.id}/events`, { headers: bearer(other.apiKey) });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get("content-type")).toContain("application/problem+json");
    expect((await call(`/v1/jobs/${job.id}/ws`, { headers: { Upgrade: "websocket", ...bearer(other.apiKey) } })).status).toBe(404);
    expect((await call(`/v1/jobs/${job.id}/ws`, { headers: bearer(owner.apiKey) })).status).toBe(426);
    expect((await call(`/v1/jobs/${job.id}/events`, { headers: { ...bearer(owner.apiKey), "Last-Event-ID": "abc" } })).status).toBe(422);
    await waitForEnd(owner.tenantId, job.id);
  });

  it("keeps the history bounded while covering the whole run", () => {
    const h = { every: 1, seen: 0, points: [] as HistoryPoint[] };
    for (let i = 1; i <= 100_000; i++) addHistoryPoint(h, [i, 1 / i, 2 / i, i]);
    expect(h.points.length).toBeLessThanOrEqual(HISTORY_MAX_POINTS);
    expect(h.points.length).toBeGreaterThan(HISTORY_MAX_POINTS / 4);
    expect(h.points[0][0]).toBeLessThan(1_000);
    expect(h.points[h.points.length - 1][0]).toBeGreaterThan(99_000);
    for (let i = 1; i < h.points.length; i++) expect(h.points[i][0]).toBeGreaterThan(h.points[i - 1][0]);
  });
});
