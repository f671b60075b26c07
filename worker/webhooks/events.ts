/** The events a tenant can subscribe a webhook endpoint to. */
export const WEBHOOK_EVENTS = ["job.succeeded", "job.failed", "job.cancelled", "job.expired", "job.progress"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** A progress event is sent at most this often per job and endpoint. */
export const PROGRESS_INTERVAL_MS = 60_000;

/** Standard Webhooks payload shape: `{ type, timestamp, data }`. */
export interface WebhookEvent {
  /** Stable per event (the `webhook-id` header): receivers dedupe on it across retries. */
  id: string;
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Retry schedule after each failed attempt (Standard Webhooks' suggestion, trimmed to 6 retries). */
export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18000, 36000];
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
