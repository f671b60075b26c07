/**
 * Storage usage counts the R2 bytes a tenant's jobs store: the input at submission, the result at
 * finish, and each export when it is first generated (worker/jobs/create-job.ts, worker/runtime/finish.ts,
 * worker/jobs/exports.ts). The sum equals what R2 holds under the tenant's prefix.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createJob } from "../jobs";
import { jobExport } from "../jobs/exports";
import { paidTenant, waitForEnd } from "../runtime/test-helpers";

async function storedBytes(tenantId: string): Promise<number> {
  let total = 0;
  let cursor: string | undefined;
  do {
    const page = await env.BLOBS.list({ prefix: `t/${tenantId}/`, cursor });
    for (const o of page.objects) total += o.size;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return total;
}

const usageBytes = async (tenantId: string) => (await env.DB.prepare("SELECT coalesce(sum(storage_bytes), 0) AS b FROM usage WHERE tenant_id = ?").bind(tenantId).first<{ b: number }>())!.b;

describe("storage usage", () => {
  it("equals the bytes of the input, the result and the exports in R2", async () => {
    const tenantId = await paidTenant();
    const created = await createJob(env, { tenantId }, { problem: { kind: "continuous", function: "sphere", dimension: 3 }, budget: { evaluations: 2_000 }, seed: 5 });
    await waitForEnd(tenantId, created.id);
    const csv = await jobExport(env, tenantId, created.id, "csv");
    await new Response(csv.body).arrayBuffer();
    // Served from R2 the second time: counted once.
    await new Response((await jobExport(env, tenantId, created.id, "csv")).body).arrayBuffer();
    const inR2 = await storedBytes(tenantId);
    expect(inR2).toBeGreaterThan(0);
    expect(await usageBytes(tenantId)).toBe(inR2);
  });
});
