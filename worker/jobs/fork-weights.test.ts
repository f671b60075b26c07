/// <reference types="vite/client" />
/**
 * POST /v1/jobs/:id/fork with `weights` (timetabling), inside workerd: the child continues from
 * the parent's checkpoint with its timetables re-scored under the new soft-constraint weights, its
 * stored input carries them, its replay reproduces it, and bad weights are refused with paths.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import comp01 from "../../web/app/demo/comp01.ctt?raw";
import { bearer, call, json, createTenant, type TestTenant } from "../test/fixtures";

const TERMINAL = ["succeeded", "failed", "cancelled", "expired"];

async function waitFor(jobId: string, timeoutMs = 60_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const row = await env.DB.prepare("select state from job where id = ?").bind(jobId).first<{ state: string }>();
    if (row && TERMINAL.includes(row.state)) return row.state;
    if (Date.now() > end) throw new Error(`job ${jobId} still ${row?.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const get = async (t: TestTenant, path: string) => (await call(path, { headers: bearer(t.apiKey) })).json() as Promise<any>;
const post = (t: TestTenant, path: string, body: unknown) => call(path, json(body, bearer(t.apiKey)));

async function refused(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return (await res.json()) as any;
}

let t: TestTenant;
let parent: any;
let parentExplanation: any;
beforeAll(async () => {
  t = await createTenant();
  const res = await post(t, "/v1/jobs", { problem: { kind: "timetabling", format: "ctt", text: comp01 }, seed: 2, budget: { evaluations: 120_000 } });
  parent = (await res.json()) as any;
  expect(res.status, JSON.stringify(parent)).toBe(202);
  expect(await waitFor(parent.id)).toBe("succeeded");
  parentExplanation = await get(t, `/v1/jobs/${parent.id}/explanation`);
}, 90_000);

const cost = (x: any, c: string) => x.constraints.find((k: any) => k.constraint === c)?.total ?? 0;
const units = (x: any, c: string) => (x.constraints.find((k: any) => k.constraint === c)?.items ?? []).reduce((n: number, i: any) => n + i.units, 0);

describe("fork with new soft-constraint weights", () => {
  it("re-scores the parent's timetables: the child's best is the evaluator's cost under the new weights", async () => {
    // Room stability violations exist in the parent (comp01 after a short run): weigh them 40×.
    expect(cost(parentExplanation, "roomStability")).toBeGreaterThan(0);
    const weights = { roomStability: 40, curriculumCompactness: 0 };
    const res = await post(t, `/v1/jobs/${parent.id}/fork`, { weights, budget: { evaluations: 1 } });
    const child = (await res.json()) as any;
    expect(res.status, JSON.stringify(child)).toBe(202);
    expect(await waitFor(child.id)).toBe("succeeded");

    const result = await get(t, `/v1/jobs/${child.id}/result`);
    const explanation = await get(t, `/v1/jobs/${child.id}/explanation`);
    expect(explanation.hard).toBe(0);
    // The solver's stored best was re-scored: it equals what the evaluator says under the new weights.
    expect(result.best.soft).toBe(explanation.soft);
    expect(result.best.value).toBe(explanation.soft);
    expect(cost(explanation, "curriculumCompactness")).toBe(0);
    const stability = explanation.constraints.find((k: any) => k.constraint === "roomStability");
    if (stability) {
      expect(stability.weight).toBe(40);
      expect(stability.total).toBe(40 * stability.items.reduce((n: number, i: any) => n + i.units, 0));
    }
    // The parent is untouched: its explanation still uses the competition's weights.
    expect(await get(t, `/v1/jobs/${parent.id}/explanation`)).toEqual(parentExplanation);
  });

  it("a longer weights fork trades the cheapened constraint for the dear one, and replays exactly", async () => {
    const res = await post(t, `/v1/jobs/${parent.id}/fork`, { weights: { roomStability: 40 }, seed: 9, budget: { evaluations: 60_000 } });
    const child = (await res.json()) as any;
    expect(res.status, JSON.stringify(child)).toBe(202);
    expect(await waitFor(child.id)).toBe("succeeded");
    const explanation = await get(t, `/v1/jobs/${child.id}/explanation`);
    expect(explanation.hard).toBe(0);
    expect(units(explanation, "roomStability")).toBeLessThanOrEqual(units(parentExplanation, "roomStability"));

    const replayRes = await call(`/v1/jobs/${child.id}/replay`, { method: "POST", headers: bearer(t.apiKey) });
    const replay = (await replayRes.json()) as any;
    expect(replayRes.status, JSON.stringify(replay)).toBe(202);
    expect(replay.receipt.inputHash).toBe(child.receipt.inputHash);
    expect(await waitFor(replay.id)).toBe("succeeded");
    const [a, b] = await Promise.all([get(t, `/v1/jobs/${child.id}/result`), get(t, `/v1/jobs/${replay.id}/result`)]);
    expect(b.best.value).toBe(a.best.value);
    expect(b.best.solution).toEqual(a.best.solution);
  });

  it("refuses weights that name no constraint, are negative, or are given to a non-timetabling job", async () => {
    let body = await refused(await post(t, `/v1/jobs/${parent.id}/fork`, { weights: { compactness: 1 } }), 422);
    expect(body.errors[0].path).toMatch(/^weights/);
    body = await refused(await post(t, `/v1/jobs/${parent.id}/fork`, { weights: { roomStability: -1 } }), 422);
    expect(body.errors[0].path).toBe("weights.roomStability");
    const sphere = (await (await post(t, "/v1/jobs", { problem: { kind: "continuous", function: "sphere", dimension: 3 }, budget: { evaluations: 500 } })).json()) as any;
    expect(await waitFor(sphere.id)).toBe("succeeded");
    body = await refused(await post(t, `/v1/jobs/${sphere.id}/fork`, { weights: { roomStability: 2 } }), 422);
    expect(body.errors[0].path).toBe("weights");
  });
});
