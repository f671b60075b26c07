/**
 * Webhook delivery through the jobs queue. `emitWebhookEvent` records attempt 1 for every enabled
 * endpoint whose filter matches and enqueues a `webhook-delivery` message; the consumer calls
 * `handleWebhookDelivery`, which POSTs the signed event, records the outcome on the attempt's row,
 * and on failure records the next attempt and enqueues it with a backoff delay. Every attempt is
 * its own row, so the tenant sees each response code (`GET /v1/webhooks/:id/deliveries`) but never
 * a reply body. Targets are re-checked before every POST and redirect hop (worker/webhooks/target.ts).
 */
import { and, eq, gt } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { job, webhookDelivery, webhookEndpoint } from "../db/schema";
import type { Env, QueueMessage } from "../env";
import { MAX_ATTEMPTS, PROGRESS_INTERVAL_MS, RETRY_DELAYS_SECONDS, type WebhookEvent, type WebhookEventType } from "./events";
import { JOB_ENDPOINT_PREFIX, jobEndpointId, jobWebhookSecret } from "./job-webhook";
import { signWebhook } from "./signing";
import { webhookTargetRefusal, type TargetEnv } from "./target";

export interface WebhookDeliveryMessage {
  type: "webhook-delivery";
  deliveryId: string;
  tenantId: string;
  endpointId: string;
  attempt: number;
  event: WebhookEvent;
}

/** QueueMessage's open member wants an index signature; the shape is checked here instead. */
const asQueueMessage = (m: WebhookDeliveryMessage) => m as unknown as QueueMessage;

/** Give up on a tenant's server after this long (it should answer fast and work later). */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** Redirects followed per attempt (by hand, each hop re-checked against the target rule). */
export const MAX_REDIRECTS = 3;
const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

/**
 * POSTs the signed event to `url`, following at most MAX_REDIRECTS redirects by hand: every hop must
 * pass the target rule (worker/webhooks/target.ts), so a redirect cannot reach an internal address.
 * The reply's body is never read or stored (a tenant could point us at a server whose answer it
 * wants to see): the outcome is the status code, or a fixed reason.
 */
export async function postToTarget(env: TargetEnv, url: string, body: string, headers: Record<string, string>, fetcher: typeof fetch): Promise<{ code: number | null; error: string | null }> {
  let target = url;
  for (let hop = 0; ; hop++) {
    const refusal = webhookTargetRefusal(env, target);
    if (refusal) return { code: null, error: hop === 0 ? `target refused: ${refusal.message}` : `redirect refused: the new location ${refusal.message}` };
    let res: Response;
    try {
      res = await fetcher(target, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Evolve-Webhooks/1", ...headers },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
    } catch (e) {
      return { code: null, error: (e as Error).name === "TimeoutError" ? `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` : "could not connect" };
    }
    await res.body?.cancel().catch(() => undefined);
    const location = res.headers.get("location");
    if (REDIRECT_CODES.has(res.status) && location) {
      if (hop >= MAX_REDIRECTS) return { code: res.status, error: `more than ${MAX_REDIRECTS} redirects` };
      try {
        target = new URL(location, target).toString();
      } catch {
        return { code: res.status, error: "redirect refused: the new location is not a valid URL" };
      }
      continue;
    }
    return { code: res.status, error: res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}` };
  }
}

const deliveryId = (endpointId: string, eventId: string, attempt: number) => `whd_${endpointId.replace(/^(whe_|job:)/, "")}_${eventId}_${attempt}`;

/** Delay before attempt `next` (2, 3, …); WEBHOOK_RETRY_SCALE scales it (0 in tests). */
export function retryDelaySeconds(env: Env, next: number): number {
  const scale = Number(env.WEBHOOK_RETRY_SCALE ?? "1");
  const base = RETRY_DELAYS_SECONDS[Math.min(next - 2, RETRY_DELAYS_SECONDS.length - 1)];
  return Math.round(base * (Number.isFinite(scale) && scale >= 0 ? scale : 1));
}

/**
 * Record and enqueue `event` for every matching endpoint of the tenant. Idempotent per event id:
 * calling it again (a retried finish hook) sends nothing new. Returns the number of deliveries queued.
 */
export async function emitWebhookEvent(env: Env, tenantId: string, event: WebhookEvent, jobId: string | null = null): Promise<number> {
  const db = drizzle(env.DB);
  const endpoints = await db
    .select()
    .from(webhookEndpoint)
    .where(and(eq(webhookEndpoint.tenantId, tenantId), eq(webhookEndpoint.enabled, true)));
  let queued = 0;
  for (const ep of endpoints) {
    if (!ep.events.includes(event.type)) continue;
    const id = deliveryId(ep.id, event.id, 1);
    const inserted = await db
      .insert(webhookDelivery)
      .values({ id, tenantId, endpointId: ep.id, eventId: event.id, eventType: event.type, jobId, attempt: 1, status: "pending" })
      .onConflictDoNothing()
      .returning({ id: webhookDelivery.id });
    if (!inserted.length) continue;
    const message: WebhookDeliveryMessage = { type: "webhook-delivery", deliveryId: id, tenantId, endpointId: ep.id, attempt: 1, event };
    await env.JOBS_QUEUE.send(asQueueMessage(message));
    queued++;
  }
  return queued;
}

/** Finished-job event (job.succeeded | job.failed | job.cancelled | job.expired). */
export async function emitJobFinished(
  env: Env,
  job: { id: string; tenantId: string; kind: string; algorithm: string; state: string; error: string | null; best: number | null; evaluations: number; computeMs: number; finishedAt: number },
): Promise<number> {
  const type = `job.${job.state}` as WebhookEventType;
  const event: WebhookEvent = {
    id: `evt_${job.id}_${job.state}`,
    type,
    timestamp: new Date(job.finishedAt).toISOString(),
    data: {
      jobId: job.id,
      kind: job.kind,
      algorithm: job.algorithm,
      state: job.state,
      best: job.best,
      evaluations: job.evaluations,
      computeMs: job.computeMs,
      error: job.error,
      links: { job: `/v1/jobs/${job.id}`, result: `/v1/jobs/${job.id}/result` },
    },
  };
  return (await emitWebhookEvent(env, job.tenantId, event, job.id)) + (await emitJobWebhook(env, job.tenantId, job.id, event));
}

/** The job's own webhook URL (if it has one) gets finish events, recorded under `job:<id>`. */
async function emitJobWebhook(env: Env, tenantId: string, jobId: string, event: WebhookEvent): Promise<number> {
  if (event.type === "job.progress") return 0;
  const db = drizzle(env.DB);
  const [row] = await db
    .select({ url: job.webhookUrl })
    .from(job)
    .where(and(eq(job.id, jobId), eq(job.tenantId, tenantId)));
  if (!row?.url) return 0;
  const endpointId = jobEndpointId(jobId);
  const id = deliveryId(endpointId, event.id, 1);
  const inserted = await db
    .insert(webhookDelivery)
    .values({ id, tenantId, endpointId, eventId: event.id, eventType: event.type, jobId, attempt: 1, status: "pending" })
    .onConflictDoNothing()
    .returning({ id: webhookDelivery.id });
  if (!inserted.length) return 0;
  await env.JOBS_QUEUE.send(asQueueMessage({ type: "webhook-delivery", deliveryId: id, tenantId, endpointId, attempt: 1, event }));
  return 1;
}

/** Where and with which secret a delivery goes: a tenant endpoint, or a job's own URL. */
async function target(env: Env, tenantId: string, endpointId: string): Promise<{ url: string; secret: string; enabled: boolean } | null> {
  const db = drizzle(env.DB);
  if (endpointId.startsWith(JOB_ENDPOINT_PREFIX)) {
    const [row] = await db
      .select({ url: job.webhookUrl })
      .from(job)
      .where(and(eq(job.id, endpointId.slice(JOB_ENDPOINT_PREFIX.length)), eq(job.tenantId, tenantId)));
    return row?.url ? { url: row.url, secret: await jobWebhookSecret(env, tenantId), enabled: true } : null;
  }
  const [ep] = await db
    .select()
    .from(webhookEndpoint)
    .where(and(eq(webhookEndpoint.id, endpointId), eq(webhookEndpoint.tenantId, tenantId)));
  return ep ?? null;
}

/**
 * Progress event, throttled: nothing is sent when this job already produced a `job.progress`
 * delivery in the last PROGRESS_INTERVAL_MS. Call it from the progress fan-out as often as you like.
 */
export async function emitJobProgress(env: Env, tenantId: string, jobId: string, progress: Record<string, unknown>, now = Date.now()): Promise<number> {
  const db = drizzle(env.DB);
  const recent = await db
    .select({ id: webhookDelivery.id })
    .from(webhookDelivery)
    .where(
      and(eq(webhookDelivery.tenantId, tenantId), eq(webhookDelivery.jobId, jobId), eq(webhookDelivery.eventType, "job.progress"), gt(webhookDelivery.createdAt, new Date(now - PROGRESS_INTERVAL_MS))),
    )
    .limit(1);
  if (recent.length) return 0;
  const event: WebhookEvent = { id: `evt_${jobId}_progress_${now}`, type: "job.progress", timestamp: new Date(now).toISOString(), data: { jobId, ...progress } };
  return emitWebhookEvent(env, tenantId, event, jobId);
}

/** One delivery attempt (the queue consumer's `webhook-delivery` case). Never throws for the tenant's failures. */
export async function handleWebhookDelivery(env: Env, msg: WebhookDeliveryMessage, fetcher: typeof fetch = fetch): Promise<void> {
  const db = drizzle(env.DB);
  const [row] = await db
    .select()
    .from(webhookDelivery)
    .where(and(eq(webhookDelivery.id, msg.deliveryId), eq(webhookDelivery.tenantId, msg.tenantId)));
  // Already settled (queue redelivery) or the endpoint was deleted with its history: nothing to do.
  if (!row || row.status !== "pending") return;
  const ep = await target(env, msg.tenantId, msg.endpointId);
  if (!ep || !ep.enabled) {
    await db
      .update(webhookDelivery)
      .set({ status: "failed", error: ep ? "endpoint disabled" : "endpoint deleted" })
      .where(eq(webhookDelivery.id, row.id));
    return;
  }
  const body = JSON.stringify({ type: msg.event.type, timestamp: msg.event.timestamp, data: msg.event.data });
  const headers = await signWebhook(ep.secret, msg.event.id, Math.floor(Date.now() / 1000), body);
  const { code, error } = await postToTarget(env, ep.url, body, headers, fetcher);
  const delivered = error === null;
  await db
    .update(webhookDelivery)
    .set({ status: delivered ? "delivered" : "failed", responseCode: code, error })
    .where(eq(webhookDelivery.id, row.id));
  // A refused target stays refused: retrying would only repeat the refusal.
  if (delivered || msg.attempt >= MAX_ATTEMPTS || error?.startsWith("target refused")) return;

  const next = msg.attempt + 1;
  const nextId = deliveryId(msg.endpointId, msg.event.id, next);
  const inserted = await db
    .insert(webhookDelivery)
    .values({ id: nextId, tenantId: msg.tenantId, endpointId: msg.endpointId, eventId: msg.event.id, eventType: msg.event.type, jobId: row.jobId, attempt: next, status: "pending" })
    .onConflictDoNothing()
    .returning({ id: webhookDelivery.id });
  if (inserted.length) {
    await env.JOBS_QUEUE.send(asQueueMessage({ ...msg, deliveryId: nextId, attempt: next }), { delaySeconds: retryDelaySeconds(env, next) });
  }
}

export function isWebhookDelivery(body: unknown): body is WebhookDeliveryMessage {
  const m = body as Partial<WebhookDeliveryMessage> | null;
  return (
    !!m && m.type === "webhook-delivery" && typeof m.deliveryId === "string" && typeof m.tenantId === "string" && typeof m.endpointId === "string" && typeof m.attempt === "number" && !!m.event?.id
  );
}

/** Our own processing failed on every queue retry: close the attempt so the tenant sees why. */
export async function deadLetterWebhookDelivery(env: Env, msg: WebhookDeliveryMessage): Promise<void> {
  await drizzle(env.DB)
    .update(webhookDelivery)
    .set({ status: "failed", error: "not delivered: internal processing failed repeatedly" })
    .where(and(eq(webhookDelivery.id, msg.deliveryId), eq(webhookDelivery.tenantId, msg.tenantId), eq(webhookDelivery.status, "pending")));
}
