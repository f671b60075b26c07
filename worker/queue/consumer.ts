/**
 * Queue consumer for the jobs queue and its dead-letter queue. Each message is acked or retried
 * on its own, never the whole batch, so one poison message cannot hold back the others.
 */
import type { Env, QueueMessage } from "../env";
import { createLogger } from "../http/request-context";

export async function handleQueueBatch(batch: MessageBatch<QueueMessage>, env: Env, _ctx: ExecutionContext): Promise<void> {
  const log = createLogger({ queue: batch.queue });
  for (const message of batch.messages) {
    const body = message.body;
    try {
      switch (body?.type) {
        case "health-ping":
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
  void env;
}
