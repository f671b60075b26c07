/**
 * Concurrent live streams (SSE `/v1/jobs/:id/events`, WebSocket `/v1/jobs/:id/ws`) per job and per
 * tenant. Each open stream holds a lease in a TenantGate object used as a counting semaphore
 * (`streams:job:<id>` and `streams:tenant:<id>`, worker/tenancy/tenant-gate.ts `admit` / `release`):
 * beyond the cap, 429 problem+json with Retry-After. An SSE stream releases its leases when it ends
 * (the client disconnects or the job finishes); a WebSocket is handed to the JobRunner (hibernating)
 * and the Worker never sees it close, so its leases simply lapse after WS_LEASE_MS — the caps then
 * bound how many sockets are opened per WS_LEASE_MS. A lease that is never released (the isolate
 * died) lapses too, so a slot is never lost for longer than the lease.
 */
import type { Env } from "../env";
import { ApiError } from "../http/problem";

export const MAX_STREAMS_PER_JOB = 10;
export const MAX_STREAMS_PER_TENANT = 50;
/** Longest an SSE stream's slot is held without a release (a stream that outlives it stops counting). */
export const SSE_LEASE_MS = 60 * 60_000;
/** How long one WebSocket open counts against the caps. */
export const WS_LEASE_MS = 10 * 60_000;

function semaphore(env: Env, name: string) {
  return env.TENANT_GATE.get(env.TENANT_GATE.idFromName(name));
}

/**
 * Takes one stream slot for the job and one for the tenant, or throws 429. Returns the release
 * (idempotent; best-effort).
 */
export async function takeStreamSlot(env: Env, tenantId: string, jobId: string, leaseMs: number): Promise<() => Promise<void>> {
  const id = `stream_${crypto.randomUUID()}`;
  const job = semaphore(env, `streams:job:${jobId}`);
  const tenant = semaphore(env, `streams:tenant:${tenantId}`);
  const take = (gate: ReturnType<typeof semaphore>, max: number) => gate.admit({ jobId: id, concurrentJobs: max, jobsPerDay: Number.MAX_SAFE_INTEGER, leaseMs });
  const perJob = await take(job, MAX_STREAMS_PER_JOB);
  if (!perJob.ok) throw tooMany("job", MAX_STREAMS_PER_JOB, perJob.retryAfterSeconds);
  const perTenant = await take(tenant, MAX_STREAMS_PER_TENANT);
  if (!perTenant.ok) {
    await job.release(id);
    throw tooMany("tenant", MAX_STREAMS_PER_TENANT, perTenant.retryAfterSeconds);
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await Promise.all([job.release(id), tenant.release(id)]).catch(() => undefined);
  };
}

function tooMany(scope: "job" | "tenant", max: number, retryAfter: number): ApiError {
  return new ApiError(429, "too-many-streams", "Too many live streams", `At most ${max} live streams (SSE or WebSocket) per ${scope} at once; close one or retry in ${retryAfter} s.`, {
    limit: scope === "job" ? "streamsPerJob" : "streamsPerTenant",
    max,
    headers: { "Retry-After": String(retryAfter) },
  });
}

/** The SSE response with its body piped through, releasing the slot when the stream ends either way. */
export function releasingWhenDone(res: Response, release: () => Promise<void>, waitUntil: (p: Promise<unknown>) => void): Response {
  if (!res.body) {
    waitUntil(release());
    return res;
  }
  const { readable, writable } = new TransformStream();
  waitUntil(
    res.body
      .pipeTo(writable)
      .catch(() => undefined)
      .finally(release),
  );
  return new Response(readable, res);
}
