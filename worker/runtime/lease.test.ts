// A job whose slot lease lapsed (renewal answers ok: false) stops: it must not keep computing
// outside the tenant's concurrency limit (worker/runtime/keep-alive.ts renewSlot).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createJob } from "../jobs/create-job";
import { jobRunner } from "../jobs/job-queries";
import { gateFor } from "../tenancy/admission";
import { paidTenant, rastrigin, waitForEnd } from "./test-helpers";

describe("lost slot lease", () => {
  it("a running job whose lease is gone ends expired at its next renewal, with the reason", async () => {
    const tenantId = await paidTenant("pro");
    const job = await createJob(env, { tenantId }, { problem: rastrigin(10), algorithm: "de", seed: 3, budget: { seconds: 20 }, options: { chunkTargetMs: 1500 } });
    // The lease lapses and the slot is given away before the runner renews it (first renewal: after the first chunk).
    await gateFor(env, tenantId).release(job.id);
    const row = await waitForEnd(tenantId, job.id, 40_000);
    expect(row.state).toBe("expired");
    const status = (await jobRunner(env, job.id).status()) as { reason?: string } | null;
    expect(status?.reason).toMatch(/concurrency slot lapsed/);
  });
});
