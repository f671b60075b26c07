/**
 * The one Worker: HTTP (API, auth, UI), the queue consumer, the retention cron, and the
 * Durable Object classes it hosts.
 */
import { app } from "./app";
import type { Env, QueueMessage } from "./env";
import { handleQueueBatch } from "./queue/consumer";
import { sweepExpiredJobs } from "./tenancy/retention";
import { sweepIdempotencyKeys } from "./api/idempotency";
import { registerWebhookListener } from "./webhooks/index";
import { registerMailListener } from "./mail/notices";

// Job finish and progress hooks (worker/jobs/events.ts): the JobRunner and the queue consumer call
// them in this isolate, so the listeners are registered here, before any request or alarm.
registerWebhookListener();
// Job-finished notices by mail to members who opted in (worker/mail/notices.ts).
registerMailListener();

export { JobRunner } from "./runtime/job-runner";
export { TenantGate } from "./tenancy/tenant-gate";
export { OpsMetrics } from "./ops/ops-metrics";

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  queue: (batch, env, ctx) => handleQueueBatch(batch, env, ctx),
  // Daily cron (wrangler.toml [triggers]): deletes jobs' data past their tier's retention and
  // idempotency records past their 24 h window.
  scheduled: async (controller, env, ctx) => {
    const at = new Date(controller.scheduledTime);
    ctx.waitUntil(sweepExpiredJobs(env, at).then(() => undefined));
    ctx.waitUntil(sweepIdempotencyKeys(env, at).then(() => undefined));
  },
} satisfies ExportedHandler<Env, QueueMessage>;
