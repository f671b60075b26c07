/**
 * The one Worker: HTTP (API, auth, UI), the queue consumer, the retention cron, and the
 * Durable Object classes it hosts.
 */
import { app } from "./app";
import type { Env, QueueMessage } from "./env";
import { handleQueueBatch } from "./queue/consumer";
import { sweepExpiredJobs } from "./tenancy/retention";
import { registerWebhookListener } from "./webhooks/index";

// Job finish and progress hooks (worker/jobs/events.ts): the JobRunner and the queue consumer call
// them in this isolate, so the listeners are registered here, before any request or alarm.
registerWebhookListener();

export { JobRunner } from "./runtime/job-runner";
export { TenantGate } from "./tenancy/tenant-gate";
export { OpsMetrics } from "./ops/ops-metrics";

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  queue: (batch, env, ctx) => handleQueueBatch(batch, env, ctx),
  // Daily cron (wrangler.toml [triggers]): deletes jobs' data past their tier's retention.
  scheduled: async (controller, env, ctx) => {
    ctx.waitUntil(sweepExpiredJobs(env, new Date(controller.scheduledTime)).then(() => undefined));
  },
} satisfies ExportedHandler<Env, QueueMessage>;
