/**
 * A bench-only Worker for `npm run bench -- runtime`: the real JobRunner, TenantGate and queue
 * consumer, plus a few unauthenticated endpoints to drive them from Node. It runs only in local
 * workerd (started by bench/runtime.ts) and is never deployed; the product Worker is untouched.
 */
import type { Env, QueueMessage } from "../worker/env";
import { createJob, getJob } from "../worker/jobs";
import { jobRunner } from "../worker/jobs/job-queries";
import { handleQueueBatch } from "../worker/queue/consumer";

export { JobRunner } from "../worker/runtime/job-runner";
export { TenantGate } from "../worker/tenancy/tenant-gate";

const json = (v: unknown, status = 200) => new Response(JSON.stringify(v), { status, headers: { "content-type": "application/json" } });

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const parts = url.pathname.split("/").filter(Boolean); // bench, <what>, ...
    try {
      if (url.pathname === "/bench/clock") {
        // Does the clock move during synchronous work here? (Deployed Workers: no.)
        const t0 = Date.now();
        let x = 0;
        for (let i = 0; i < 3e7; i++) x += Math.sqrt(i);
        const t1 = Date.now();
        await new Promise((r) => setTimeout(r, 0));
        return json({ syncMs: t1 - t0, afterTickMs: Date.now() - t0, x });
      }
      if (request.method === "POST" && url.pathname === "/bench/sql") {
        const { statements } = (await request.json()) as { statements: string[] };
        if (statements.length) await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
        return json({ ok: true });
      }
      if (request.method === "POST" && url.pathname === "/bench/jobs") {
        const { tenantId, input } = (await request.json()) as { tenantId: string; input: Parameters<typeof createJob>[2] };
        return json(await createJob(env, { tenantId }, input), 201);
      }
      if (parts[1] === "jobs" && parts[2] && parts[3] === "ws") {
        return jobRunner(env, parts[2]).fetch(new Request(`https://job-runner/${parts[2]}/ws`, { headers: { Upgrade: "websocket" } }));
      }
      if (parts[1] === "jobs" && parts[2]) {
        const tenantId = url.searchParams.get("tenantId") ?? "";
        const runner = jobRunner(env, parts[2]);
        return json({ row: await getJob(env, tenantId, parts[2]), view: await runner.status(), timing: await runner.timing() });
      }
      return json({ error: "not found" }, 404);
    } catch (e) {
      return json({ error: String(e), stack: (e as Error).stack }, 500);
    }
  },
  queue: (batch, env, ctx) => handleQueueBatch(batch, env, ctx),
} satisfies ExportedHandler<Env, QueueMessage>;
