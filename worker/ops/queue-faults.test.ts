/**
 * Island jobs under load through the real Queues inside workerd: four jobs at once,
 * with duplicate deliveries of in-flight and already-accepted chunks, a consumer that throws
 * intermittently and loses a report, and one POISONED job whose island checkpoint is corrupted
 * (no delivery can ever process it). The runtime's own tests (worker/runtime/islands.test.ts)
 * cover each fault alone on an idle queue; this one mixes them on a shared, busy queue.
 *
 * Proves: no double-counted work (every succeeded job's evaluations are exactly its budget, and
 * all of them end with the identical result of the same seed), one usage record per job, the
 * poison ends in the dead-letter queue, is recorded for the operator console (dead_letter table,
 * GET /api/ops/dead-letters) with a readable reason, and fails only its own job.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createJob, pauseJob, resumeJob, type CreateJobInput } from "../jobs";
import { jobRunner } from "../jobs/job-queries";
import { paidTenant, resultOf, sphere, waitFor, waitForEnd } from "../runtime/test-helpers";
import { call } from "../test/fixtures";

/**
 * Deadline of the job whose report is dropped: short, so the re-send comes soon, yet long enough
 * that a healthy chunk on a slow, busy 2-core machine reports in time (1.5 s was not: a healthy
 * island's chunk was sent 4 times and its job failed).
 */
const LOST_REPORT_DEADLINE_MS = 5_000;

const ISLANDS = 3;
const TOTAL = 7_200;

function islandJob(extra: Partial<CreateJobInput> = {}, options: NonNullable<CreateJobInput["options"]> = {}): CreateJobInput {
  return {
    problem: sphere(4),
    algorithm: "ga",
    parameters: { popSize: 16 },
    seed: 4242,
    islands: ISLANDS,
    budget: { evaluations: TOTAL },
    options: { islandChunkEvaluations: 400, migrateEvery: 2, migrants: 2, islandDeadlineMs: 20_000, ...options },
    ...extra,
  };
}

/** Sends every chunk it sees in flight a second time, and re-sends the last accepted one (stale). */
async function duplicateDeliveries(tenantId: string, jobIds: string[], stop: () => boolean): Promise<number> {
  const sent = new Set<string>();
  while (!stop()) {
    for (const jobId of jobIds) {
      const view = await jobRunner(env, jobId).status();
      if (!view) continue;
      for (const isl of view.islands) {
        for (const seq of isl.inFlight ? [isl.seq + 1, isl.seq] : [isl.seq]) {
          const key = `${jobId}:${isl.island}:${seq}`;
          if (seq < 1 || sent.has(key)) continue;
          sent.add(key);
          await env.JOBS_QUEUE.send({ type: "island-chunk", jobId, tenantId, island: isl.island, seq });
        }
      }
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return sent.size;
}

describe("island jobs on a busy queue with duplicates, a flaky consumer and a poison message", () => {
  it("count every evaluation once, dead-letter the poison, record it for operators and fail only its job", async () => {
    const tenantId = await paidTenant();
    const steady = await createJob(env, { tenantId }, islandJob());
    const flaky = await createJob(env, { tenantId }, islandJob({ testFaults: { consumerThrows: { island: 0, seq: 2, times: 2 } } }));
    const lossy = await createJob(
      env,
      { tenantId },
      islandJob({ testFaults: { consumerThrows: { island: 2, seq: 1, times: 1 }, dropReport: { island: 1, seq: 3 } } }, { islandDeadlineMs: LOST_REPORT_DEADLINE_MS }),
    );
    // The poison: no migration (so only the queue consumer ever reads the corrupted island).
    const poison = await createJob(env, { tenantId }, islandJob({}, { migrateEvery: 1000 }));

    // Corrupt island 1's stored checkpoint while the job is paused, then let it go on.
    await pauseJob(env, tenantId, poison.id);
    await waitFor("poison's in-flight chunks to report", async () => {
      const v = (await jobRunner(env, poison.id).status())!;
      return v.islands.every((i) => !i.inFlight) ? v : null;
    });
    await runInDurableObject(jobRunner(env, poison.id), async (_instance, state) => {
      state.storage.sql.exec("UPDATE island SET bytes = ?, r2_key = NULL WHERE island = 1", new TextEncoder().encode("not a checkpoint").buffer);
    });
    await resumeJob(env, tenantId, poison.id);

    const healthy = [steady, flaky, lossy];
    let finished = false;
    const duplicating = duplicateDeliveries(
      tenantId,
      [...healthy, poison].map((j) => j.id),
      () => finished,
    );
    const rows = await Promise.all([...healthy, poison].map((j) => waitForEnd(tenantId, j.id, 120_000))).finally(() => {
      finished = true;
    });
    const duplicatesSent = await duplicating;
    expect(duplicatesSent).toBeGreaterThan(0);

    // No double-counted work: exactly the budget, split exactly over the islands, same result.
    const reference = await resultOf(tenantId, steady.id);
    for (const [i, job] of healthy.entries()) {
      expect(rows[i].state, `${job.id}: ${rows[i].error}`).toBe("succeeded");
      expect(rows[i].evaluations).toBe(TOTAL);
      const result = await resultOf(tenantId, job.id);
      expect(result.islands.reduce((s, isl) => s + isl.evaluations, 0)).toBe(TOTAL);
      expect(result.best!.value).toBe(reference.best!.value);
      expect(result.best!.solution).toEqual(reference.best!.solution);
    }

    // The poison failed its own job with a reason a person can read.
    const poisoned = rows[3];
    expect(poisoned.state).toBe("failed");
    expect(poisoned.error).toMatch(/^island 1 chunk \d+ failed on every delivery attempt and was moved to the dead-letter queue: \S/);
    expect((await resultOf(tenantId, poison.id)).state).toBe("failed");

    // ... and it is on the operator console, with the same reason.
    const dead = await waitFor("the dead letter to be recorded", async () => {
      const r = await env.DB.prepare("SELECT * FROM dead_letter WHERE job_id = ? AND reason = ?").bind(poison.id, poisoned.error).all<Record<string, unknown>>();
      return r.results.length ? r.results : null;
    });
    expect(dead[0]).toMatchObject({ tenant_id: tenantId, message_type: "island-chunk", queue: "evolve-jobs", status: "open" });
    expect(dead[0].attempts).toBeGreaterThanOrEqual(1);
    const listed = await call("/api/ops/dead-letters?status=open", { headers: { authorization: `Bearer ${env.OPS_TOKEN}` } });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(await listed.json())).toContain(poison.id);
    // Only the poison's chunks were dead-lettered; the flaky consumer's retries all recovered.
    const others = await env.DB.prepare(`SELECT count(*) AS n FROM dead_letter WHERE job_id IN (?, ?, ?)`).bind(steady.id, flaky.id, lossy.id).first<{ n: number }>();
    expect(others!.n).toBe(0);

    // One usage record per job (a redelivery never finishes a job twice); all slots given back.
    const usage = await env.DB.prepare("SELECT sum(jobs) AS jobs FROM usage WHERE tenant_id = ?").bind(tenantId).first<{ jobs: number }>();
    expect(usage!.jobs).toBe(4);
    const gate = await env.TENANT_GATE.get(env.TENANT_GATE.idFromName(`tenant:${tenantId}`)).status();
    expect(gate.leases).toEqual([]);
  });
});
