// The retention sweep deletes a job's Durable Object storage too, not only its D1 row and R2 objects.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createJob } from "../jobs/create-job";
import { jobRunner } from "../jobs/job-queries";
import { paidTenant, sphere, waitForEnd } from "../runtime/test-helpers";
import { sweepExpiredJobs } from "./retention";

describe("retention sweep", () => {
  it("destroys the expired job's JobRunner storage (checkpoint gone), and only that job's", async () => {
    const tenantId = await paidTenant("pro");
    const [expired, kept] = [
      await createJob(env, { tenantId }, { problem: sphere(3), algorithm: "de", seed: 1, budget: { evaluations: 300 } }),
      await createJob(env, { tenantId }, { problem: sphere(3), algorithm: "de", seed: 2, budget: { evaluations: 300 } }),
    ];
    for (const j of [expired, kept]) expect((await waitForEnd(tenantId, j.id, 60_000)).state).toBe("succeeded");
    expect(await jobRunner(env, expired.id).exportCheckpoint(tenantId)).not.toBeNull();
    await env.DB.prepare("UPDATE job SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1000, expired.id)
      .run();
    await env.DB.prepare("UPDATE job SET expires_at = ? WHERE id = ?")
      .bind(Date.now() + 86_400_000, kept.id)
      .run();
    const swept = await sweepExpiredJobs(env);
    expect(swept.jobs).toBe(1);
    expect(await jobRunner(env, expired.id).exportCheckpoint(tenantId)).toBeNull();
    expect(await jobRunner(env, kept.id).exportCheckpoint(tenantId)).not.toBeNull();
  });
});
