/**
 * Stop rules (worker/runtime/stop-rules.ts): each rule on its own, then jobs through the service
 * layer in workerd — the plan's default time budget, a known optimum ending the job early, a stall
 * ending a time-budgeted job, usage counting only the compute spent, and a replay of an early stop
 * running exactly the recorded evaluations to the identical result.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import berlin52 from "../../fixtures/tsplib/berlin52.tsp?raw";
import { createJob } from "../jobs";
import { replayJob } from "../jobs/fork";
import { resolveBudget } from "../jobs/create-job";
import { TIERS } from "../tenancy/tiers";
import { capChunk, knownTarget, markImprovement, replayDone, stalled, targetReached } from "./stop-rules";
import { paidTenant, resultOf, waitForEnd } from "./test-helpers";

describe("stop rules", () => {
  it("knownTarget: the job's own target first, then a TSP document's optimum, a timetable's 0, a built-in's optimum", () => {
    expect(knownTarget("tsp", { optimum: 7542 }, {}, 8000)).toBe(8000);
    expect(knownTarget("tsp", { optimum: 7542 }, {}, undefined)).toBe(7542);
    expect(knownTarget("tsp", {}, {}, undefined)).toBeNull();
    expect(knownTarget("timetabling", {}, {}, undefined)).toBe(0);
    expect(knownTarget("continuous", {}, { optimum: 0 }, undefined)).toBe(0);
    expect(knownTarget("continuous", {}, {}, undefined)).toBeNull();
    expect(knownTarget("permutation", {}, { optimum: 3 }, undefined)).toBeNull();
  });

  it("targetReached: at or past the target in the problem's direction, with a tiny relative tolerance", () => {
    expect(targetReached(7542, 7542)).toBe(true);
    expect(targetReached(7543, 7542)).toBe(false);
    expect(targetReached(1e-12, 0)).toBe(true);
    expect(targetReached(1e-6, 0)).toBe(false);
    expect(targetReached(10, 9, "maximize")).toBe(true);
    expect(targetReached(8, 9, "maximize")).toBe(false);
    expect(targetReached(null, 0)).toBe(false);
    expect(targetReached(5, null)).toBe(false);
  });

  it("markImprovement moves the mark only when the best improved", () => {
    const prev = { improvedAtMs: 100, improvedAtEvaluations: 1000 };
    expect(markImprovement(prev, false, { computeMs: 900, evaluations: 9000 })).toEqual(prev);
    expect(markImprovement(prev, true, { computeMs: 900, evaluations: 9000 })).toEqual({ improvedAtMs: 900, improvedAtEvaluations: 9000 });
  });

  it("stalled: no improvement for the share of a time budget (compute ms) or an evaluation budget (evaluations)", () => {
    const time = { stallShare: 0.25, maxComputeMs: 10_000, maxEvaluations: null };
    expect(stalled(time, { computeMs: 3_000, evaluations: 1, improvedAtMs: 1_000 })).toBeNull();
    expect(stalled(time, { computeMs: 3_600, evaluations: 1, improvedAtMs: 1_000 })).toBe("no improvement in the last 2.6 s of compute (25% of the budget)");
    const evals = { stallShare: 0.5, maxComputeMs: null, maxEvaluations: 1_000 };
    expect(stalled(evals, { computeMs: 0, evaluations: 900, improvedAtEvaluations: 500 })).toBeNull();
    expect(stalled(evals, { computeMs: 0, evaluations: 1_000, improvedAtEvaluations: 400 })).toBe("no improvement in the last 600 evaluations (50% of the budget)");
    expect(stalled({ ...time, stallShare: null }, { computeMs: 9_999, evaluations: 1, improvedAtMs: 0 })).toBeNull();
  });

  it("replayDone and capChunk keep a replay to the recorded evaluations", () => {
    expect(replayDone({ stopAtEvaluations: 500 }, 499)).toBe(false);
    expect(replayDone({ stopAtEvaluations: 500 }, 500)).toBe(true);
    expect(replayDone({ stopAtEvaluations: null }, 1e9)).toBe(false);
    expect(capChunk({ stopAtEvaluations: 500 }, 450, 1_000)).toBe(50);
    expect(capChunk({ stopAtEvaluations: null }, 450, 1_000)).toBe(1_000);
  });

  it("resolveBudget: no budget is the plan's default time budget; a given one stays", () => {
    expect(resolveBudget(undefined, TIERS.free.defaultJobSeconds)).toEqual({ seconds: 10 });
    expect(resolveBudget({ stall: 0.5 }, 30)).toEqual({ stall: 0.5, seconds: 30 });
    expect(resolveBudget({ evaluations: 7 }, 30)).toEqual({ evaluations: 7 });
    for (const t of Object.values(TIERS)) expect(t.defaultJobSeconds).toBeLessThanOrEqual(t.computeSecondsPerJob);
  });
});

describe("jobs that stop early", () => {
  it("berlin52 with its optimum and no budget: the plan's time budget, stopped at the optimum, usage = compute spent", async () => {
    const tenantId = await paidTenant("pro");
    const created = await createJob(env, { tenantId }, { problem: { kind: "tsp", format: "tsplib", text: berlin52, optimum: 7542 }, seed: 3 });
    expect(created.budget).toEqual({ seconds: TIERS.pro.defaultJobSeconds });
    const row = await waitForEnd(tenantId, created.id, 60_000);
    expect(row.state).toBe("succeeded");
    expect(row.best).toBe(7542);
    expect(row.computeMs).toBeLessThan(TIERS.pro.defaultJobSeconds * 1000);
    expect(row.receipt).toMatchObject({ stopReason: "target", evaluationsRun: row.evaluations, replayable: true });
    const result = await resultOf(tenantId, created.id);
    expect(result.stopReason).toBe("target");
    expect(result.reason).toContain("7542");
    const usage = await env.DB.prepare("SELECT jobs, compute_ms FROM usage WHERE tenant_id = ?").bind(tenantId).first<{ jobs: number; compute_ms: number }>();
    expect(usage).toEqual({ jobs: 1, compute_ms: row.computeMs });
  });

  it("a time-budgeted job on a flat line stops on the stall, and its replay runs exactly the recorded evaluations", async () => {
    const tenantId = await paidTenant();
    const problem = {
      kind: "tsp",
      coordinates: [
        [0, 0],
        [4, 0],
        [4, 3],
        [0, 3],
        [2, 5],
        [1, 1],
      ],
    };
    const created = await createJob(env, { tenantId }, { problem, seed: 11, budget: { seconds: 2 }, options: { chunkTargetMs: 20 } });
    const row = await waitForEnd(tenantId, created.id, 60_000);
    expect(row.state).toBe("succeeded");
    const receipt = row.receipt as { stopReason: string; evaluationsRun: number };
    expect(receipt.stopReason).toBe("stall");
    // 25% of 2 s without improvement: it ended well before the 2 s.
    expect(row.computeMs).toBeGreaterThanOrEqual(500);
    expect(row.computeMs).toBeLessThan(2_000);
    expect((await resultOf(tenantId, created.id)).reason).toMatch(/^converged: no improvement in the last \d+\.\d s of compute \(25% of the budget\)$/);

    const replay = await replayJob(env, { tenantId }, created.id);
    const again = await waitForEnd(tenantId, replay.id, 60_000);
    expect(again.state).toBe("succeeded");
    expect(again.evaluations).toBe(receipt.evaluationsRun);
    expect((again.receipt as { stopReason: string }).stopReason).toBe("replayed");
    const [a, b] = [await resultOf(tenantId, created.id), await resultOf(tenantId, replay.id)];
    expect(b.best!.value).toBe(a.best!.value);
    expect(b.best!.solution).toEqual(a.best!.solution);
  });
});
