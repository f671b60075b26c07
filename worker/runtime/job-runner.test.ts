/**
 * The JobRunner in DO mode, inside workerd against real D1, R2 and Durable Objects: a job run to
 * the end through the service layer, crash safety (an alarm that throws after the step, and all
 * objects aborted mid-run), pause/resume/cancel, expiry, fork, and input validation.
 */
import { abortAllDurableObjects } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { ParameterError, ProblemError } from "@core/engine/errors";
import { ApiError } from "../http/problem";
import { cancelJob, createJob, getJob, getJobResult, pauseJob, resumeJob } from "../jobs";
import { jobRunner } from "../jobs/job-queries";
import { HISTORY_MAX_POINTS } from "./progress-feed";
import { paidTenant, resultOf, sphere, rastrigin, straightRun, waitFor, waitForEnd } from "./test-helpers";

describe("a job in DO mode", () => {
  it("runs in chunks to succeeded with exactly the uninterrupted result, and records everything", async () => {
    const tenantId = await paidTenant();
    const created = await createJob(
      env,
      { tenantId, userId: "user_1" },
      {
        problem: rastrigin(6),
        algorithm: "de",
        seed: 42,
        budget: { evaluations: 30_000 },
        options: { chunkTargetMs: 15 },
      },
    );
    expect(created.state).toMatch(/queued|running/);
    const receipt = created.receipt as Record<string, unknown>;
    expect(receipt).toMatchObject({ seed: 42, kind: "continuous", algorithm: "de", replayable: true, islands: 1 });
    expect(receipt.inputHash).toMatch(/^[0-9a-f]{64}$/);

    const row = await waitForEnd(tenantId, created.id);
    expect(row.state).toBe("succeeded");
    expect(row.evaluations).toBe(30_000);
    expect(row.progress).toBe(1);
    expect(row.resultKey).toBe(`t/${tenantId}/jobs/${created.id}/result.json`);
    // Enterprise retention (365 days) starts at the finish.
    expect(row.expiresAt!.getTime() - row.finishedAt!.getTime()).toBe(365 * 86_400_000);

    const reference = straightRun(rastrigin(6), "de", created.parameters, 42, 30_000);
    const result = await resultOf(tenantId, created.id);
    expect(result.state).toBe("succeeded");
    expect(result.best!.value).toBe(reference.best.value);
    expect(result.best!.solution).toEqual(reference.best.solution);
    expect(row.best).toBe(reference.best.value);
    expect(result.figures.evaluations).toBe(30_000);
    expect(result.history.points.length).toBeGreaterThan(1);
    expect(result.history.points.length).toBeLessThanOrEqual(HISTORY_MAX_POINTS);

    // Many chunks ran (the budget adapted), and the runner kept timing figures for the benchmark.
    const timing = await jobRunner(env, created.id).timing();
    expect(timing!.chunks).toBeGreaterThan(3);

    const usage = await env.DB.prepare("SELECT jobs, compute_ms FROM usage WHERE tenant_id = ?").bind(tenantId).first<{ jobs: number; compute_ms: number }>();
    expect(usage!.jobs).toBe(1);
    // The slot was given back: the tenant's gate holds no lease for this job.
    const gate = env.TENANT_GATE.get(env.TENANT_GATE.idFromName(`tenant:${tenantId}`));
    expect(await gate.release(created.id)).toEqual({ released: false });
  });

  it("survives alarms that throw after the step and before the save, with the identical result", async () => {
    const tenantId = await paidTenant();
    const warnings = vi.spyOn(console, "warn");
    const created = await createJob(
      env,
      { tenantId, requestId: "req_fault_test_0001" },
      {
        problem: sphere(5),
        algorithm: "ga",
        seed: 7,
        budget: { evaluations: 8_000 },
        options: { chunkTargetMs: 10 },
        testFaults: { throwAfterStep: 2 },
      },
    );
    const row = await waitForEnd(tenantId, created.id, 50_000);
    expect(row.state).toBe("succeeded");
    expect(row.evaluations).toBe(8_000);
    const reference = straightRun(sphere(5), "ga", created.parameters, 7, 8_000);
    const result = await resultOf(tenantId, created.id);
    expect(result.best!.value).toBe(reference.best.value);
    expect(result.best!.solution).toEqual(reference.best.solution);
    // Both failures were logged as JSON lines naming the creating request, the tenant and the job.
    const lines = warnings.mock.calls
      .flatMap(([line]) => (typeof line === "string" && line.startsWith("{") ? [JSON.parse(line)] : []))
      .filter((l) => l.msg === "chunk failed" && l.jobId === created.id);
    warnings.mockRestore();
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatchObject({ level: "warn", component: "job-runner", requestId: "req_fault_test_0001", tenantId, jobId: created.id });
  });

  it("resumes from the last checkpoint after every object is aborted mid-run", async () => {
    const tenantId = await paidTenant();
    const created = await createJob(
      env,
      { tenantId },
      {
        problem: rastrigin(8),
        algorithm: "pso",
        seed: 99,
        budget: { evaluations: 60_000 },
        options: { chunkTargetMs: 10 },
      },
    );
    await waitFor("some progress", async () => ((await jobRunner(env, created.id).status())!.evaluations > 2_000 ? true : null));
    await abortAllDurableObjects();
    const row = await waitForEnd(tenantId, created.id);
    expect(row.state).toBe("succeeded");
    expect(row.evaluations).toBe(60_000);
    const reference = straightRun(rastrigin(8), "pso", created.parameters, 99, 60_000);
    expect((await resultOf(tenantId, created.id)).best!.value).toBe(reference.best.value);
  });
});

const TINY_CTT = [
  "Name: Tiny",
  "Courses: 3",
  "Rooms: 2",
  "Days: 2",
  "Periods_per_day: 2",
  "Curricula: 1",
  "Constraints: 1",
  "",
  "COURSES:",
  "c1 t1 2 1 20",
  "c2 t2 2 1 20",
  "c3 t1 1 1 10",
  "",
  "ROOMS:",
  "r1 30",
  "r2 15",
  "",
  "CURRICULA:",
  "q1 2 c1 c2",
  "",
  "UNAVAILABILITY_CONSTRAINTS:",
  "c3 0 0",
  "",
  "END.",
  "",
].join("\n");

describe("every kind in core's registry", () => {
  it("runs TSP and timetabling jobs to the exact uninterrupted result (timetabling reports hard/soft)", async () => {
    const tenantId = await paidTenant();
    const tsp = { kind: "tsp", coordinates: Array.from({ length: 25 }, (_, i) => [Math.cos(i) * 100 + i, Math.sin(i * 1.7) * 80]) };
    const tt = { kind: "timetabling", format: "ctt", text: TINY_CTT };
    for (const doc of [tsp, tt]) {
      const created = await createJob(env, { tenantId }, { problem: doc, seed: 3, budget: { evaluations: 2_000 }, options: { chunkTargetMs: 5 } });
      const row = await waitForEnd(tenantId, created.id);
      expect(row.state, doc.kind).toBe("succeeded");
      expect(row.evaluations).toBe(2_000);
      const reference = straightRun(doc, created.algorithm, created.parameters, 3, 2_000);
      const result = await resultOf(tenantId, created.id);
      expect(result.best!.value).toBe(reference.best.value);
      // Stored as plain arrays (worker/jobs/vocabulary.ts SolutionDocument): a timetable's period and room per lecture.
      const ref = reference.best.solution as number[] | { period: Int16Array; room: Int16Array };
      expect(result.best!.solution).toEqual(Array.isArray(ref) ? ref : { period: Array.from(ref.period), room: Array.from(ref.room) });
      if (doc.kind === "timetabling") {
        expect(row.hard).toBe(reference.progress.hard);
        expect(row.soft).toBe(reference.progress.soft);
        expect(result.figures).toMatchObject({ hard: reference.progress.hard, soft: reference.progress.soft });
      }
    }
  });
});

describe("large checkpoints", () => {
  it("go to R2 under the tenant's prefix with a pointer, in DO mode and in island mode", async () => {
    const tenantId = await paidTenant();
    // GA, 300 × 1000 coordinates: a ~2.4 MB checkpoint, above the 1.5 MB inline limit.
    const big = { kind: "continuous", function: "rastrigin", dimension: 1000 };
    const local = await createJob(env, { tenantId }, { problem: big, algorithm: "ga", parameters: { popSize: 300 }, seed: 11, budget: { evaluations: 2_400 }, options: { chunkTargetMs: 20 } });
    const islands = await createJob(
      env,
      { tenantId },
      {
        problem: big,
        algorithm: "ga",
        parameters: { popSize: 300 },
        seed: 11,
        islands: 2,
        budget: { evaluations: 2_400 },
        options: { islandChunkEvaluations: 600 },
      },
    );
    for (const job of [local, islands]) {
      const row = await waitForEnd(tenantId, job.id, 90_000);
      expect(row.state).toBe("succeeded");
      expect(row.evaluations).toBe(2_400);
      const stored = await env.BLOBS.list({ prefix: `t/${tenantId}/jobs/${job.id}/islands/` });
      expect(stored.objects.length).toBeGreaterThanOrEqual(1);
      for (const o of stored.objects) expect(o.size).toBeGreaterThan(1_500_000);
    }
    // DO mode replaces its R2 checkpoint as it goes: only the latest remains.
    expect((await env.BLOBS.list({ prefix: `t/${tenantId}/jobs/${local.id}/islands/` })).objects).toHaveLength(1);
    const reference = straightRun(big, "ga", local.parameters, 11, 2_400);
    expect((await resultOf(tenantId, local.id)).best!.value).toBe(reference.best.value);
  });
});

describe("controls", () => {
  it("pauses, resumes and cancels; the best-so-far result stays downloadable", async () => {
    const tenantId = await paidTenant();
    const created = await createJob(env, { tenantId }, { problem: rastrigin(10), budget: { evaluations: 50_000_000 }, options: { chunkTargetMs: 10 } });
    await waitFor("running with progress", async () => ((await jobRunner(env, created.id).status())!.evaluations > 500 ? true : null));

    const paused = await pauseJob(env, tenantId, created.id);
    expect(paused.state).toBe("paused");
    const at = (await jobRunner(env, created.id).status())!.evaluations;
    await new Promise((r) => setTimeout(r, 300));
    expect((await jobRunner(env, created.id).status())!.evaluations).toBe(at);
    await expect(pauseJob(env, tenantId, created.id)).rejects.toMatchObject({ status: 409 });
    await expect(getJobResult(env, tenantId, created.id)).rejects.toMatchObject({ status: 409 });

    expect((await resumeJob(env, tenantId, created.id)).state).toBe("running");
    await waitFor("progress after resume", async () => ((await jobRunner(env, created.id).status())!.evaluations > at ? true : null));

    const cancelled = await cancelJob(env, tenantId, created.id);
    expect(cancelled.state).toBe("cancelled");
    const row = await waitForEnd(tenantId, created.id);
    expect(row.state).toBe("cancelled");
    const result = await getJobResult(env, tenantId, created.id);
    expect(result.state).toBe("cancelled");
    expect(Number.isFinite(result.best!.value)).toBe(true);
    expect(result.best!.solution).toHaveLength(10);
    await expect(resumeJob(env, tenantId, created.id)).rejects.toMatchObject({ status: 409 });
  });

  it("expires at the compute limit with the best so far kept", async () => {
    const tenantId = await paidTenant();
    const created = await createJob(
      env,
      { tenantId },
      {
        problem: rastrigin(10),
        budget: { evaluations: 50_000_000 },
        options: { chunkTargetMs: 20, computeLimitMs: 150 },
      },
    );
    const row = await waitForEnd(tenantId, created.id);
    expect(row.state).toBe("expired");
    expect(row.computeMs).toBeGreaterThanOrEqual(150);
    const result = await getJobResult(env, tenantId, created.id);
    expect(result.reason).toContain("compute limit");
    expect(Number.isFinite(result.best!.value)).toBe(true);
  });

  it("another tenant's job is a 404 for every service function", async () => {
    const owner = await paidTenant();
    const other = await paidTenant();
    const created = await createJob(env, { tenantId: owner }, { problem: sphere(3), budget: { evaluations: 500 } });
    for (const fn of [getJob, pauseJob, resumeJob, cancelJob, getJobResult]) {
      await expect(fn(env, other, created.id)).rejects.toMatchObject({ status: 404 });
    }
    await waitForEnd(owner, created.id);
  });
});

describe("fork", () => {
  it("continues from the parent's checkpoint with a changed rate and more evaluations", async () => {
    const tenantId = await paidTenant();
    const parent = await createJob(env, { tenantId }, { problem: sphere(6), algorithm: "ga", seed: 5, budget: { evaluations: 4_000 }, options: { chunkTargetMs: 10 } });
    const parentRow = await waitForEnd(tenantId, parent.id);
    const child = await createJob(
      env,
      { tenantId },
      {
        startFrom: { jobId: parent.id },
        parameters: { ...parent.parameters, mutationEta: 40 },
        budget: { evaluations: 3_000 },
        options: { chunkTargetMs: 10 },
      },
    );
    expect(child.parentJobId).toBe(parent.id);
    const childRow = await waitForEnd(tenantId, child.id);
    expect(childRow.state).toBe("succeeded");
    expect(childRow.evaluations).toBeGreaterThanOrEqual(parentRow.evaluations + 3_000);
    // Elitism: the child starts from the parent's population, so it is never worse.
    expect(childRow.best!).toBeLessThanOrEqual(parentRow.best!);

    const refused = await createJob(env, { tenantId }, { startFrom: { jobId: parent.id }, parameters: { popSize: 50 }, budget: { evaluations: 1_000 } }).catch((e) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused.status).toBe(422);
    expect(refused.extra.errors.map((e: { path: string }) => e.path)).toContain("parameters.popSize");
  });
});

describe("validation", () => {
  it("reports bad input with field paths", async () => {
    const tenantId = await paidTenant();
    const budget = await createJob(env, { tenantId }, { problem: sphere(3), budget: { evaluations: 10, seconds: 3 } }).catch((e) => e);
    expect(budget).toBeInstanceOf(ApiError);
    expect(budget.extra.errors[0].path).toBe("budget");

    const problem = await createJob(env, { tenantId }, { problem: { kind: "continuous", function: "nope", dimension: 0 }, budget: { evaluations: 10 } }).catch((e) => e);
    expect(problem).toBeInstanceOf(ProblemError);
    expect(problem.issues.map((i: { path: string[] }) => i.path.join("."))).toEqual(expect.arrayContaining(["problem.function", "problem.dimension"]));

    const params = await createJob(env, { tenantId }, { problem: sphere(3), algorithm: "ga", parameters: { popSize: -1 }, budget: { evaluations: 10 } }).catch((e) => e);
    expect(params).toBeInstanceOf(ParameterError);
    expect(params.issues[0].path).toEqual(["parameters", "popSize"]);

    const kind = await createJob(env, { tenantId }, { problem: { kind: "knapsack" }, budget: { evaluations: 10 } }).catch((e) => e);
    expect(kind).toBeInstanceOf(ProblemError);
  });
});
