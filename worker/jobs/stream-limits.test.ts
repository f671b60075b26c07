// Concurrent live streams per job are capped (429 problem+json beyond), and a closed SSE stream
// gives its slot back (worker/jobs/stream-limits.ts).
import { describe, expect, it } from "vitest";
import { bearer, call, json, createTenant } from "../test/fixtures";
import { MAX_STREAMS_PER_JOB } from "./stream-limits";

describe("live stream caps", () => {
  it(`the ${MAX_STREAMS_PER_JOB + 1}th concurrent SSE stream of one job is a 429; closing one frees its slot`, async () => {
    const t = await createTenant();
    const created = await call("/v1/jobs", json({ problem: { kind: "continuous", function: "sphere", dimension: 5 }, budget: { seconds: 30 } }, bearer(t.apiKey)));
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    expect((await call(`/v1/jobs/${id}/pause`, { method: "POST", headers: bearer(t.apiKey) })).status).toBe(200);
    const open: Response[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_JOB; i++) {
      const res = await call(`/v1/jobs/${id}/events`, { headers: bearer(t.apiKey) });
      expect(res.status).toBe(200);
      open.push(res);
    }
    const refused = await call(`/v1/jobs/${id}/events`, { headers: bearer(t.apiKey) });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { limit: string }).limit).toBe("streamsPerJob");
    // A client goes away: its slot comes back.
    await open.pop()!.body!.cancel();
    let again: Response | undefined;
    for (let i = 0; i < 40 && again?.status !== 200; i++) {
      await again?.body?.cancel();
      await new Promise((r) => setTimeout(r, 50));
      again = await call(`/v1/jobs/${id}/events`, { headers: bearer(t.apiKey) });
    }
    expect(again!.status).toBe(200);
    for (const r of [...open, again!]) await r.body?.cancel();
    await call(`/v1/jobs/${id}/cancel`, { method: "POST", headers: bearer(t.apiKey) });
  });
});
