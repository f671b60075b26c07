/**
 * Webhooks to tenants: endpoints with event filters, Standard Webhooks signatures, delivery with
 * retries through the queue, every attempt recorded. `registerWebhookListener()` adds the finish
 * and progress listeners to the job hooks (worker/jobs/events.ts); the Worker's entry
 * (worker/index.ts) and createApp (worker/app.ts) call it.
 */
import { jobFinishedListeners, jobProgressListeners } from "../jobs/events";
import { emitJobFinished, emitJobProgress } from "./deliver";

export { emitWebhookEvent, emitJobFinished, emitJobProgress, handleWebhookDelivery, type WebhookDeliveryMessage } from "./deliver";
export { signWebhook, verifyWebhook, newWebhookSecret } from "./signing";
export { WEBHOOK_EVENTS, type WebhookEventType } from "./events";

let registered = false;
/** Adds the tenant-webhook listener to the job finish hook (once per isolate). */
export function registerWebhookListener(): void {
  if (registered) return;
  registered = true;
  jobFinishedListeners.push(async (env, job) => {
    await emitJobFinished(env, job);
  });
  jobProgressListeners.push(async (env, { id, tenantId, ...progress }) => {
    await emitJobProgress(env, tenantId, id, progress);
  });
}
