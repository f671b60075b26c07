/**
 * The job page's result of a FET school is built once and kept in R2 under the job's prefix
 * (web/app/server/results.server.ts `resultViewOfJob`): the next page reads it back, its bytes
 * count in the tenant's storage, deleting the job deletes it, and other kinds keep no copy.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { TINY_SCHOOL_FET } from "@core/school/test/tiny-school";
import { readJobInput, resultViewOfJob, SCHOOL_RESULT_VERSION } from "../../web/app/server/results.server";
import { waitFor } from "../runtime/test-helpers";
import { jobKeys, jobPrefix } from "../storage/blobs";
import { bearer, call, createTenant, json, type TestTenant } from "../test/fixtures";
import { getJob, getJobResult, isTerminal } from "./index";

async function finishedJob(t: TestTenant, problem: Record<string, unknown>, evaluations: number): Promise<string> {
  const res = await call("/v1/jobs", json({ problem, seed: 3, budget: { evaluations } }, bearer(t.apiKey)));
  const job = (await res.json()) as { id: string };
  expect(res.status, JSON.stringify(job)).toBe(202);
  await waitFor(`job ${job.id}`, async () => isTerminal((await getJob(env, t.tenantId, job.id)).state));
  return job.id;
}

async function storageBytes(tenantId: string): Promise<number> {
  const row = await env.DB.prepare("select coalesce(sum(storage_bytes), 0) as n from usage where tenant_id = ?").bind(tenantId).first<{ n: number }>();
  return row?.n ?? 0;
}

describe("resultViewOfJob", () => {
  it("builds a school's result on the first page, keeps it in R2, and reads it back on the next", async () => {
    const t = await createTenant();
    const id = await finishedJob(t, { kind: "timetabling", format: "fet", text: TINY_SCHOOL_FET }, 20_000);
    const key = jobKeys.view(t.tenantId, id, `school-result-v${SCHOOL_RESULT_VERSION}.json`);
    const input = await readJobInput(env, t.tenantId, id);
    const result = await getJobResult(env, t.tenantId, id);
    expect(await env.BLOBS.head(key)).toBeNull();
    const before = await storageBytes(t.tenantId);

    const first = await resultViewOfJob(env, t.tenantId, id, input, result);
    expect(first.type).toBe("school");
    const kept = await env.BLOBS.get(key);
    expect(kept).not.toBeNull();
    const size = kept!.size;
    expect(await kept!.json()).toEqual(JSON.parse(JSON.stringify(first)));
    expect(await storageBytes(t.tenantId)).toBe(before + size);

    // The next page takes the kept copy as it is (a marked copy comes back marked), without building.
    await env.BLOBS.put(key, JSON.stringify({ ...first, institution: "The kept copy" }));
    const second = await resultViewOfJob(env, t.tenantId, id, input, result);
    expect(second.type === "school" && second.institution).toBe("The kept copy");

    // Deleting the job deletes the kept copy with everything else of the job.
    expect((await call(`/v1/jobs/${id}`, { method: "DELETE", headers: bearer(t.apiKey) })).status).toBe(204);
    expect((await env.BLOBS.list({ prefix: jobPrefix(t.tenantId, id) })).objects).toHaveLength(0);
  });

  it("keeps nothing for other kinds", async () => {
    const t = await createTenant();
    const id = await finishedJob(
      t,
      {
        kind: "tsp",
        coordinates: [
          [0, 0],
          [3, 0],
          [3, 4],
          [0, 4],
          [1, 2],
        ],
      },
      500,
    );
    const view = await resultViewOfJob(env, t.tenantId, id, await readJobInput(env, t.tenantId, id), await getJobResult(env, t.tenantId, id));
    expect(view.type).toBe("tsp");
    expect((await env.BLOBS.list({ prefix: `${jobPrefix(t.tenantId, id)}views/` })).objects).toHaveLength(0);
  });
});
