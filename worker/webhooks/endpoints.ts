/**
 * Tenant webhook endpoints: create (secret shown once), list, get, update, delete. Every query is
 * scoped by tenant; another tenant's endpoint id answers 404.
 */
import { and, desc, eq, lt, or } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { webhookDelivery, webhookEndpoint } from "../db/schema";
import type { Env } from "../env";
import { ApiError } from "../http/problem";
import type { WebhookEventType } from "./events";
import { newWebhookSecret } from "./signing";
import { webhookTargetRefusal } from "./target";

export type EndpointRow = typeof webhookEndpoint.$inferSelect;

export const MAX_ENDPOINTS_PER_TENANT = 10;

export function endpointView(row: EndpointRow) {
  return { id: row.id, url: row.url, events: row.events as WebhookEventType[], enabled: row.enabled, createdAt: row.createdAt.toISOString() };
}

const notFound = (id: string) => new ApiError(404, "not-found", "Not found", `No webhook endpoint ${id}.`);

/**
 * The target URL if webhooks may call it (public https on the default port, no credentials:
 * worker/webhooks/target.ts), else a 422 naming `field`.
 */
export function checkTargetUrl(env: Env, raw: string, field = "url"): string {
  const refusal = webhookTargetRefusal(env, raw);
  if (refusal) {
    const detail =
      refusal.reason === "invalid-url"
        ? "The webhook URL is not a valid URL."
        : refusal.reason === "credentials"
          ? "Put no credentials in the URL; verify the signature instead."
          : "Webhook URLs must be public https servers on the default port: no private, loopback, link-local or local-only hosts.";
    throw new ApiError(422, "validation-error", "Validation failed", detail, { errors: [{ path: field, message: refusal.message }] });
  }
  return new URL(raw).toString();
}

export async function createEndpoint(env: Env, tenantId: string, input: { url: string; events: WebhookEventType[]; enabled?: boolean }) {
  const db = drizzle(env.DB);
  const url = checkTargetUrl(env, input.url);
  const count = (await db.select({ id: webhookEndpoint.id }).from(webhookEndpoint).where(eq(webhookEndpoint.tenantId, tenantId))).length;
  if (count >= MAX_ENDPOINTS_PER_TENANT) {
    throw new ApiError(409, "too-many-endpoints", "Too many endpoints", `A tenant can have at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints; delete one first.`);
  }
  const row = {
    id: `whe_${crypto.randomUUID().replaceAll("-", "")}`,
    tenantId,
    url,
    secret: newWebhookSecret(),
    events: [...new Set(input.events)],
    enabled: input.enabled ?? true,
    createdAt: new Date(),
  };
  await db.insert(webhookEndpoint).values(row);
  return { ...endpointView(row), secret: row.secret };
}

export async function listEndpoints(env: Env, tenantId: string) {
  const rows = await drizzle(env.DB).select().from(webhookEndpoint).where(eq(webhookEndpoint.tenantId, tenantId)).orderBy(webhookEndpoint.createdAt);
  return rows.map(endpointView);
}

export async function getEndpoint(env: Env, tenantId: string, id: string): Promise<EndpointRow> {
  const [row] = await drizzle(env.DB)
    .select()
    .from(webhookEndpoint)
    .where(and(eq(webhookEndpoint.tenantId, tenantId), eq(webhookEndpoint.id, id)));
  if (!row) throw notFound(id);
  return row;
}

export async function updateEndpoint(env: Env, tenantId: string, id: string, patch: { url?: string; events?: WebhookEventType[]; enabled?: boolean }) {
  await getEndpoint(env, tenantId, id);
  const set: Partial<EndpointRow> = {};
  if (patch.url !== undefined) set.url = checkTargetUrl(env, patch.url);
  if (patch.events !== undefined) set.events = [...new Set(patch.events)];
  if (patch.enabled !== undefined) set.enabled = patch.enabled;
  if (Object.keys(set).length)
    await drizzle(env.DB)
      .update(webhookEndpoint)
      .set(set)
      .where(and(eq(webhookEndpoint.tenantId, tenantId), eq(webhookEndpoint.id, id)));
  return endpointView(await getEndpoint(env, tenantId, id));
}

/** Rotates the signing secret (the old one stops working at once). */
export async function rotateSecret(env: Env, tenantId: string, id: string) {
  await getEndpoint(env, tenantId, id);
  const secret = newWebhookSecret();
  await drizzle(env.DB)
    .update(webhookEndpoint)
    .set({ secret })
    .where(and(eq(webhookEndpoint.tenantId, tenantId), eq(webhookEndpoint.id, id)));
  return { ...endpointView(await getEndpoint(env, tenantId, id)), secret };
}

export async function deleteEndpoint(env: Env, tenantId: string, id: string): Promise<void> {
  await getEndpoint(env, tenantId, id);
  const db = drizzle(env.DB);
  await db.batch([
    db.delete(webhookDelivery).where(and(eq(webhookDelivery.tenantId, tenantId), eq(webhookDelivery.endpointId, id))),
    db.delete(webhookEndpoint).where(and(eq(webhookEndpoint.tenantId, tenantId), eq(webhookEndpoint.id, id))),
  ]);
}

export function deliveryView(row: typeof webhookDelivery.$inferSelect) {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType as WebhookEventType,
    jobId: row.jobId,
    attempt: row.attempt,
    status: row.status as "pending" | "delivered" | "failed",
    responseCode: row.responseCode,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Attempts to one endpoint, newest first; the cursor is (createdAt, id) so equal times never skip rows. */
export async function listDeliveries(env: Env, tenantId: string, endpointId: string, page: { cursor?: string; limit: number }) {
  // A job's own webhook (`job:<id>`) was checked by the caller (the job exists for this tenant).
  if (!endpointId.startsWith("job:")) await getEndpoint(env, tenantId, endpointId);
  const conds = [eq(webhookDelivery.tenantId, tenantId), eq(webhookDelivery.endpointId, endpointId)];
  if (page.cursor) {
    const c = decodeCursor(page.cursor);
    const at = new Date(c.t);
    conds.push(or(lt(webhookDelivery.createdAt, at), and(eq(webhookDelivery.createdAt, at), lt(webhookDelivery.id, c.id)))!);
  }
  const rows = await drizzle(env.DB)
    .select()
    .from(webhookDelivery)
    .where(and(...conds))
    .orderBy(desc(webhookDelivery.createdAt), desc(webhookDelivery.id))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items: items.map(deliveryView), nextCursor: more && last ? btoa(JSON.stringify({ t: last.createdAt.getTime(), id: last.id })) : null };
}

function decodeCursor(cursor: string): { t: number; id: string } {
  try {
    const c = JSON.parse(atob(cursor)) as { t: unknown; id: unknown };
    if (typeof c.t === "number" && typeof c.id === "string") return { t: c.t, id: c.id };
  } catch {
    // fall through to the 422
  }
  throw new ApiError(422, "validation-error", "Validation failed", "Invalid cursor.", { errors: [{ path: "query.cursor", message: "is not a cursor from this list" }] });
}
