/**
 * Live progress of a job, proxied to its JobRunner:
 *   GET /v1/jobs/:id/events  Server-Sent Events for API clients; resumable with Last-Event-ID
 *                            (event ids are the job's event sequence numbers).
 *   GET /v1/jobs/:id/ws      WebSocket upgrade for the web app (hibernatable on the runner).
 * The first message is a snapshot with the downsampled convergence history; then one event per
 * progress push (≤ 10/s) and one per state change. The job must belong to the caller's tenant.
 */
import { Hono } from "hono";
import type { Env } from "../env";
import { assertScope } from "../auth/authenticate";
import { ApiError } from "../http/problem";
import { isOwnOrigin } from "../http/security";
import { getJob, jobRunner } from "./job-queries";
import { releasingWhenDone, SSE_LEASE_MS, takeStreamSlot, WS_LEASE_MS } from "./stream-limits";

export const jobEventsRoutes = new Hono<{ Bindings: Env }>();

/** 401 without a caller, 403 without jobs:read; the tenant every lookup is scoped by. */
function requireTenant(c: { get(key: "auth"): import("../http/vars").AuthContext | undefined }): string {
  return assertScope(c.get("auth"), "jobs:read").tenantId;
}

jobEventsRoutes.get("/:id/events", async (c) => {
  const tenantId = requireTenant(c);
  const id = c.req.param("id");
  await getJob(c.env, tenantId, id); // 404 for another tenant's job
  const headers = new Headers();
  const last = c.req.header("Last-Event-ID") ?? c.req.query("lastEventId");
  if (last !== undefined) {
    if (!/^\d+$/.test(last)) {
      throw new ApiError(422, "validation-error", "Validation failed", "Last-Event-ID must be an event id this stream sent.", {
        errors: [{ path: "Last-Event-ID", message: "must be a non-negative integer" }],
      });
    }
    headers.set("Last-Event-ID", last);
  }
  // At most MAX_STREAMS_PER_JOB / _PER_TENANT open at once (./stream-limits.ts), released when the stream ends.
  const release = await takeStreamSlot(c.env, tenantId, id, SSE_LEASE_MS);
  try {
    const res = await jobRunner(c.env, id).fetch(new Request(`https://job-runner/${id}/events`, { headers }));
    return releasingWhenDone(res, release, (p) => c.executionCtx.waitUntil(p));
  } catch (e) {
    await release();
    throw e;
  }
});

jobEventsRoutes.get("/:id/ws", async (c) => {
  const tenantId = requireTenant(c);
  const id = c.req.param("id");
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, "upgrade-required", "WebSocket upgrade required", "Connect with a WebSocket client (Upgrade: websocket).");
  }
  // Cross-site WebSocket hijacking: a browser always sends Origin on an upgrade, and a page of
  // another site must not ride the session cookie. Clients that are not browsers send none.
  const origin = c.req.header("origin");
  if (origin !== undefined && !isOwnOrigin(origin, c.req.url, c.env.APP_URL)) {
    throw new ApiError(
      403,
      "cross-site-request",
      "Cross-site WebSocket refused",
      "Live updates over WebSocket are for the Evolve web app itself; API clients use the SSE stream /v1/jobs/{id}/events.",
    );
  }
  await getJob(c.env, tenantId, id);
  // Counts against the same caps for WS_LEASE_MS (the Worker never sees the socket close).
  await takeStreamSlot(c.env, tenantId, id, WS_LEASE_MS);
  return jobRunner(c.env, id).fetch(new Request(`https://job-runner/${id}/ws`, { headers: { Upgrade: "websocket" } }));
});
