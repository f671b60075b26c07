/**
 * Queue consumer for the jobs queue and its dead-letter queue. Each message is acked or retried
 * on its own, never the whole batch, so one poison message cannot hold back the others.
 */
import type { Env, QueueMessage } from "../env";
import { createLogger } from "../http/request-context";
import { recordDeadLetter } from "../ops/console";
import { deadLetterIslandChunk, isIslandChunk, runIslandChunk } from "./island-chunk";
import { deadLetterWebhookDelivery, handleWebhookDelivery, isWebhookDelivery } from "../webhooks/deliver";

/** Queue names from wrangler.toml: the dead-letter queue gets its own handling. */
export const DEAD_LETTER_QUEUE = "evolve-jobs-dead";
export const JOBS_QUEUE_NAME = "evolve-jobs";

/** Why a dead letter landed here, for the operator console (the job's own error is more precise). */
async function setDeadLetterReason(env: Env, id: string, reason: string): Promise<void> {
  await env.DB.prepare("UPDATE dead_letter SET reason = ? WHERE id = ?").bind(reason, id).run();
}

async function deadLetterReason(env: Env, body: QueueMessage): Promise<string> {
  if (isIslandChunk(body)) {
    const view = await env.JOB_RUNNER.get(env.JOB_RUNNER.idFromName(body.jobId))
      .status()
      .catch(() => null);
    return view?.error ?? `island ${body.island} chunk ${body.seq} failed on every delivery attempt`;
  }
  return `${String(body?.type ?? "unknown")} message failed on every delivery attempt`;
}

export async function handleQueueBatch(batch: MessageBatch<QueueMessage>, env: Env, _ctx: ExecutionContext): Promise<void> {
  const log = createLogger({ queue: batch.queue });
  const deadLetters = batch.queue === DEAD_LETTER_QUEUE;
  for (const message of batch.messages) {
    const body = message.body;
    try {
      if (deadLetters) {
        // Every dead letter is kept for the operator console (requeue or fail, worker/ops/console.ts).
        // Recorded before acting on it so it is visible even if failing its job throws and retries.
        await recordDeadLetter(
          env,
          { id: message.id, body: (body ?? {}) as Record<string, unknown>, attempts: message.attempts },
          JOBS_QUEUE_NAME,
          `${String(body?.type ?? "unknown")} message failed on every delivery attempt`,
        );
      }
      switch (body?.type) {
        case "health-ping":
          message.ack();
          break;
        case "island-chunk":
          if (!isIslandChunk(body)) {
            log.warn("dropping malformed island-chunk message", { messageId: message.id });
          } else if (deadLetters) {
            log.warn("island chunk dead-lettered", { messageId: message.id, requestId: body.requestId, tenantId: body.tenantId, jobId: body.jobId, island: body.island, seq: body.seq });
            await deadLetterIslandChunk(env, body);
            // The job has now failed with the chunk's actual cause: keep that as the dead letter's reason.
            await setDeadLetterReason(env, message.id, await deadLetterReason(env, body));
          } else {
            const outcome = await runIslandChunk(env, body);
            log.info("island chunk", { requestId: body.requestId, tenantId: body.tenantId, jobId: body.jobId, island: body.island, seq: body.seq, outcome, attempts: message.attempts });
          }
          message.ack();
          break;
        case "webhook-delivery":
          // Tenant-side failures are recorded and rescheduled inside; a throw here is ours (D1) and retries.
          if (!isWebhookDelivery(body)) log.warn("dropping malformed webhook-delivery message", { messageId: message.id });
          else if (deadLetters) await deadLetterWebhookDelivery(env, body);
          else await handleWebhookDelivery(env, body);
          message.ack();
          break;
        default:
          // Unknown message types cannot succeed on retry: log and drop them.
          log.warn("dropping unknown queue message", { messageId: message.id, type: body?.type });
          message.ack();
      }
    } catch (e) {
      const ids = body as { tenantId?: unknown; jobId?: unknown } | undefined;
      log.error("queue message failed", { messageId: message.id, tenantId: ids?.tenantId, jobId: ids?.jobId, attempts: message.attempts, error: String(e) });
      message.retry();
    }
  }
}
