/**
 * The one Worker: HTTP (API, auth, UI), the queue consumer, the retention cron, and the
 * Durable Object classes it hosts.
 */
import { app } from "./app";
import type { Env, QueueMessage } from "./env";
import { handleQueueBatch } from "./queue/consumer";

export { JobRunner } from "./runtime/job-runner";
export { TenantGate } from "./tenancy/tenant-gate";
export { OpsMetrics } from "./ops/ops-metrics";

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  queue: (batch, env, ctx) => handleQueueBatch(batch, env, ctx),
  scheduled: async (_controller, _env, _ctx) => {
    // Retention sweep arrives with the tenancy issue.
  },
} satisfies ExportedHandler<Env, QueueMessage>;
