/**
 * Queue consumer for the jobs queue and its dead-letter queue. Each message is acked or retried
 * on its own, never the whole batch, so one poison message cannot hold back the others.
 */
import type { Env, QueueMessage } from "../env";
import { createLogger } from "../http/request-context";
import { deadLetterIslandChunk, isIslandChunk, runIslandChunk } from "./island-chunk";
import { deadLetterWebhookDelivery, handleWebhookDelivery, isWebhookDelivery } from "../webhooks/deliver";

/** Queue names from wrangler.toml: the dead-letter queue gets its own handling. */
export const DEAD_LETTER_QUEUE = "evolve-jobs-dead";

export async function handleQueueBatch(batch: MessageBatch<QueueMessage>, env: Env, _ctx: ExecutionContext): Promise<void> {
  const log = createLogger({ queue: batch.queue });
  const deadLetters = batch.queue === DEAD_LETTER_QUEUE;
  for (const message of batch.messages) {
    const body = message.body;
    try {
      switch (body?.type) {
        case "health-ping":
          message.ack();
          break;
        case "island-chunk":
          if (!isIslandChunk(body)) {
            log.warn("dropping malformed island-chunk message", { messageId: message.id });
          } else if (deadLetters) {
            log.warn("island chunk dead-lettered", { messageId: message.id, jobId: body.jobId, island: body.island, seq: body.seq });
            await deadLetterIslandChunk(env, body);
          } else {
            const outcome = await runIslandChunk(env, body);
            log.info("island chunk", { jobId: body.jobId, island: body.island, seq: body.seq, outcome, attempts: message.attempts });
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
      log.error("queue message failed", { messageId: message.id, attempts: message.attempts, error: String(e) });
      message.retry();
    }
  }
}
