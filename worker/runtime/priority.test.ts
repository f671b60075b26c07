// The plan's `priority` is read: an enterprise (high) job gets twice the chunk CPU target of a pro
// (normal) job; an explicit chunkTargetMs still wins.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createJob } from "../jobs/create-job";
import { jobRunner } from "../jobs/job-queries";
import { RUNTIME_DEFAULTS, type JobSpec } from "./spec";
import { paidTenant, sphere } from "./test-helpers";

async function specOf(jobId: string): Promise<JobSpec> {
  return runInDurableObject(jobRunner(env, jobId), async (instance) => (instance as unknown as { run: { store: { spec(): JobSpec } } }).run.store.spec());
}

describe("priority", () => {
  it("high-priority jobs run chunks of twice the CPU target; normal ones the base", async () => {
    const base = Number(env.JOB_CHUNK_TARGET_MS) || RUNTIME_DEFAULTS.chunkTargetMs;
    const enterprise = await paidTenant("enterprise");
    const pro = await paidTenant("pro");
    const high = await createJob(env, { tenantId: enterprise }, { problem: sphere(3), seed: 1, budget: { evaluations: 200 } });
    const normal = await createJob(env, { tenantId: pro }, { problem: sphere(3), seed: 1, budget: { evaluations: 200 } });
    const explicit = await createJob(env, { tenantId: enterprise }, { problem: sphere(3), seed: 1, budget: { evaluations: 200 }, options: { chunkTargetMs: 50 } });
    expect((await specOf(high.id)).chunkTargetMs).toBe(2 * base);
    expect((await specOf(normal.id)).chunkTargetMs).toBe(base);
    expect((await specOf(explicit.id)).chunkTargetMs).toBe(50);
  });
});
